import type { Announcer } from '../../app/announcer.svelte';
import { panelShare, type PanelShare } from '../../app/url-state';
import type { Instrument } from '../../instrument/instrument.svelte';
import { LaneLog } from '../../lanes/lane-log';
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
import {
  checkNumber,
  formatInt,
  NUMERIC_PARAMS,
  type TaskKind,
  type TaskSpec,
} from '../../tasks/params';
import { IdleWakeups, SampleRecorder, type Distribution, type StrategyFigures } from '../figures';
import { NOT_RUN, NOT_RUN_ANNOUNCED, TaskForm } from '../task-form.svelte';

export type TaskStatus = 'submitted' | 'running' | 'done' | 'failed' | 'cancelled' | 'killed';

export interface TaskRow {
  id: number;
  kind: TaskKind;
  /** Where the work runs: on the loop itself, or handed to the executor worker. */
  where: 'loop' | 'executor';
  raise: boolean;
  status: TaskStatus;
  cancelRequested: boolean;
  /** Stream updates received, and the stream's length once known. */
  received: number;
  total: number;
  /** The result, or why there is none. */
  detail: string;
}

export interface TaskTally {
  done: number;
  failed: number;
  cancelled: number;
  /** Included in `failed`: tasks rejected because their worker was killed or died. */
  killed: number;
}

export type WorkerState = 'none' | 'running' | 'stopping';

interface Window {
  start: number;
  end: number;
}

/** Everything the panel shows besides the rows, committed as one snapshot per frame. */
export interface DedicatedView {
  phase: DedicatedPhase | null;
  tally: TaskTally;
  messages: LoopCounts;
  delivery: Distribution | null;
  idleWakeups: number | null;
  /** The latest a wait task finished in the current or last busy stretch (ms past its time). */
  loopLag: number | null;
  worker: WorkerState;
  /** What the last Stop, Kill or crash did, in words. */
  notice: string | null;
  /** Stretches with at least one task in flight (page timeline); the last may be open. */
  windows: Window[];
  submitted: number;
}

interface Live {
  spec: TaskSpec;
  where: 'loop' | 'executor';
  submittedAt: number;
  span: number | null;
}

/** Finished rows beyond this are dropped, oldest first; rows still in flight always stay. */
const MAX_ROWS = 100;
/** Busy stretches kept for the stall and input-delay figures. */
const KEPT_WINDOWS = 64;
/** A burst of results is announced once it has been quiet this long, or after the longer wait. */
const ANNOUNCE_QUIET_MS = 150;
const ANNOUNCE_MAX_HOLD_MS = 1_000;
/** The idle wake-up rate is a figure, not an animation: refreshed at this period. */
const IDLE_RATE_PERIOD_MS = 500;

/**
 * The Dedicated panel's state. Answers from the worker arrive as often as the worker sends them
 * (a stream at full rate, a hundred results at once); they are recorded in plain fields the moment
 * they arrive and committed once per frame, from the page's frame loop, only when something
 * changed. So the panel updates the DOM at most once per frame, and drops nothing.
 */
export class DedicatedPanel {
  readonly form: TaskForm;
  /** Concurrent tasks, as typed. */
  tasks = $state(String(NUMERIC_PARAMS.tasks.default));
  executor = $state(false);
  /** Why the last Run did nothing, or null. */
  refused = $state<string | null>(null);
  rows = $state.raw<TaskRow[]>([]);
  view = $state.raw<DedicatedView>(emptyView());

  readonly lanes = new LaneLog(['main', 'loop']);
  readonly loop: DedicatedLoop;

  readonly #instrument: Instrument;
  readonly #announcer: Announcer;
  readonly #stopFrames: () => void;
  readonly #wakeups = new IdleWakeups();
  readonly #deliveries = new SampleRecorder();

  // What arrived since the last frame. Plain fields: the frame loop commits them.
  readonly #next: DedicatedView = emptyView();
  readonly #drafts = new Map<number, TaskRow>();
  readonly #shown = new Map<number, TaskRow>();
  readonly #dirtyRows = new Set<number>();
  readonly #live = new Map<number, Live>();
  #readyTimes: number[] = [];
  #changed = false;
  #windowStart: number | null = null;
  #lastIdleRate = 0;
  #announce = emptyAnnouncement();

  constructor(
    instrument: Instrument,
    announcer: Announcer,
    initial?: { kind: TaskKind; duration: number; rate: number; tasks?: number },
    createWorker: () => LoopWorker = startLoopWorker,
  ) {
    this.#instrument = instrument;
    this.#announcer = announcer;
    this.form = new TaskForm(initial);
    if (initial?.tasks !== undefined) this.tasks = String(initial.tasks);
    this.loop = new DedicatedLoop(createWorker, {
      phase: (event) => this.#set({ phase: event.phase }),
      started: (id, at) => this.#started(id, at),
      progress: (id, batch) => this.#progress(id, batch),
      message: (receivedAt) => this.#wakeups.wake(receivedAt),
      worker: (change, detail) => this.#workerChanged(change, detail),
    });
    this.#wakeups.idle(performance.now());
    this.#stopFrames = instrument.onFrame((now) => this.commit(now));
  }

