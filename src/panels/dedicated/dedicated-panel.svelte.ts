import { formatInt } from '../../format/format';
import type { Instrument } from '../../instrument/instrument.svelte';
import type { BusyWindow } from '../../instrument/stall-log';
import { LaneLog } from '../../lanes/lane-log';
import { panelShare, type PanelShare } from '../../share/url-state';
import {
  DedicatedLoop,
  emptyCounts,
  startLoopWorker,
  TaskFailure,
  type LoopCounts,
  type LoopWorker,
  type ProgressBatch,
  type TaskDone,
  type WorkerChange,
} from '../../strategies/dedicated-loop';
import type { DedicatedPhase } from '../../strategies/phases';
import { checkNumber, NUMERIC_PARAMS, type TaskKind, type TaskSpec } from '../../tasks/params';
import type { Announcer } from '../../ui/announcer.svelte';
import { workersBlocked } from '../../workers/blocked';
import { AnnouncementBatcher } from '../shared/announcements';
import { describeResult } from '../shared/describe-result';
import { LiveFigures } from '../shared/live-figures.svelte';
import { Prediction } from '../shared/prediction.svelte';
import {
  overlapQuestion,
  QUESTION_TASKS,
  revealOverlap,
  type OverlapAnswer,
  type Stretch,
} from './prediction';
import { IdleWakeups, SampleRecorder, type Distribution } from '../shared/samples';
import { NOT_RUN, NOT_RUN_ANNOUNCED, TaskForm } from '../task-form.svelte';
import { inFlight, TaskRows, type TaskRow, type TaskStatus } from './task-rows';

export interface TaskTally {
  done: number;
  failed: number;
  cancelled: number;
  /** Included in `failed`: tasks rejected because their worker was killed or died. */
  killed: number;
}

export type WorkerState = 'none' | 'running' | 'stopping';

interface Live {
  spec: TaskSpec;
  where: 'loop' | 'executor';
  submittedAt: number;
  span: number | null;
}

/** The committed fields' next values, gathered between frames. */
type Draft = Pick<
  DedicatedPanel,
  | 'phase'
  | 'tally'
  | 'delivery'
  | 'idleWakeups'
  | 'loopLag'
  | 'worker'
  | 'notice'
  | 'windows'
  | 'submitted'
  | 'firstStretch'
>;

/** A settled task, waiting to be announced with the others of its burst. */
interface Settled {
  id: number;
  status: TaskStatus;
  detail: string;
}

/** Busy stretches kept for the stall and input-delay figures. */
const KEPT_WINDOWS = 64;
/** A burst of results is announced once it has been quiet this long (ms), or after the longer wait. */
const ANNOUNCE = { quietMs: 150, maxHoldMs: 1_000 };
/** The idle wake-up rate is a figure, not an animation: refreshed at this period (ms). */
const IDLE_RATE_PERIOD_MS = 500;

/**
 * The Dedicated panel's state. Answers from the worker arrive as often as the worker sends them
 * (a stream at full rate, a hundred results at once); they are recorded in plain fields the moment
 * they arrive and committed once per frame, from the page's frame loop, only when something
 * changed. Each figure is a field of its own that the commit assigns only when its value changed,
 * so the DOM is updated at most once per frame, only where something changed, and nothing is
 * dropped.
 */
