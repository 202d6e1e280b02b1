import type { Instrument } from '../../instrument/instrument.svelte';
import type { BusyWindow } from '../../instrument/stall-log';
import { panelShare, type PanelShare } from '../../share/url-state';
import type { GuestPhase, OneThreadPhase } from '../../strategies/phases';
import type { StrategyFigures, StrategyId } from '../../strategies/strategy-figures';
import { GuestLoop, type GuestOptions } from '../../strategies/one-thread-guest';
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
import { Prediction, firstRunFigures } from '../shared/prediction.svelte';
import { oneThreadQuestion, revealOneThread, type FreezeAnswer } from './prediction';
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
/** How long the `sleep(0)` chain runs (ms) to count its steps per second. */
export const CHAIN_MS = 500;
/** Round trips started from a timer callback after the chain, one at a time. */
export const CODE_TRIPS = 20;
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
  /** Guest mode's own figures; null in polling mode. */
  guest: GuestStats | null;
}

/** What guest mode adds, each measured on this page's clock (ms). */
export interface GuestStats {
  /** A sleep's deadline → the step that resumed its coroutine: the helper's timer plus one hand-off. */
  late: Distribution | null;
  /** The main thread woke the waiting helper (a click's Tk callback started a task) → the step ran. */
  roundTrip: Distribution | null;
  /**
   * Of those round trips: the helper's "ready" posted → the step ran, the part spent waiting for
   * the main thread after the helper had answered.
   */
  roundTripWait: Distribution | null;
  /** The same round trip started from a timer callback, not from input (`measureChain`). */
  codeRoundTrip: Distribution | null;
  /** Times the main thread was handed a step, and task steps run. */
  wakes: number;
  steps: number;
}

/** What one mode has measured so far; kept while the reader tries the other mode. */
class ModeRecorders {
  late = new SampleRecorder();
  roundTrip = new SampleRecorder();
  roundTripWait = new SampleRecorder();
  codeRoundTrip = new SampleRecorder();
  clicks = new SampleRecorder();
  delivery = new SampleRecorder();
  idle = new IdleWakeups();
}

/** The two counters of a mode's last dialog. */
interface Counters {
  asyncio: Counter;
  tk: Counter;
}

