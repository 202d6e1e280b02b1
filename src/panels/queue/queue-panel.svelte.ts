import { formatInt } from '../../format/format';
import type { Announcer } from '../../ui/announcer.svelte';
import { panelShare, type PanelShare } from '../../share/url-state';
import { fromEpoch } from '../../instrument/clock';
import type { Instrument } from '../../instrument/instrument.svelte';
import { LaneLog } from '../../lanes/lane-log';
import type { QueuePhase } from '../../strategies/phases';
import {
  QueuePolling,
  startWorker,
  taskOf,
  type PollTick,
  type Queued,
  type WorkerLike,
} from '../../strategies/queue-polling';
import { checkNumber, NUMERIC_PARAMS, type TaskKind, type TaskSpec } from '../../tasks/params';
import { workersBlocked } from '../../workers/blocked';
import { AnnouncementBatcher } from '../shared/announcements';
import { describeResult } from '../shared/describe-result';
import { LiveFigures } from '../shared/live-figures.svelte';
import { Prediction, firstRunFigures } from '../shared/prediction.svelte';
import { revealSpinner, spinnerQuestion, type SpinnerAnswer } from './prediction';
import { IdleWakeups, SampleRecorder } from '../shared/samples';
import { emptyStats, histogram, type QueueStats } from './delivery-stats';
import { NOT_RUN, NOT_RUN_ANNOUNCED, TaskForm, type FieldErrors } from '../task-form.svelte';

/** Runs in flight at once; each has its own worker, and a reader's clicks should not spawn hundreds. */
export const MAX_RUNS_IN_FLIGHT = 20;
const FULL = `Not run: ${MAX_RUNS_IN_FLIGHT} runs are already in flight, each on its own worker. Wait for one to finish.`;
/** Runs kept for the stall and input figures. */
const KEPT_RUNS = 64;
/** Figures shown on screen are refreshed at most this often. */
const REFRESH_MS = 250;
/** Runs that finish within this long of each other are announced together. */
const ANNOUNCE_BATCH_MS = 250;
/**
 * The code views show a phase for at least this long. A stream changes phase several times a
 * frame; following every change would repaint both code views every frame, faster than anyone
 * could read them.
 */
const PHASE_DWELL_MS = 150;

export interface QueueRunSpec {
  task: TaskSpec;
  pollMs: number;
  tasks: number;
}

export interface QueueRun {
  id: number;
  /** Main-thread timeline: the click, and the tick that delivered its last answer. */
  start: number;
  end: number;
  tasks: number;
  remaining: number;
  failed: number;
}

interface TaskRecord {
  runId: number;
  spec: TaskSpec;
  submittedAt: number;
  span: number | null;
  /** Next progress update expected (1-based), for counting what went missing. */
  next: number;
}