export class DedicatedPanel {
  readonly form: TaskForm;
  /** Concurrent tasks, as typed. */
  tasks = $state(String(NUMERIC_PARAMS.tasks.default));
  executor = $state(false);
  /** Why the last Run did nothing, while it is still so (a corrected field clears it), or null. */
  readonly refused: string | null = $derived.by(
    () =>
      this.#workersBlocked ??
      (this.#refused && (!this.form.spec || this.tasksError) ? this.#refused : null),
  );
  #refused = $state<string | null>(null);
  /** Why the worker could not start (the host forbids workers), until one does. */
  #workersBlocked = $state<string | null>(null);
  rows = $state.raw<TaskRow[]>([]);

  // Committed once per frame, each only when it changed (see commit()).
  phase = $state<DedicatedPhase | null>(null);
  tally = $state.raw<TaskTally>(emptyTally());
  messages = $state.raw<LoopCounts>(emptyCounts());
  /** Delivery latency (ms) of results and errors, from ready in the worker to painted here. */
  delivery = $state.raw<Distribution | null>(null);
  /** Main-thread wake-ups per second while no task is in flight, to one decimal. */
  idleWakeups = $state<number | null>(null);
  /** The latest a wait task finished in the current or last busy stretch (ms past its time). */
  loopLag = $state<number | null>(null);
  /**
   * When the current worker's loop first started a task (ms, page clock), or null while it is
   * still starting up: a wait task's lateness counts from here at the earliest, because the
   * worker's start-up is not its loop being held.
   */
  #loopUpAt: number | null = null;
  #handlingFrom: number | null = null;
  /** Results delivered while the page was out of sight, left out of the latency figures. */
  deliveriesOutOfSight = $state(0);
  readonly #instrument: Instrument;
  worker = $state<WorkerState>('none');
  /** What the last Stop, Kill or crash did, in words. */
  notice = $state<string | null>(null);
  /** Stretches with at least one task in flight (page timeline); the last may be open. */
  windows = $state.raw<BusyWindow[]>([]);
  /** Tasks submitted so far. */
  submitted = $state(0);
  /** The loop's first busy stretch, once it has ended: what the prediction's answer reads. */
  firstStretch = $state.raw<Stretch | null>(null);
  /** The busy stretch in progress: its tasks, and the latest result ready in it (ms, page clock). */
  #stretch: (Omit<Stretch, 'tookMs'> & { start: number; lastReady: number | null }) | null = null;

  readonly lanes = new LaneLog(['main', 'loop']);
  readonly loop: DedicatedLoop;
  /** Longest stall, input delay and the comparison's figures, over this panel's busy windows. */
  readonly live: LiveFigures;

  readonly #announcer: Announcer;
  readonly #stopFrames: () => void;
  readonly #wakeups = new IdleWakeups();
  readonly #deliveries = new SampleRecorder();
  readonly #settled: AnnouncementBatcher<Settled>;

  // What arrived since the last frame. Plain fields: the frame loop commits them.
  readonly #next: Draft = {
    phase: null,
    tally: emptyTally(),
    delivery: null,
    idleWakeups: null,
    loopLag: null,
    worker: 'none',
    notice: null,
    windows: [],
    submitted: 0,
    firstStretch: null,
  };
  readonly #rows = new TaskRows();
  readonly #live = new Map<number, Live>();
  #readyTimes: number[] = [];
  #changed = false;
  #windowStart: number | null = null;
  #lastIdleRate = 0;

