import type { Instrument } from '../../instrument/instrument.svelte';
import type { BusyWindow } from '../../instrument/stall-log';
import { panelShare, type PanelShare } from '../../share/url-state';
import type { OneThreadPhase } from '../../strategies/phases';
import {
  browserHost,
  OneThreadLoop,
  runTask,
  type Coroutine,
  type LoopHost,
} from '../../strategies/one-thread';
import {
  checkNumber,
  NUMERIC_PARAMS,
  type OneThreadMode,
  type TaskKind,
  type TaskSpec,
} from '../../tasks/params';
import type { Announcer } from '../../ui/announcer.svelte';
import { histogram, type Histogram } from '../queue/delivery-stats';
import { LiveFigures } from '../shared/live-figures.svelte';
import { IdleWakeups, SampleRecorder, type Distribution } from '../shared/samples';
import { NOT_RUN, NOT_RUN_ANNOUNCED, TaskForm, type FieldErrors } from '../task-form.svelte';

/**
 * P (ms) when the address names none: `_tkinter.getbusywaitinterval()`, 20 ms in CPython's
 * Modules/_tkinter.c, the interval tkinter itself waits between `Tcl_DoOneEvent` calls in a
 * threaded interpreter.
 */
export const ONE_THREAD_POLL_DEFAULT = 20;
/** Figures on screen are refreshed at most this often (ms). */
const REFRESH_MS = 250;
/** The two counters tick every this many ms, like `root.after(100, …)` and `asyncio.sleep(0.1)`. */
export const TICK_MS = 100;
/** The counters keep ticking this long (ms) before the dialog opens and after it closes. */
const COUNTER_MARGIN_MS = 600;
/** Runs kept for the stall and input figures. */
const KEPT_RUNS = 64;
/** The chunk length (ms) used when chunking is on and the field is refused. */
/** The CPU slices between `await asyncio.sleep(0)` (ms): the panel's own field, not in the address. */
export const CHUNK = { label: 'Chunk', unit: 'ms', min: 1, max: 1_000, default: 50 } as const;
const CHUNK_DEFAULT = CHUNK.default;

function checkChunk(raw: string): { ok: true } | { ok: false; message: string } {
  const value = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN;
  return value >= CHUNK.min && value <= CHUNK.max
    ? { ok: true }
    : { ok: false, message: `Chunk must be a whole number, 1–1,000 ms.` };
}

/** One of the two counters the dialog demonstration shows. */
export interface Counter {
  ticks: number;
  /** Longest time (ms) between two ticks while the last dialog was open, or null before one. */
  longestGap: number | null;
}

export interface OneThreadStats {
  pollMs: number;
  /** Tk button clicks: DOM event → its Tk callback ran at a drain (ms). */
  clicks: Distribution | null;
  histogram: Histogram;
  /** Widget updates from coroutines: `label.config()` → shown at the next drain (ms). */
  delivery: Distribution | null;
  idleRate: number | null;
  drains: number;
}

/**
 * The one-thread panel's state: it owns the asyncio-on-the-main-thread loop and keeps its figures.
 * The loop starts with the reader's first action (Run, a Tk click, the dialog) and then runs for as
 * long as the page does, as an app's `asyncio.run(main())` would.
 */
export class OneThreadPanel {
  readonly form: TaskForm;
  poll = $state(String(ONE_THREAD_POLL_DEFAULT));
  dialog = $state(String(NUMERIC_PARAMS.dialog.default));
  chunk = $state(String(CHUNK_DEFAULT));
  chunked = $state(false);
  readonly mode: OneThreadMode = 'polling';
  refused = $state<string | null>(null);
  /** The Tk label: written only by a drain, as Tk redraws it only then. */
  label = $state('idle');
  clicked = $state(0);
  running = $state(0);
  dialogOpen = $state(false);
  /** When the open dialog closes by itself (page timeline), for its countdown. */
  dialogClosesAt = $state(0);
  asyncioCounter = $state<Counter>({ ticks: 0, longestGap: null });
  tkCounter = $state<Counter>({ ticks: 0, longestGap: null });
  countersRunning = $state(false);
  started = $state(false);
  phase = $state<OneThreadPhase | null>(null);
  stats = $state.raw<OneThreadStats>(emptyStats(ONE_THREAD_POLL_DEFAULT));
  runs = $state.raw<BusyWindow[]>([]);
  lastError = $state<string | null>(null);
  readonly live: LiveFigures;