export class QueuePanel {
  readonly form: TaskForm;
  poll = $state(String(NUMERIC_PARAMS.poll.default));
  tasks = $state(String(NUMERIC_PARAMS.tasks.default));
  raise = $state(false);
  /**
   * Why the last Run did nothing, while it is still so, or null: a corrected field, or a run
   * finishing when all were in flight, clears it.
   */
  readonly refused: string | null = $derived.by(() => {
    if (this.#workersBlocked) return this.#workersBlocked;
    if (this.#refused === 'fields') return this.spec ? null : NOT_RUN;
    if (this.#refused === 'full') return this.#openRuns >= MAX_RUNS_IN_FLIGHT ? FULL : null;
    return null;
  });
  #refused = $state<'fields' | 'full' | null>(null);
  /** Why the worker could not start (the host forbids workers), until one does. */
  #workersBlocked = $state<string | null>(null);
  /** Runs with answers still to come: the size of `#open`, as state. */
  #openRuns = $state(0);
  // What a poll tick shows, written once per tick: the strategy's one DOM update. Each is its own
  // field, so a tick that changes the label alone re-renders the label alone.
  /** The Tk label's text: the last message delivered. */
  label = $state('idle');
  done = $state(0);
  failed = $state(0);
  inFlight = $state(0);
  /** How many messages the last tick that delivered anything drained at once. */
  lastBatch = $state(0);
  stats = $state.raw<QueueStats>(emptyStats(NUMERIC_PARAMS.poll.default));
  phase = $state<QueuePhase | null>(null);
  domError = $state<string | null>(null);
  domPending = $state(false);
  polling = $state(false);
  /** Main-thread windows of recent runs, for the stall and input figures. */
  runs = $state.raw<QueueRun[]>([]);
  readonly lanes = new LaneLog(['main', 'worker'], { spans: 2048, arrows: 1024 });
  /** Longest stall, input delay and the comparison's figures, over this panel's runs. */
  readonly live: LiveFigures;

  readonly #instrument: Instrument;
  /** Deliveries made while the page was out of sight, left out of the latency figures. */
  deliveriesOutOfSight = $state(0);
  readonly #announcer: Announcer;
  readonly #spawn: () => WorkerLike;
  #strategy: QueuePolling | null = null;
  #stopWhenIdle = $state(false);
  readonly #tasks = new Map<number, TaskRecord>();
  readonly #open = new Map<number, QueueRun>();
  #latencies = new SampleRecorder();
  #idle = new IdleWakeups();
  #idleTicks = { total: 0, count: 0 };
  #counts = { sent: 0, received: 0, lost: 0, rejected: 0, unmatched: 0, done: 0, failed: 0 };
  /** Ready times (main-thread timeline) of answers put on screen, waiting for the next frame. */
  #awaitingFrame: number[] = [];
  #latestPhase: QueuePhase | null = null;
  #phaseShownAt = -Infinity;
  #lastLabel = 'idle';
  #lastBatch = 0;
  #dirty = false;
  #lastRefresh = -Infinity;
  #nextRun = 1;
  readonly #finished: AnnouncementBatcher<QueueRun>;
  #announceTimer: ReturnType<typeof setTimeout> | null = null;
  #stopFrames: (() => void) | null = null;

  constructor(
    instrument: Instrument,
    announcer: Announcer,
    initial?: { kind: TaskKind; duration: number; rate: number; poll: number; tasks: number },
    options: { spawn?: () => WorkerLike } = {},
  ) {
    this.#instrument = instrument;
    this.#announcer = announcer;
    this.#spawn = options.spawn ?? startWorker;
    this.form = new TaskForm(initial);
    this.live = new LiveFigures(instrument, 'queue', {
      windows: () => this.runs,
      runs: () => this.runs.length,
      delivery: () => this.stats.delivery,
      idleWakeups: () => this.stats.idleRate,
    });
    this.#finished = new AnnouncementBatcher(
      (text) => announcer.say(text),
      (runs) => this.#describeFinished(runs),
    );
    if (initial) {
      this.poll = String(initial.poll);
      this.tasks = String(initial.tasks);
      this.stats = emptyStats(initial.poll);
    }
  }

  get stopWhenIdle(): boolean {
    return this.#stopWhenIdle;
  }

  /** Applies at once: the reader should see the idle wake-ups stop (or resume) as they toggle. */
  set stopWhenIdle(stop: boolean) {
    if (stop === this.#stopWhenIdle) return;
    this.#stopWhenIdle = stop;
    if (!this.#strategy) return;
    this.#strategy.stopWhenIdle = stop;
    this.polling = this.#strategy.polling;
    this.#restartIdleCount();
  }

  readonly errors: FieldErrors = $derived.by(() => {
    const errors: FieldErrors = { ...this.form.errors };
    const poll = checkNumber('poll', this.poll);
    if (!poll.ok) errors.poll = poll.message;
    const tasks = checkNumber('tasks', this.tasks);
    if (!tasks.ok) errors.tasks = tasks.message;
    return errors;
  });

  /** The run to make, or null when any field is refused (then nothing runs). */
  readonly spec: QueueRunSpec | null = $derived.by(() => {
    const task = this.form.spec;
    if (!task || this.errors.poll || this.errors.tasks) return null;
    return { task, pollMs: Number(this.poll), tasks: Number(this.tasks) };
  });

  /** This panel's part of the URL, for the address bar and its Copy link and Embed controls. */
  /** Before the first Run: does the Tk thread's stand-in keep going while the worker runs? */
  readonly prediction = new Prediction<SpinnerAnswer>({
    question: () => spinnerQuestion(this.form.spec?.durationMs ?? null),
    started: () => this.runs.length > 0,
    reveal: (answer) => {
      return revealSpinner(
        answer,
        firstRunFigures(this.runs, this.live),
        "The worker thread did the task; Tk's thread only took each answer out of the queue at a root.after() tick.",
      );
    },
  });

  readonly shareable: PanelShare | null = $derived.by(() =>
    panelShare('queue', this.form, { poll: this.poll, tasks: this.tasks }),
  );

  run(): void {
    const spec = this.spec;
    if (!spec) {
      this.#refused = 'fields';
      this.#announcer.say(NOT_RUN_ANNOUNCED);
      return;
    }
    if (this.#open.size >= MAX_RUNS_IN_FLIGHT) {
      this.#refused = 'full';
      this.#announcer.say(FULL);
      return;
    }
    this.#refused = null;
    const strategy = this.#use();
    if (spec.pollMs !== strategy.pollMs) {
      // Figures measured at another P would blur the comparison with theory.
      strategy.pollMs = spec.pollMs;
      this.#latencies = new SampleRecorder();
      this.deliveriesOutOfSight = 0;
      this.#restartIdleCount();
    }
    const now = performance.now();
    let ids: number[];
    try {
      ids = strategy.submit(
        Array.from({ length: spec.tasks }, () => spec.task),
        this.raise,
      );
    } catch (error) {
      return this.#blocked(error);
    }
    this.#workersBlocked = null;
    this.#idle.busy(now);
    const run: QueueRun = {
      id: this.#nextRun++,
      start: now,
      end: Infinity,
      tasks: ids.length,
      remaining: ids.length,
      failed: 0,
    };
    this.#open.set(run.id, run);
    this.#openRuns = this.#open.size;
    for (const id of ids)
      this.#tasks.set(id, {
        runId: run.id,
        spec: spec.task,
        submittedAt: now,
        span: null,
        next: 1,
      });
    this.#counts.sent += ids.length;
    this.runs = [...this.runs.slice(-(KEPT_RUNS - 1)), run];
    // Like self.show("submitted") in run(): written by the click handler itself, not by a tick.
    this.#lastLabel =
      ids.length === 1
        ? `task ${ids[0]}: submitted`
        : `tasks ${ids[0]}–${ids[ids.length - 1]}: submitted`;
    this.#commit();
    this.polling = strategy.polling;
    this.#dirty = true;
  }

  /** The button "Update the page from the worker". */
  touchDom(): void {
    const strategy = this.#use();
    try {
      strategy.touchDom();
    } catch (error) {
      return this.#blocked(error);
    }
    this.#workersBlocked = null;
    this.#idle.busy(performance.now());
    this.domPending = true;
    this.domError = null;
    this.#counts.sent++;
    this.polling = strategy.polling;
  }

  /** The worker could not start (the host forbids workers): one line says why, nothing else ran. */
  #blocked(error: unknown): void {
    this.#workersBlocked = workersBlocked(error);
    this.#announcer.say(this.#workersBlocked);
  }

  dispose(): void {
    this.#strategy?.dispose();
    this.#strategy = null;
    this.#stopFrames?.();
    this.#stopFrames = null;
    if (this.#announceTimer !== null) clearTimeout(this.#announceTimer);
  }

  #use(): QueuePolling {
    if (this.#strategy) return this.#strategy;
    this.#strategy = new QueuePolling(
      {
        pollMs: Number(this.poll) || NUMERIC_PARAMS.poll.default,
        stopWhenIdle: this.#stopWhenIdle,
      },
      {
        deliver: (batch) => this.#deliver(batch),
        onTick: (tick) => this.#tick(tick),
        onRejected: (count) => {
          this.#counts.rejected += count;
          this.#dirty = true;
        },
        onPhase: (event) => (this.#latestPhase = event.phase),
      },
      this.#spawn,
    );
    this.#stopFrames = this.#instrument.onFrame(this.#frame);
    return this.#strategy;
  }

  /** The strategy's DOM update, once per tick: every drained answer, then one commit. */
  #deliver(batch: readonly Queued[]): void {
    const now = performance.now();
    for (const item of batch) {
      const { message } = item;
      const task = this.#tasks.get(taskOf(item));
      this.#counts.received += message.type === 'progress' ? message.values.length : 1;
      switch (message.type) {
        case 'started':
          if (task) {
            const at = local(message.at);
            this.lanes.arrow({
              from: 'main',
              to: 'worker',
              sentAt: task.submittedAt,
              receivedAt: at,
              label: `run ${message.id}`,
            });
            task.span = this.lanes.open('worker', 'task', at, `task ${message.id}`, message.id);
            this.#lastLabel = `task ${message.id}: running`;
          }
          break;
        case 'progress': {
          if (task) {
            if (message.first > task.next) this.#counts.lost += message.first - task.next;
            task.next = Math.max(task.next, message.first + message.values.length);
          }
          const last = message.first + message.values.length - 1;
          this.#answered(message.at, item.receivedAt, `progress ${message.id}`);
          this.#lastLabel = `task ${message.id}: ${formatInt(last)}/${formatInt(message.total)}`;
          break;
        }
        case 'result':
        case 'failed': {
          this.#answered(message.readyAt, item.receivedAt, `${message.type} ${message.id}`);
          const failed = message.type === 'failed';
          if (task) {
            if (!failed) this.#counts.lost += Math.max(0, message.sent - (task.next - 1));
            if (task.span !== null)
              this.lanes.close(task.span, local(message.readyAt), failed ? 'failed' : 'done');
            this.#tasks.delete(message.id);
            this.#taskEnded(task.runId, failed, now);
          }
          this.#counts[failed ? 'failed' : 'done']++;
          this.#lastLabel = `task ${message.id}: ${failed ? `failed: ${message.message}` : describeResult(task?.spec.kind, message)}`;
          break;
        }
        case 'dom-attempt':
          this.domError = message.error;
          this.domPending = false;
          // The browser's error names its own objects ("document"): the reader hears what it means.
          this.#announcer.say(
            'The worker thread was refused: it cannot change the page, just as a Tk widget cannot be called from another thread.',
          );
          break;
      }
    }
    this.#lastBatch = batch.length;
    this.#commit();
    this.#dirty = true;
  }