  readonly tasksError: string | null = $derived.by(() => {
    const checked = checkNumber('tasks', this.tasks);
    return checked.ok ? null : checked.message;
  });

  /** This panel's part of the URL, for the address bar and its Copy link and Embed controls. */
  readonly shareable: PanelShare | null = $derived.by(() =>
    panelShare('dedicated', this.form, { tasks: this.tasks }),
  );

  // The view is a new object every frame while answers arrive; these parts of it keep their
  // identity until they really change, so what is derived from them is not redone every frame.
  readonly #windows = $derived(this.view.windows);
  readonly #delivery = $derived(this.view.delivery);
  readonly #idleWakeups = $derived(this.view.idleWakeups);
  readonly #submitted = $derived(this.view.submitted);

  readonly longestStall: number = $derived.by(() => {
    void this.#instrument.version;
    return this.#instrument.log.longestOverlapping(this.#windows)?.duration ?? 0;
  });

  readonly inputDelay: Distribution | null = $derived.by(() => {
    void this.#instrument.version;
    void this.#instrument.probe.inputs;
    const waits = new SampleRecorder();
    for (const wait of this.#instrument.probe.waitsWithin(this.#windows)) waits.add(wait);
    return waits.summary();
  });

  /** The panel's figures for the comparison. */
  readonly figures: StrategyFigures = $derived({
    strategy: 'dedicated',
    longestStall: this.#submitted > 0 ? this.longestStall : null,
    inputDelayP95: this.inputDelay?.p95 ?? null,
    inputDelayMax: this.inputDelay?.max ?? null,
    deliveryP50: this.#delivery?.p50 ?? null,
    deliveryP95: this.#delivery?.p95 ?? null,
    deliveryMax: this.#delivery?.max ?? null,
    idleWakeupsPerSecond: this.#submitted > 0 ? this.#idleWakeups : null,
    runs: this.#submitted,
  });

  /** Submits the form's task, `tasks` times, all at once. */
  run(): void {
    const spec = this.#checked();
    const count = checkNumber('tasks', this.tasks);
    if (!spec || !count.ok) return;
    for (let i = 0; i < count.value; i++) this.#submit(spec, false);
  }

  /** Submits one task that raises once its work is done. */
  throwing(): void {
    const spec = this.#checked();
    if (spec) this.#submit(spec, true);
  }

  cancel(id: number): void {
    const row = this.#drafts.get(id);
    if (!row || !inFlight(row.status)) return;
    this.loop.cancel(id);
    this.#row(id, (r) => (r.cancelRequested = true));
  }

  cancelAll(): void {
    for (const row of this.#drafts.values()) {
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

  /** Commits what arrived since the last frame; the page's frame loop calls it every frame. */
  commit(now: number): void {
    const next = this.#next;
    if (now - this.#lastIdleRate >= IDLE_RATE_PERIOD_MS) {
      this.#lastIdleRate = now;
      const rate = this.#wakeups.rate(now);
      const rounded = rate === null ? null : Math.round(rate * 10) / 10;
      if (rounded !== next.idleWakeups) this.#set({ idleWakeups: rounded });
    }
    const a = this.#announce;
    if (
      a.latest > 0 &&
      (now - a.latest >= ANNOUNCE_QUIET_MS || now - a.first >= ANNOUNCE_MAX_HOLD_MS)
    )
      this.#announceResults();
    if (!this.#changed) return;
    this.#changed = false;

    if (this.#dirtyRows.size > 0) {
      const rows: TaskRow[] = [];
      for (const [id, draft] of this.#drafts) {
        let row = this.#shown.get(id);
        if (!row || this.#dirtyRows.has(id)) {
          row = { ...draft };
          this.#shown.set(id, row);
        }
        rows.push(row);
      }
      this.#dirtyRows.clear();
      this.rows = rows;
    }
    if (this.#readyTimes.length > 0) {
      // This frame paints the results that arrived since the last one: the DOM is updated in the
      // microtask right after this callback, before the frame's style, layout and paint.
      for (const readyAt of this.#readyTimes) this.#deliveries.add(Math.max(0, now - readyAt));
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
    const shown = this.view;
    const counts = this.loop.counts;
    this.view = {
      ...next,
      tally: sameNumbers(shown.tally, next.tally) ? shown.tally : { ...next.tally },
      messages: sameNumbers(shown.messages, counts) ? shown.messages : { ...counts },
    };
  }

  /** Stops the frame callback and ends any worker. */
  destroy(): void {
    this.#stopFrames();
    this.loop.kill();
  }

  #checked(): TaskSpec | null {
    const spec = this.form.spec;
    if (!spec || this.tasksError) {
      this.refused = NOT_RUN;
      this.#announcer.say(NOT_RUN_ANNOUNCED);
      return null;
    }
    this.refused = null;
    return spec;
  }

  #submit(spec: TaskSpec, raise: boolean): void {
    const at = performance.now();
    const executor = this.executor && spec.kind === 'cpu';
    const where = executor ? 'executor' : 'loop';
    if (executor) this.lanes.addLane('executor');
    if (this.#live.size === 0) this.#busy(at);
    const { id, result } = this.loop.submit(spec, { executor, raise });
    this.#live.set(id, { spec, where, submittedAt: at, span: null });
    this.#drafts.set(id, {
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
    this.#dirtyRows.add(id);
    this.#next.submitted++;
    this.#trimRows();
    this.#changed = true;
    result.then(
      (done) => this.#settled(id, done),
      (failure: unknown) => this.#settled(id, failure),
    );
  }

  #started(id: number, at: number): void {
    const live = this.#live.get(id);
    if (!live) return;
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

  #settled(id: number, outcome: unknown): void {
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
      detail = describe(live?.spec, done);
      readyAt = done.readyAt;
      arrivedAt = done.arrivedAt;
      if (live?.spec.kind === 'wait') {
        // Counted from the submit: a busy loop delays a task's start as well as its timer.
        const late = Math.round(readyAt - live.submittedAt - live.spec.durationMs);
        next.loopLag = Math.max(next.loopLag ?? 0, late);
      }
    }
    if (status === 'killed') next.tally.killed++;
    next.tally[status === 'killed' ? 'failed' : status]++;
    const a = this.#announce;
    a[status]++;
    a.last = `Task ${id} ${status}: ${detail}.`;
    if (a.first === 0) a.first = now;
    a.latest = now;

    // Cancelled tasks deliver nothing; everything else (results, errors) is a delivery to measure.
    if (readyAt !== null && status !== 'cancelled') this.#readyTimes.push(readyAt);
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
        `Killed with worker.terminate(): ${detail} rejected. The next Run starts a fresh worker.`,
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

  #idle(at: number): void {
    this.#wakeups.idle(at);
    const start = this.#windowStart;
    if (start === null) return;
    this.#windowStart = null;
    this.#set({ windows: [...this.#next.windows.slice(0, -1), { start, end: at }] });
  }

  #row(id: number, change: (row: TaskRow) => void): void {
    const row = this.#drafts.get(id);
    if (!row) return;
    change(row);
    this.#dirtyRows.add(id);
    this.#changed = true;
  }

  #trimRows(): void {
    if (this.#drafts.size <= MAX_ROWS) return;
    for (const [id, row] of this.#drafts) {
      if (this.#drafts.size <= MAX_ROWS) break;
      if (inFlight(row.status)) continue;
      this.#drafts.delete(id);
      this.#shown.delete(id);
    }
  }

  #set(patch: Partial<DedicatedView>): void {
    Object.assign(this.#next, patch);
    this.#changed = true;
  }

  #say(text: string): void {
    this.#set({ notice: text });
    this.#announcer.say(text);
  }

  #announceResults(): void {
    const a = this.#announce;
    const total = a.done + a.failed + a.cancelled + a.killed;
    if (total === 1) this.#announcer.say(a.last);
    else {
      const parts = (['done', 'failed', 'cancelled', 'killed'] as const)
        .filter((k) => a[k] > 0)
        .map((k) => `${a[k]} ${k}`);
      this.#announcer.say(`${total} tasks finished: ${parts.join(', ')}.`);
    }
    this.#announce = emptyAnnouncement();
  }
}

function emptyView(): DedicatedView {
  return {
    phase: null,
    tally: { done: 0, failed: 0, cancelled: 0, killed: 0 },
    messages: emptyCounts(),
    delivery: null,
    idleWakeups: null,
    loopLag: null,
    worker: 'none',
    notice: null,
    windows: [],
    submitted: 0,
  };
}

/** Results settled since the last announcement. */
function emptyAnnouncement() {
  return { done: 0, failed: 0, cancelled: 0, killed: 0, last: '', first: 0, latest: 0 };
}

function inFlight(status: TaskStatus): boolean {
  return status === 'submitted' || status === 'running';
}

function describe(spec: TaskSpec | undefined, done: TaskDone): string {
  switch (spec?.kind) {
    case 'wait':
      return `waited ${formatInt(done.value)} ms`;
    case 'cpu':
      return `computed ${(done.value >>> 0).toString(16).padStart(8, '0')}`;
    case 'stream':
      return `streamed ${formatInt(done.received)} of ${formatInt(done.sent)} updates`;
    default:
      return String(done.value);
  }
}

/** Two records of counters hold the same numbers. */
function sameNumbers<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((key) => a[key] === b[key]);
}