  readonly #instrument: Instrument;
  readonly #announcer: Announcer;
  readonly #host: LoopHost;
  #loop: OneThreadLoop | null = null;
  #clicks = new SampleRecorder();
  #delivery = new SampleRecorder();
  #idle = new IdleWakeups();
  #dirty = false;
  #lastRefresh = -Infinity;
  #stopFrames: (() => void) | null = null;
  #ticks = { asyncio: [] as number[], tk: [] as number[] };
  #dialogSpan: { open: number; close: number } | null = null;
  #counterTask: number | null = null;
  #tkTimer: number | null = null;
  #stopCounters: number | null = null;

  constructor(
    instrument: Instrument,
    announcer: Announcer,
    initial?: {
      kind: TaskKind;
      duration: number;
      rate: number;
      poll: number;
      dialog: number;
    },
    options: { host?: LoopHost } = {},
  ) {
    this.#instrument = instrument;
    this.#announcer = announcer;
    this.#host = options.host ?? browserHost;
    this.form = new TaskForm(initial);
    if (initial) {
      this.poll = String(initial.poll);
      this.dialog = String(initial.dialog);
      this.stats = emptyStats(initial.poll);
    }
    this.live = new LiveFigures(instrument, 'one-thread', {
      windows: () => this.runs,
      runs: () => this.runs.length,
      delivery: () => this.stats.delivery,
      idleWakeups: () => this.stats.idleRate,
    });
  }

  readonly errors: FieldErrors & { chunk?: string } = $derived.by(() => {
    const errors: FieldErrors & { chunk?: string } = { ...this.form.errors };
    const poll = checkNumber('poll', this.poll);
    if (!poll.ok) errors.poll = poll.message;
    const dialog = checkNumber('dialog', this.dialog);
    if (!dialog.ok) errors.dialog = dialog.message;
    if (this.chunked) {
      const chunk = checkChunk(this.chunk);
      if (!chunk.ok) errors.chunk = chunk.message;
    }
    return errors;
  });

  /** P (ms), or null while the field is refused. */
  readonly pollMs: number | null = $derived(this.errors.poll ? null : Number(this.poll));

  /** The task to run, or null when a field is refused. */
  readonly spec: { task: TaskSpec; chunkMs: number | null } | null = $derived.by(() => {
    const task = this.form.spec;
    if (!task || Object.keys(this.errors).length > 0) return null;
    return { task, chunkMs: this.chunked && task.kind === 'cpu' ? Number(this.chunk) : null };
  });

  /** This panel's part of the URL. */
  readonly shareable: PanelShare | null = $derived.by(() =>
    panelShare('one-thread', this.form, { poll: this.poll, dialog: this.dialog }),
  );