  #tick(tick: PollTick): void {
    const strategy = this.#strategy;
    if (!strategy) return;
    // The tick (drain and DOM update) is this strategy's own code on the main thread.
    this.#instrument.strategyWork('queue', tick.start, tick.end);
    this.lanes.instant(
      'main',
      tick.delivered.length > 0 ? 'delivery' : 'poll',
      tick.start,
      tick.end,
      tick.delivered.length > 0 ? `delivered ${tick.delivered.length}` : 'poll',
    );
    if (!tick.busy) {
      this.#idle.wake(tick.start);
      this.#idleTicks.total += tick.end - tick.start;
      this.#idleTicks.count++;
    } else if (tick.owed === 0) {
      this.#idle.idle(tick.end);
    }
    if (tick.unmatched > 0) {
      this.#counts.unmatched += tick.unmatched;
      this.#dirty = true;
    }
    if (this.polling !== strategy.polling) this.polling = strategy.polling;
  }

  /** An answer is on screen as of this tick; its latency ends at the next frame. */
  #answered(readyAtEpoch: number, receivedAt: number, label: string): void {
    const ready = local(readyAtEpoch);
    this.#awaitingFrame.push(ready);
    this.lanes.arrow({ from: 'worker', to: 'main', sentAt: ready, receivedAt, label });
  }

  #taskEnded(runId: number, failed: boolean, now: number): void {
    const run = this.#open.get(runId);
    if (!run) return;
    run.remaining--;
    if (failed) run.failed++;
    if (run.remaining > 0) return;
    this.#open.delete(runId);
    this.#openRuns = this.#open.size;
    run.end = now;
    this.runs = this.runs.map((r) => (r.id === runId ? { ...run } : r));
    this.#finished.add(run, now);
    this.#announceTimer ??= setTimeout(() => {
      this.#announceTimer = null;
      this.#finished.flush();
    }, ANNOUNCE_BATCH_MS);
  }

  #describeFinished(runs: readonly QueueRun[]): string {
    const tasks = runs.reduce((sum, r) => sum + r.tasks, 0);
    const failed = runs.reduce((sum, r) => sum + r.failed, 0);
    const what = `${tasks - failed} ${tasks - failed === 1 ? 'task' : 'tasks'} done, ${failed} failed`;
    const p50 = this.#latencies.summary()?.p50;
    const delivery = p50 === undefined ? '' : ` Median delivery ${Math.round(p50)} ms.`;
    return runs.length === 1
      ? `Queue run ${(runs[0] as QueueRun).id} finished: ${what}.${delivery}`
      : `${runs.length} queue runs finished: ${what}.${delivery}`;
  }

  /** Shows what the tick changed; assigning a field its current value notifies nothing. */
  #commit(): void {
    this.label = this.#lastLabel;
    this.done = this.#counts.done;
    this.failed = this.#counts.failed;
    this.inFlight = this.#strategy?.inFlight ?? 0;
    this.lastBatch = this.#lastBatch;
  }

  #restartIdleCount(): void {
    this.#idle = new IdleWakeups();
    this.#idleTicks = { total: 0, count: 0 };
    const now = performance.now();
    if (this.#strategy && this.#strategy.inFlight === 0) this.#idle.idle(now);
    this.#dirty = true;
  }

  readonly #frame = (now: number): void => {
    if (this.#awaitingFrame.length > 0) {
      // A delivery that waited while the page was out of sight measures the browser's
      // throttling of an unseen page, not polling: counted apart, not in the figures.
      for (const ready of this.#awaitingFrame) {
        if (this.#instrument.inSightThroughout(ready, now)) this.#latencies.add(now - ready);
        else this.deliveriesOutOfSight++;
      }
      this.#awaitingFrame = [];
      this.#dirty = true;
    }
    if (this.#latestPhase !== this.phase && now - this.#phaseShownAt >= PHASE_DWELL_MS) {
      this.phase = this.#latestPhase;
      this.#phaseShownAt = now;
    }
    if (now - this.#lastRefresh < REFRESH_MS) return;
    const idleRate = this.#idle.rate(now);
    if (!this.#dirty && idleRate === this.stats.idleRate) return;
    this.#lastRefresh = now;
    this.#dirty = false;
    this.stats = this.#snapshot(idleRate);
  };

  #snapshot(idleRate: number | null): QueueStats {
    const pollMs = this.#strategy?.pollMs ?? this.stats.pollMs;
    const values = this.#latencies.values();
    return {
      pollMs,
      delivery: this.#latencies.summary(),
      histogram: histogram(values, pollMs),
      idleRate,
      idleTickMs: this.#idleTicks.count > 0 ? this.#idleTicks.total / this.#idleTicks.count : null,
      sent: this.#counts.sent,
      received: this.#counts.received,
      lost: this.#counts.lost,
      rejected: this.#counts.rejected,
      unmatched: this.#counts.unmatched,
    };
  }
}

function local(epoch: number): number {
  return fromEpoch(epoch, performance.timeOrigin);
}