const noCounters = (): Counters => ({
  asyncio: { ticks: 0, longestGap: null },
  tk: { ticks: 0, longestGap: null },
});

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
  mode = $state<OneThreadMode>('polling');
  /** Steps per second of the last `sleep(0)` chain (guest mode), or null before one. */
  chainRate = $state<number | null>(null);
  chainRunning = $state(false);
  /** Round trips still to start from a timer callback, after the chain. */
  #codeTripsLeft = 0;
  /** The next round trip to finish was started from a timer callback, not from input. */
  #codeWake = false;
  /** The guest's helper thread could not start, failed, or sent something unreadable. */
  helperError = $state<string | null>(null);
  refused = $state<string | null>(null);
  /**
   * Each mode's Tk label, clicks and last error: every readout belongs to the mode shown, so guest
   * mode never shows polling's last task or click count before its own first run.
   */
  #readouts = $state<
    Record<OneThreadMode, { label: string; clicked: number; error: string | null }>
  >({
    polling: { label: 'idle', clicked: 0, error: null },
    guest: { label: 'idle', clicked: 0, error: null },
  });
  running = $state(0);
  dialogOpen = $state(false);
  /** When the open dialog closes by itself (page timeline), for its countdown. */
  dialogClosesAt = $state(0);
  /** Each mode's counters, so that a dialog's result in one mode is still there after a switch. */
  #counters = $state<Record<OneThreadMode, Counters>>({
    polling: noCounters(),
    guest: noCounters(),
  });
  countersRunning = $state(false);
  started = $state(false);
  phase = $state<OneThreadPhase | GuestPhase | null>(null);
  /** Each mode's figures: switching modes keeps both, and the comparison shows both. */
  #stats = $state.raw<Record<OneThreadMode, OneThreadStats>>({
    polling: emptyStats(ONE_THREAD_POLL_DEFAULT, 'polling'),
    guest: emptyStats(ONE_THREAD_POLL_DEFAULT, 'guest'),
  });
  /** Each mode's runs (busy windows): a stall is counted for the mode whose task was running. */
  #runs = $state.raw<Record<OneThreadMode, BusyWindow[]>>({ polling: [], guest: [] });
  /** Each mode's figures for the comparison, a strategy (column) each. */
  readonly liveByMode: Readonly<Record<OneThreadMode, LiveFigures>>;

  readonly #instrument: Instrument;
  readonly #announcer: Announcer;
  readonly #host: LoopHost;
  readonly #guestOptions: GuestOptions;
  #loop: OneThreadLoop | GuestLoop | null = null;
  #rec: Record<OneThreadMode, ModeRecorders> = {
    polling: new ModeRecorders(),
    guest: new ModeRecorders(),
  };
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
      mode?: OneThreadMode;
    },
    options: { host?: LoopHost; guest?: Omit<GuestOptions, 'host'> } = {},
  ) {
    this.#instrument = instrument;
    this.#announcer = announcer;
    this.#host = options.host ?? browserHost;
    this.#guestOptions = { ...options.guest, host: this.#host };
    this.form = new TaskForm(initial);
    if (initial) {
      this.poll = String(initial.poll);
      this.dialog = String(initial.dialog);
      this.mode = initial.mode ?? 'polling';
    }
    this.#stats = {
      polling: emptyStats(this.#statsPoll(), 'polling'),
      guest: emptyStats(this.#statsPoll(), 'guest'),
    };
    const live = (mode: OneThreadMode, column: StrategyId) =>
      new LiveFigures(instrument, column, {
        windows: () => this.#runs[mode],
        runs: () => this.#runs[mode].length,
        delivery: () => this.#stats[mode].delivery,
        idleWakeups: () => this.#stats[mode].idleRate,
      });
    this.liveByMode = {
      polling: live('polling', 'one-thread-polling'),
      guest: live('guest', 'one-thread-guest'),
    };
  }

  /** Before the first Run: with no second thread, does the window freeze while a task runs? */
  readonly prediction = new Prediction<FreezeAnswer>({
    question: () => oneThreadQuestion(this.form.spec?.durationMs ?? null, this.mode),
    // Per mode, as the figures are: the other mode, not run yet, asks again (its question names
    // its own loop) rather than promise an answer from a run that never comes.
    started: () => this.runs.length > 0,
    reveal: (answer) => {
      return revealOneThread(
        answer,
        firstRunFigures(this.runs, this.live),
        this.mode,
        this.stats.pollMs,
      );
    },
  });

  /** The Tk label of the mode shown now: written only by a drain, as Tk redraws it only then. */
  get label(): string {
    return this.#readouts[this.mode].label;
  }
  set label(text: string) {
    this.#readouts[this.mode].label = text;
  }

  /** Clicks on the Tk button handled in the mode shown now. */
  get clicked(): number {
    return this.#readouts[this.mode].clicked;
  }
  set clicked(count: number) {
    this.#readouts[this.mode].clicked = count;
  }

  /** The last coroutine error of the mode shown now, or null. */
  get lastError(): string | null {
    return this.#readouts[this.mode].error;
  }
  set lastError(message: string | null) {
    this.#readouts[this.mode].error = message;
  }

  /** The figures of the mode shown now. */
  get stats(): OneThreadStats {
    return this.#stats[this.mode];
  }

  /** The runs (busy windows) of the mode shown now, oldest first. */
  get runs(): readonly BusyWindow[] {
    return this.#runs[this.mode];
  }

  /** The live figures of the mode shown now. */
  get live(): LiveFigures {
    return this.liveByMode[this.mode];
  }

  /** Both modes' figures for the comparison: polling's, then guest mode's. */
  get figures(): StrategyFigures[] {
    return [this.liveByMode.polling.figures, this.liveByMode.guest.figures];
  }

  /** The asyncio (Trio, in guest mode) task's counter of this mode's last dialog. */
  get asyncioCounter(): Counter {
    return this.#counters[this.mode].asyncio;
  }

  /** Tk's `after()` counter of this mode's last dialog. */
  get tkCounter(): Counter {
    return this.#counters[this.mode].tk;
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
  readonly shareable: PanelShare | null = $derived.by(() => {
    const share = panelShare('one-thread', this.form, { poll: this.poll, dialog: this.dialog });
    return share && { ...share, mode: this.mode };
  });

  /**
   * Switches how the loops are joined. The running loop stops (its tasks are dropped, as closing
   * the window would) and the next action starts the other loop. Each mode keeps its own figures:
   * switching back shows the last ones again, and the comparison shows both.
   */
  setMode(mode: OneThreadMode): void {
    if (mode === this.mode) return;
    this.#stopLoop();
    this.mode = mode;
    // The mode not run yet asks its own question afresh: an answer given to the other mode's is
    // not an answer to this one, and would open this mode's recording before its question is.
    if (this.#runs[mode].length === 0) this.prediction.answer = null;
    this.#announcer.say(
      mode === 'guest'
        ? 'Guest mode: Tk keeps mainloop(), a helper thread waits, each step runs on the Tk thread.'
        : 'Polling mode: asyncio drives Tk, draining it every P ms.',
    );
  }

  /**
   * Guest mode: a coroutine doing `await trio.sleep(0)` for CHAIN_MS; each of its steps is handed
   * to the Tk thread through the host's queue. Sets `chainRate` (steps per second) when it ends.
   * Then CODE_TRIPS tasks started one at a time from a timer callback (`root.after`), not from a
   * click, each waking the waiting helper: the round trip without input in the way.
   */
  measureChain(): void {
    if (this.mode !== 'guest' || this.chainRunning) return;
    const loop = this.#use();
    if (!(loop instanceof GuestLoop)) return;
    this.chainRunning = true;
    this.chainRate = null;
    this.#rec.guest.codeRoundTrip = new SampleRecorder();
    loop.createTask('sleep0-chain', this.#chain(loop));
  }

  /** One task started from a timer callback while the helper waits; the last ends the measure. */
  #codeTrip(loop: GuestLoop): void {
    if (this.#loop !== loop) return;
    if (this.#codeTripsLeft <= 0) {
      this.chainRunning = false;
      this.#dirty = true;
      return;
    }
    this.#codeTripsLeft--;
    this.#host.later(() => {
      if (this.#loop !== loop) return;
      this.#codeWake = loop.waiting;
      // Nothing to run: the step that starts it is the whole cost.
      loop.createTask('after-callback', (function* (): Coroutine {})());
      if (!this.#codeWake) this.#host.later(() => this.#codeTrip(loop), 10);
    }, 0);
  }

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
    const mode = this.mode;
    this.#setRuns(mode, [...this.#runs[mode].slice(-(KEPT_RUNS - 1)), window]);
    // The click reaches Tk's queue first; the coroutine starts from its callback, at a drain.
    loop.enqueueTk(() => {
      this.running++;
      const id = loop.createTask('task', this.#task(spec, window, mode));
      // The Tk callback's own label.config(): Tk redraws it in this same drain. It is not a
      // coroutine's result waiting for a drain, so it is no delivery sample: counted, it made the
      // comparison's delivery figure 0 ms while a result waits up to P.
      this.label = `task ${id}: submitted`;
      this.#dirty = true;
    });
  }

  /** A click on the panel's Tk button: only queued; its callback runs at the next drain. */
  tkClick(eventTime: number): void {
    const loop = this.#use();
    const rec = this.#rec[this.mode];
    loop.enqueueTk(() => {
      rec.clicks.add(this.#host.now() - eventTime);
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

  /**
   * Ends the running loop; the next action starts a new one. Its mode's figures stay: the idle
   * wake-up rate is frozen at its last value, as the stopped loop wakes no more.
   */
  #stopLoop(): void {
    if (this.#loop)
      this.#rec[this.#loop instanceof GuestLoop ? 'guest' : 'polling'].idle.busy(this.#host.now());
    this.#loop?.dispose();
    this.#loop = null;
    this.#stopFrames?.();
    this.#stopFrames = null;
    if (this.#stopCounters !== null) this.#host.clear(this.#stopCounters);
    this.#stopCounters = this.#counterTask = this.#tkTimer = null;
    this.countersRunning = this.dialogOpen = this.chainRunning = false;
    this.#codeTripsLeft = 0;
    this.#codeWake = false;
    this.running = 0;
    this.phase = null;
    this.started = false;
    this.helperError = null;
    this.#dirty = true;
  }

  #setRuns(mode: OneThreadMode, runs: BusyWindow[]): void {
    this.#runs = { ...this.#runs, [mode]: runs };
  }

  #statsPoll(): number {
    return this.pollMs ?? ONE_THREAD_POLL_DEFAULT;
  }

  #use(): OneThreadLoop | GuestLoop {
    if (this.mode === 'guest') return this.#useGuest();
    const P = this.pollMs ?? ONE_THREAD_POLL_DEFAULT;
    if (this.#loop instanceof GuestLoop) this.#stopLoop();
    const running = this.#loop;
    if (running instanceof OneThreadLoop) {
      if (running.pollMs !== P) {
        running.pollMs = P;
        // Figures of another P are not this P's: polling's latency and wake-ups start again.
        const rec = this.#rec.polling;
        rec.clicks = new SampleRecorder();
        rec.delivery = new SampleRecorder();
        rec.idle = new IdleWakeups();
        this.#dirty = true;
      }
      return running;
    }
    const rec = this.#rec.polling;
    this.#loop = new OneThreadLoop(
      { pollMs: P },
      {
        onWake: (wake) => {
          // The turn just run: its coroutines' and callbacks' time on the thread is this panel's.
          this.#instrument.strategyWork('one-thread', wake.at, this.#host.now());
          if (wake.idle) {
            rec.idle.idle(wake.at);
            rec.idle.wake(wake.at);
          } else rec.idle.busy(wake.at);
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

  /** The guest loop, started on first use: Tk's loop is the page's, the helper waits for it. */
  #useGuest(): GuestLoop {
    if (this.#loop instanceof GuestLoop) return this.#loop;
    if (this.#loop) this.#stopLoop();
    const rec = this.#rec.guest;
    const loop = new GuestLoop(
      {
        onStep: (step) => {
          this.#instrument.strategyWork('one-thread', step.start, step.end);
          if (step.lateMs !== null) rec.late.add(step.lateMs);
          if (this.#codeWake && step.via === 'helper') {
            // One of measureChain's starts from a timer callback (null while the helper has
            // never answered: that one measures its start-up); the next after a pause, so that
            // the helper is waiting again.
            this.#codeWake = false;
            if (step.roundTripMs !== null) rec.codeRoundTrip.add(step.roundTripMs);
            this.#host.later(() => this.#codeTrip(loop), 10);
          } else if (step.roundTripMs !== null) {
            rec.roundTrip.add(step.roundTripMs);
            if (step.handOffMs !== null) rec.roundTripWait.add(step.handOffMs);
          }
          this.#dirty = true;
        },
        onWake: (wake) => {
          if (wake.idle) {
            rec.idle.idle(wake.at);
            rec.idle.wake(wake.at);
            return;
          }
          rec.idle.busy(wake.at);
          // No task left: the helper now waits without a deadline, and the idle stretch begins.
          if (loop.tasks === 0) rec.idle.idle(this.#host.now());
        },
        onDialog: (open) => {
          this.dialogOpen = open;
          this.#announcer.say(
            open
              ? "A modal dialog is open: Tk's nested loop still runs the guest's steps."
              : 'The dialog closed.',
          );
        },
        onPhase: (event) => (this.phase = event.phase),
        onError: (_name, error) => {
          this.lastError = `A coroutine raised: ${error instanceof Error ? error.message : String(error)}`;
          this.#announcer.say(this.lastError);
        },
        onHelperError: (message) => {
          this.helperError = message;
          this.#announcer.say(message);
        },
      },
      this.#guestOptions,
    );
    this.#loop = loop;
    this.started = true;
    rec.idle.idle(this.#host.now());
    this.#stopFrames = this.#instrument.onFrame(this.#frame);
    return loop;
  }

  /** `while elapsed < CHAIN_MS: await trio.sleep(0); steps += 1`, then the timer-started trips. */
  *#chain(loop: GuestLoop): Coroutine {
    const start = this.#host.now();
    let steps = 0;
    let done = false;
    try {
      while (this.#host.now() - start < CHAIN_MS) {
        yield 0;
        steps++;
      }
      this.chainRate = (steps * 1000) / (this.#host.now() - start);
      this.#announcer.say(
        `The sleep(0) chain ran ${Math.round(this.chainRate)} steps per second, one hand-off each.`,
      );
      done = true;
    } finally {
      if (done) {
        this.#codeTripsLeft = CODE_TRIPS;
        this.#host.later(() => this.#codeTrip(loop), 10);
      } else this.chainRunning = false;
    }
  }

  *#task(
    spec: { task: TaskSpec; chunkMs: number | null },
    window: BusyWindow,
    mode: OneThreadMode,
  ): Coroutine {
    this.phase = 'running';
    try {
      yield* runTask(spec.task, (text) => this.#show(text), {
        chunkMs: spec.chunkMs,
        now: this.#host.now,
      });
    } finally {
      window.end = this.#host.now();
      this.#setRuns(mode, [...this.#runs[mode]]);
      this.running--;
      this.phase = null;
    }
  }

  /**
   * `label.config(text=…)` from a coroutine: Tk redraws it at its next drain. Its wait (ms, from
   * the call to the drain that shows it) is the mode's delivery figure, the comparison's too.
   */
  #show(text: string): void {
    const asked = this.#host.now();
    const rec = this.#rec[this.mode];
    this.#loop?.enqueueTk(() => {
      this.label = text;
      rec.delivery.add(this.#host.now() - asked);
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
    const counters = this.#counters[this.mode];
    counters.asyncio = { ticks: 0, longestGap: null };
    counters.tk = { ticks: 0, longestGap: null };
    this.#counterTask = loop.createTask('asyncio-counter', this.#asyncioCounter(counters));
    const tk = () => {
      this.#ticks.tk.push(this.#host.now());
      counters.tk = { ...counters.tk, ticks: this.#ticks.tk.length };
      this.#tkTimer = loop.after(TICK_MS, tk);
    };
    this.#tkTimer = loop.after(TICK_MS, tk);
  }

  /** The asyncio task's counter: `while True: await asyncio.sleep(0.1); count += 1`. */
  *#asyncioCounter(counters: Counters): Coroutine {
    for (;;) {
      yield TICK_MS;
      this.#ticks.asyncio.push(this.#host.now());
      counters.asyncio = { ...counters.asyncio, ticks: this.#ticks.asyncio.length };
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
      const counters = this.#counters[this.mode];
      counters.asyncio = {
        ...counters.asyncio,
        longestGap: longestGapOver(this.#ticks.asyncio, span),
      };
      counters.tk = { ...counters.tk, longestGap: longestGapOver(this.#ticks.tk, span) };
      this.#announcer.say(
        `While the dialog was open, the asyncio counter's longest gap was ${Math.round(this.asyncioCounter.longestGap ?? 0)} ms; Tk's after() counter's was ${Math.round(this.tkCounter.longestGap ?? 0)} ms.`,
      );
    }, COUNTER_MARGIN_MS);
  }

  readonly #frame = (now: number): void => {
    if (now - this.#lastRefresh < REFRESH_MS) return;
    const mode = this.mode;
    const rec = this.#rec[mode];
    const idleRate = rec.idle.rate(now);
    if (!this.#dirty && idleRate === this.stats.idleRate) return;
    this.#lastRefresh = now;
    this.#dirty = false;
    const loop = this.#loop;
    const pollMs = loop instanceof OneThreadLoop ? loop.pollMs : this.stats.pollMs;
    const stats: OneThreadStats = {
      pollMs,
      clicks: rec.clicks.summary(),
      histogram: histogram(rec.clicks.values(), pollMs),
      delivery: rec.delivery.summary(),
      idleRate,
      drains: loop instanceof OneThreadLoop ? loop.drains : 0,
      guest:
        loop instanceof GuestLoop
          ? {
              late: rec.late.summary(),
              roundTrip: rec.roundTrip.summary(),
              roundTripWait: rec.roundTripWait.summary(),
              codeRoundTrip: rec.codeRoundTrip.summary(),
              wakes: loop.wakes,
              steps: loop.steps,
            }
          : this.mode === 'guest'
            ? emptyGuest()
            : null,
    };
    this.#stats = { ...this.#stats, [mode]: stats };
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

function emptyGuest(): GuestStats {
  return {
    late: null,
    roundTrip: null,
    roundTripWait: null,
    codeRoundTrip: null,
    wakes: 0,
    steps: 0,
  };
}

function emptyStats(pollMs: number, mode: OneThreadMode): OneThreadStats {
  return {
    pollMs,
    clicks: null,
    histogram: histogram([], pollMs),
    delivery: null,
    idleRate: null,
    drains: 0,
    guest: mode === 'guest' ? emptyGuest() : null,
  };
}