  /** Run: a Tk button whose command starts a coroutine with `create_task`. */
  run(): void {
    const spec = this.spec;
    if (!spec) {
      this.refused = NOT_RUN;
      this.#announcer.say(NOT_RUN_ANNOUNCED);
      return;
    }
    this.refused = null;
    const loop = this.#use();
    const window: BusyWindow = { start: this.#host.now(), end: Infinity };
    this.runs = [...this.runs.slice(-(KEPT_RUNS - 1)), window];
    // The click reaches Tk's queue first; the coroutine starts from its callback, at a drain.
    loop.enqueueTk(() => {
      this.running++;
      const id = loop.createTask('task', this.#task(spec, window));
      this.#show(`task ${id}: submitted`);
    });
  }

  /** A click on the panel's Tk button: only queued; its callback runs at the next drain. */
  tkClick(eventTime: number): void {
    const loop = this.#use();
    loop.enqueueTk(() => {
      this.#clicks.add(this.#host.now() - eventTime);
      this.clicked++;
      this.#dirty = true;
    });
  }

  /**
   * The dialog button: its callback opens a modal dialog for the dialog field's length. The two
   * counters start a little before and stop a little after, so each shows its rhythm on both sides.
   */
  openDialog(): void {
    const ms = checkNumber('dialog', this.dialog);
    if (!ms.ok) {
      this.refused = NOT_RUN;
      this.#announcer.say(NOT_RUN_ANNOUNCED);
      return;
    }
    this.refused = null;
    const loop = this.#use();
    this.#startCounters();
    this.#host.later(() => {
      if (loop.dialogOpen) return;
      loop.enqueueTk(() => {
        this.#dialogSpan = { open: this.#host.now(), close: Infinity };
        this.dialogClosesAt = this.#host.now() + ms.value;
        loop.openDialog(ms.value, () => {
          if (this.#dialogSpan) this.#dialogSpan.close = this.#host.now();
          this.#finishCounters();
        });
      });
    }, COUNTER_MARGIN_MS);
  }

  /** The dialog's OK button: Tk's nested loop ends and the asyncio loop carries on. */
  closeDialog(): void {
    this.#loop?.closeDialog();
  }

  dispose(): void {
    this.#loop?.dispose();
    this.#loop = null;
    this.#stopFrames?.();
    this.#stopFrames = null;
    if (this.#stopCounters !== null) this.#host.clear(this.#stopCounters);
  }

  #use(): OneThreadLoop {
    const P = this.pollMs ?? ONE_THREAD_POLL_DEFAULT;
    if (this.#loop) {
      if (this.#loop.pollMs !== P) {
        this.#loop.pollMs = P;
        this.#clicks = new SampleRecorder();
        this.#delivery = new SampleRecorder();
        this.#idle = new IdleWakeups();
        this.#dirty = true;
      }
      return this.#loop;
    }
    this.#loop = new OneThreadLoop(
      { pollMs: P },
      {
        onWake: (wake) => {
          if (wake.idle) {
            this.#idle.idle(wake.at);
            this.#idle.wake(wake.at);
          } else this.#idle.busy(wake.at);
        },
        onDialog: (open) => {
          this.dialogOpen = open;
          this.#announcer.say(
            open
              ? 'A modal dialog is open: no coroutine runs until it closes.'
              : 'The dialog closed: the asyncio loop runs again.',
          );
        },
        onPhase: (event) => (this.phase = event.phase === 'drained' ? this.phase : event.phase),
        onError: (_name, error) => {
          this.lastError = `A coroutine raised: ${error instanceof Error ? error.message : String(error)}`;
          this.#announcer.say(this.lastError);
        },
      },
      this.#host,
    );
    this.started = true;
    this.#stopFrames = this.#instrument.onFrame(this.#frame);
    return this.#loop;
  }

  *#task(spec: { task: TaskSpec; chunkMs: number | null }, window: BusyWindow): Coroutine {
    this.phase = 'running';
    try {
      yield* runTask(spec.task, (text) => this.#show(text), {
        chunkMs: spec.chunkMs,
        now: this.#host.now,
      });
    } finally {
      window.end = this.#host.now();
      this.runs = [...this.runs];
      this.running--;
      this.phase = null;
    }
  }

  /** `label.config(text=…)` from a coroutine: Tk redraws it at its next drain. */
  #show(text: string): void {
    const asked = this.#host.now();
    this.#loop?.enqueueTk(() => {
      this.label = text;
      this.#delivery.add(this.#host.now() - asked);
      this.#dirty = true;
    });
  }

  #startCounters(): void {
    const loop = this.#loop;
    if (!loop) return;
    if (this.#stopCounters !== null) this.#host.clear(this.#stopCounters);
    this.#stopCounters = null;
    if (this.countersRunning) return;
    this.countersRunning = true;
    this.#ticks = { asyncio: [], tk: [] };
    this.#dialogSpan = null;
    this.asyncioCounter = { ticks: 0, longestGap: null };
    this.tkCounter = { ticks: 0, longestGap: null };
    this.#counterTask = loop.createTask('asyncio-counter', this.#asyncioCounter());
    const tk = () => {
      this.#ticks.tk.push(this.#host.now());
      this.tkCounter = { ...this.tkCounter, ticks: this.#ticks.tk.length };
      this.#tkTimer = loop.after(TICK_MS, tk);
    };
    this.#tkTimer = loop.after(TICK_MS, tk);
  }

  /** The asyncio task's counter: `while True: await asyncio.sleep(0.1); count += 1`. */
  *#asyncioCounter(): Coroutine {
    for (;;) {
      yield TICK_MS;
      this.#ticks.asyncio.push(this.#host.now());
      this.asyncioCounter = { ...this.asyncioCounter, ticks: this.#ticks.asyncio.length };
    }
  }

  #finishCounters(): void {
    this.#stopCounters = this.#host.later(() => {
      this.#stopCounters = null;
      const loop = this.#loop;
      if (!loop) return;
      if (this.#counterTask !== null) loop.cancel(this.#counterTask);
      if (this.#tkTimer !== null) loop.afterCancel(this.#tkTimer);
      this.#counterTask = this.#tkTimer = null;
      this.countersRunning = false;
      const span = this.#dialogSpan;
      if (!span) return;
      this.asyncioCounter = {
        ...this.asyncioCounter,
        longestGap: longestGapOver(this.#ticks.asyncio, span),
      };
      this.tkCounter = { ...this.tkCounter, longestGap: longestGapOver(this.#ticks.tk, span) };
      this.#announcer.say(
        `While the dialog was open, the asyncio counter's longest gap was ${Math.round(this.asyncioCounter.longestGap ?? 0)} ms; Tk's after() counter's was ${Math.round(this.tkCounter.longestGap ?? 0)} ms.`,
      );
    }, COUNTER_MARGIN_MS);
  }

  readonly #frame = (now: number): void => {
    if (now - this.#lastRefresh < REFRESH_MS) return;
    const idleRate = this.#idle.rate(now);
    if (!this.#dirty && idleRate === this.stats.idleRate) return;
    this.#lastRefresh = now;
    this.#dirty = false;
    const pollMs = this.#loop?.pollMs ?? this.stats.pollMs;
    this.stats = {
      pollMs,
      clicks: this.#clicks.summary(),
      histogram: histogram(this.#clicks.values(), pollMs),
      delivery: this.#delivery.summary(),
      idleRate,
      drains: this.#loop?.drains ?? 0,
    };
  };
}

/**
 * The longest interval (ms) between consecutive ticks that overlaps `span`, counting the span's
 * edges as ticks' bounds: a counter that never ticked while the dialog was open has a gap at least
 * as long as the dialog.
 */
export function longestGapOver(
  ticks: readonly number[],
  span: { open: number; close: number },
): number | null {
  let longest: number | null = null;
  for (let i = 1; i < ticks.length; i++) {
    const a = ticks[i - 1] as number;
    const b = ticks[i] as number;
    if (b < span.open || a > span.close) continue;
    longest = Math.max(longest ?? 0, b - a);
  }
  return longest;
}

function emptyStats(pollMs: number): OneThreadStats {
  return {
    pollMs,
    clicks: null,
    histogram: histogram([], pollMs),
    delivery: null,
    idleRate: null,
    drains: 0,
  };
}