  constructor(
    instrument: Instrument,
    announcer: Announcer,
    initial?: { kind: TaskKind; duration: number; rate: number; tasks?: number },
    createWorker: () => LoopWorker = startLoopWorker,
  ) {
    this.#announcer = announcer;
    this.form = new TaskForm(initial);
    if (initial?.tasks !== undefined) this.tasks = String(initial.tasks);
    this.#instrument = instrument;
    this.live = new LiveFigures(instrument, 'dedicated', {
      windows: () => this.windows,
      runs: () => this.submitted,
      delivery: () => this.delivery,
      idleWakeups: () => (this.submitted > 0 ? this.idleWakeups : null),
    });
    this.#settled = new AnnouncementBatcher(
      (text) => announcer.say(text),
      describeSettled,
      ANNOUNCE,
    );
    this.loop = new DedicatedLoop(createWorker, {
      phase: (event) => this.#set({ phase: event.phase }),
      started: (id, at) => this.#started(id, at),
      progress: (id, batch) => this.#progress(id, batch),
      message: (receivedAt) => {
        this.#wakeups.wake(receivedAt);
        this.#handling(receivedAt);
      },
      worker: (change, detail) => this.#workerChanged(change, detail),
    });
    this.#wakeups.idle(performance.now());
    this.#stopFrames = instrument.onFrame((now) => this.commit(now));
  }

  readonly tasksError: string | null = $derived.by(() => {
    const checked = checkNumber('tasks', this.tasks);
    return checked.ok ? null : checked.message;
  });

  /** Before the first Run: do wait tasks on the one loop overlap? Answering sets up that run. */
  readonly prediction = new Prediction<OverlapAnswer>({
    question: () => overlapQuestion(this.form.spec?.durationMs ?? null),
    started: () => this.submitted > 0,
    reveal: (answer) => revealOverlap(answer, this.firstStretch),
    answered: () => {
      this.form.kind = 'wait';
      this.tasks = String(QUESTION_TASKS);
    },
  });

  /** This panel's part of the URL, for the address bar and its Copy link and Embed controls. */
  readonly shareable: PanelShare | null = $derived.by(() =>
    panelShare('dedicated', this.form, { tasks: this.tasks }),
  );

  /** Submits the form's task, `tasks` times, all at once. */
  run(): void {
    const spec = this.#checked();
    const count = checkNumber('tasks', this.tasks);
    if (!spec || !count.ok) return;
    for (let i = 0; i < count.value && this.#submit(spec, false); i++);
  }

  /** Submits one task that raises once its work is done. */
  throwing(): void {
    const spec = this.#checked();
    if (spec) this.#submit(spec, true);
  }

  cancel(id: number): void {
    const row = this.#rows.get(id);
    if (!row || !inFlight(row.status)) return;
    this.loop.cancel(id);
    this.#row(id, (r) => (r.cancelRequested = true));
  }

  cancelAll(): void {
    for (const row of this.#rows.drafts()) {
      if (inFlight(row.status)) this.#row(row.id, (r) => (r.cancelRequested = true));
    }
    this.loop.cancelAll();
  }

  stop(): void {
    const state = this.loop.state;
    if (state !== 'running') {
      this.#say(state === 'stopping' ? 'The loop is already stopping.' : 'No loop to stop.');
      return;
    }
    void this.loop.stop();
    this.#set({ worker: this.loop.state });
  }

  kill(): void {
    if (this.loop.state === 'none') this.#say('No worker to kill: the next Run starts one.');
    else this.loop.kill();
  }

  crash(): void {
    if (!this.loop.crash()) this.#say('No worker to crash: the next Run starts one.');
  }

  /**
   * Commits what arrived since the last frame; the page's frame loop calls it every frame with
   * `now` (ms, page timeline). Primitive fields are assigned as they are (an equal value notifies
   * nothing); records keep their identity until their numbers change.
   */
  commit(now: number): void {
    const next = this.#next;
    if (now - this.#lastIdleRate >= IDLE_RATE_PERIOD_MS) {
      this.#lastIdleRate = now;
      const rate = this.#wakeups.rate(now);
      const rounded = rate === null ? null : Math.round(rate * 10) / 10;
      if (rounded !== next.idleWakeups) this.#set({ idleWakeups: rounded });
    }
    this.#settled.flushIfDue(now);
    if (!this.#changed) return;
    this.#changed = false;

    const rows = this.#rows.commit();
    if (rows) this.rows = rows;
    if (this.#readyTimes.length > 0) {
      // This frame paints the results that arrived since the last one: the DOM is updated in the
      // microtask right after this callback, before the frame's style, layout and paint.
      // A delivery that waited while the page was out of sight measures the browser's
      // throttling of an unseen page, not this strategy: counted apart, not in the figures.
      let unseen = 0;
      for (const readyAt of this.#readyTimes) {
        if (this.#instrument.inSightThroughout(readyAt, now))
          this.#deliveries.add(Math.max(0, now - readyAt));
        else unseen++;
      }
      if (unseen > 0) this.deliveriesOutOfSight += unseen;
      const n = this.#readyTimes.length;
      this.lanes.instant(
        'main',
        'delivery',
        now,
        now + 1,
        `${n} result${n === 1 ? '' : 's'} shown`,
      );
      this.#readyTimes = [];
      next.delivery = this.#deliveries.summary();
    }
    this.phase = next.phase;
    this.idleWakeups = next.idleWakeups;
    this.loopLag = next.loopLag;
    this.worker = next.worker;
    this.notice = next.notice;
    this.submitted = next.submitted;
    this.firstStretch = next.firstStretch;
    this.delivery = next.delivery;
    this.windows = next.windows;
    if (!sameNumbers(this.tally, next.tally)) this.tally = { ...next.tally };
    const counts = this.loop.counts;
    if (!sameNumbers(this.messages, counts)) this.messages = { ...counts };
  }

  /** Stops the frame callback and ends any worker. */
  destroy(): void {
    this.#stopFrames();
    this.loop.kill();
  }

  #checked(): TaskSpec | null {
    const spec = this.form.spec;
    if (!spec || this.tasksError) {
      this.#refused = NOT_RUN;
      this.#announcer.say(NOT_RUN_ANNOUNCED);
      return null;
    }
    this.#refused = null;
    return spec;
  }

  /** Submits one task; false when its worker could not start (then the form says why). */
  #submit(spec: TaskSpec, raise: boolean): boolean {
    const at = performance.now();
    const executor = this.executor && spec.kind === 'cpu';
    const where = executor ? 'executor' : 'loop';
    const idle = this.#live.size === 0;
    if (this.loop.state === 'none') {
      // A submit that starts a worker starts a loop that is not up yet (see #loopUpAt)…
      this.#loopUpAt = null;
      // …and what the last Stop, Kill or crash did was about the worker this Run replaces.
      this.#set({ notice: null });
    }
    let handle: ReturnType<DedicatedLoop['submit']>;
    try {
      handle = this.loop.submit(spec, { executor, raise });
    } catch (error) {
      // The host forbids workers: nothing was submitted, and one line says what it must allow.
      this.#workersBlocked = workersBlocked(error);
      this.#announcer.say(this.#workersBlocked);
      return false;
    }
    this.#workersBlocked = null;
    const { id, result } = handle;
    if (executor) this.lanes.addLane('executor');
    if (idle) this.#busy(at);
    this.#count(spec, at);
    this.#live.set(id, { spec, where, submittedAt: at, span: null });
    this.#rows.add({
      id,
      kind: spec.kind,
      where,
      raise,
      status: 'submitted',
      cancelRequested: false,
      received: 0,
      total: 0,
      detail: '',
    });
    this.#next.submitted++;
    this.#changed = true;
    result.then(
      (done) => this.#onSettled(id, done),
      (failure: unknown) => this.#onSettled(id, failure),
    );
    return true;
  }

  /**
   * Records the handling of a worker's message, from its arrival to the end of the task's
   * synchronous part, as this strategy's own main-thread code.
   */
  #handling(from: number): void {
    if (this.#handlingFrom !== null) return;
    this.#handlingFrom = from;
    queueMicrotask(() => {
      this.#instrument.strategyWork('dedicated', from, performance.now());
      this.#handlingFrom = null;
    });
  }

  #started(id: number, at: number): void {
    const live = this.#live.get(id);
    if (!live) return;
    this.#loopUpAt ??= at;
    const onLoop = live.spec.kind === 'cpu' && live.where === 'loop';
    // A cpu task on the loop is the loop being busy: nothing else on it runs meanwhile.
    live.span = this.lanes.open(live.where, onLoop ? 'busy' : 'task', at, `task ${id}`, id);
    this.lanes.arrow({
      from: 'main',
      to: 'loop',
      sentAt: live.submittedAt,
      receivedAt: at,
      label: 'run',
    });
    this.#row(id, (r) => (r.status = 'running'));
  }

  #progress(id: number, batch: ProgressBatch): void {
    const last = batch.first + batch.values.length - 1;
    this.#row(id, (r) => {
      r.received += batch.values.length;
      r.total = batch.total;
    });
    this.lanes.arrow({
      from: 'loop',
      to: 'main',
      sentAt: batch.sentAt,
      receivedAt: batch.receivedAt,
      label: `updates ${formatInt(batch.first)}–${formatInt(last)}`,
    });
  }

  #onSettled(id: number, outcome: unknown): void {
    const live = this.#live.get(id);
    this.#live.delete(id);
    const now = performance.now();
    const next = this.#next;
    let status: TaskStatus = 'done';
    let detail: string;
    let readyAt: number | null;
    let arrivedAt: number;
    if (outcome instanceof TaskFailure) {
      status =
        outcome.reason === 'crashed' || outcome.reason === 'timeout' ? 'killed' : outcome.reason;
      detail = outcome.message;
      readyAt = outcome.readyAt;
      arrivedAt = outcome.arrivedAt;
    } else {
      const done = outcome as TaskDone;
      detail = describeResult(live?.spec.kind, done);
      readyAt = done.readyAt;
      arrivedAt = done.arrivedAt;
      if (live?.spec.kind === 'wait' && readyAt !== null) {
        // Counted from the submit (a busy loop delays a task's start as well as its timer), but
        // never from before the worker's loop was up.
        const from = Math.max(live.submittedAt, this.#loopUpAt ?? readyAt);
        const late = Math.round(readyAt - from - live.spec.durationMs);
        next.loopLag = Math.max(next.loopLag ?? 0, late);
      }
    }
    if (status === 'killed') next.tally.killed++;
    next.tally[status === 'killed' ? 'failed' : status]++;
    this.#settled.add({ id, status, detail }, now);

    // Cancelled tasks deliver nothing; everything else (results, errors) is a delivery to measure.
    if (readyAt !== null && status !== 'cancelled') this.#readyTimes.push(readyAt);
    if (status === 'done' && this.#stretch) {
      this.#stretch.done++;
      if (readyAt !== null)
        this.#stretch.lastReady = Math.max(this.#stretch.lastReady ?? readyAt, readyAt);
    }
    if (live?.span != null)
      this.lanes.close(live.span, readyAt ?? now, status === 'killed' ? 'failed' : status);
    if (readyAt !== null)
      this.lanes.arrow({
        from: 'loop',
        to: 'main',
        sentAt: readyAt,
        receivedAt: arrivedAt,
        label: status,
      });
    this.#row(id, (r) => {
      r.status = status;
      r.detail = detail;
    });
    this.#changed = true;
    if (this.#live.size === 0) this.#idle(now);
  }

  #workerChanged(change: WorkerChange, detail: string): void {
    this.#set({ worker: this.loop.state });
    if (change === 'stopped')
      this.#say(
        `Stopped cleanly: ${detail} and reported; the worker closed itself. The next Run starts a new one.`,
      );
    else if (change === 'killed')
      this.#say(
        `Killed, mid-instruction, as Python cannot kill a thread: ${detail} rejected. The next Run starts a fresh worker.`,
      );
    else if (change === 'timeout')
      this.#say(
        `The worker stopped answering (${detail}): it was ended and its tasks rejected. The next Run starts a fresh worker.`,
      );
    else if (change === 'crashed')
      this.#say(
        `The worker died (${detail}); its tasks were rejected. The next Run starts a fresh worker.`,
      );
  }

  #busy(at: number): void {
    this.#wakeups.busy(at);
    this.#windowStart = at;
    const kept = this.#next.windows.slice(-(KEPT_WINDOWS - 1));
    this.#set({ loopLag: null, windows: [...kept, { start: at, end: Infinity }] });
  }

  /** Counts a submitted task in the busy stretch in progress, starting one if there is none. */
  #count(spec: TaskSpec, at: number): void {
    const stretch = (this.#stretch ??= {
      start: at,
      tasks: 0,
      done: 0,
      kind: spec.kind,
      durationMs: 0,
      lastReady: null,
    });
    stretch.tasks++;
    if (stretch.kind !== spec.kind) stretch.kind = null;
    stretch.durationMs = Math.max(stretch.durationMs, spec.durationMs);
  }

  #idle(at: number): void {
    this.#wakeups.idle(at);
    const stretch = this.#stretch;
    this.#stretch = null;
    if (stretch && this.#next.firstStretch === null) {
      // Counted from when the loop had the tasks: a first Run also starts the worker, whose
      // start-up is not the loop's doing (see #loopUpAt).
      const from = Math.max(stretch.start, this.#loopUpAt ?? stretch.start);
      const { tasks, done, kind, durationMs, lastReady } = stretch;
      const tookMs = lastReady === null ? null : lastReady - from;
      this.#set({ firstStretch: { tasks, done, kind, durationMs, tookMs } });
    }
    const start = this.#windowStart;
    if (start === null) return;
    this.#windowStart = null;
    this.#set({ windows: [...this.#next.windows.slice(0, -1), { start, end: at }] });
  }

  #row(id: number, change: (row: TaskRow) => void): void {
    if (this.#rows.change(id, change)) this.#changed = true;
  }

  #set(patch: Partial<Draft>): void {
    Object.assign(this.#next, patch);
    this.#changed = true;
  }

  #say(text: string): void {
    this.#set({ notice: text });
    this.#announcer.say(text);
  }
}

function emptyTally(): TaskTally {
  return { done: 0, failed: 0, cancelled: 0, killed: 0 };
}

/** One sentence for a burst of settled tasks: the task itself when alone, else counts by outcome. */
function describeSettled(settled: readonly Settled[]): string {
  if (settled.length === 1) {
    const { id, status, detail } = settled[0] as Settled;
    return `Task ${id} ${status}: ${detail}.`;
  }
  const parts = (['done', 'failed', 'cancelled', 'killed'] as const)
    .map((status) => [status, settled.filter((s) => s.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return `${settled.length} tasks finished: ${parts.join(', ')}.`;
}

/** Two records of counters hold the same numbers. */
function sameNumbers<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((key) => a[key] === b[key]);
}
