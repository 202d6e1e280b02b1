import { formatMs } from '../../format/format';
import type { Announcer } from '../../ui/announcer.svelte';
import { panelShare, type PanelShare } from '../../share/url-state';
import type { Instrument } from '../../instrument/instrument.svelte';
import { runBlocking } from '../../strategies/blocking';
import type { BlockingPhase } from '../../strategies/phases';
import type { TaskKind } from '../../tasks/params';
import type { FreezeFigures } from '../../recordings/views';
import { LiveFigures } from '../shared/live-figures.svelte';
import { Prediction } from '../shared/prediction.svelte';
import { BLOCKING_QUESTION, revealBlocking, type BlockingAnswer } from './prediction';
import { NOT_RUN, NOT_RUN_ANNOUNCED, TaskForm } from '../task-form.svelte';

export interface BlockingRun {
  id: number;
  /** When the click happened, and when its run started and ended (main-thread timeline). */
  clickAt: number;
  start: number;
  end: number;
  /** The click arrived while an earlier run still held the thread. */
  queued: boolean;
  /** A frame was produced between the previous run and this one. */
  paintedBefore: boolean;
}

/** Runs kept for the panel's figures; older ones only matter through the stall log. */
const KEPT_RUNS = 64;

/**
 * The Blocking panel's state: the form, the runs it made and the figures derived from them. Runs
 * happen inside the click handler itself, so a click made during a run is queued by the browser
 * and handled afterwards, which is exactly what happens to clicks on a blocked Tk window.
 */
export class BlockingPanel {
  readonly form: TaskForm;
  runs = $state<BlockingRun[]>([]);
  phase = $state<BlockingPhase | null>(null);
  /** Why the last Run did nothing, while it is still so (a corrected field clears it), or null. */
  readonly refused: string | null = $derived.by(() => (this.form.spec ? null : this.#refused));
  #refused = $state<string | null>(null);
  /** The element the task writes its progress and result to, as a Tk label. */
  output: HTMLElement | null = null;

  /**
   * Longest stall, input delay and the comparison's figures, over this panel's runs. Blocking has
   * no delivery step to measure (the result is written by the handler that computed it) and no
   * timer of its own, so it never wakes idle.
   */
  readonly live: LiveFigures;

  readonly #instrument: Instrument;
  readonly #announcer: Announcer;
  #nextId = 1;

  constructor(
    instrument: Instrument,
    announcer: Announcer,
    initial?: { kind: TaskKind; duration: number; rate: number },
  ) {
    this.#instrument = instrument;
    this.#announcer = announcer;
    this.form = new TaskForm(initial);
    this.live = new LiveFigures(instrument, 'blocking', {
      windows: () => this.runs,
      runs: () => this.runs.length,
      idleWakeups: () => (this.runs.length > 0 ? 0 : null),
    });
  }

  /** Before the first Run: how many times the command runs for clicks made during the freeze. */
  readonly prediction = new Prediction<BlockingAnswer>({
    question: () => BLOCKING_QUESTION,
    started: () => this.runs.length > 0,
    reveal: (answer) => {
      const first = this.burst[0];
      return revealBlocking(answer, this.freeze, first ? first.end - first.start : null);
    },
  });

  /** This panel's part of the URL, for the address bar and its Copy link and Embed controls. */
  readonly shareable: PanelShare | null = $derived.by(() => panelShare('blocking', this.form));

  /** The clicks that ran back to back: the last run and the queued runs just before it. */
  readonly burst: BlockingRun[] = $derived.by(() => {
    const burst: BlockingRun[] = [];
    for (let i = this.runs.length - 1; i >= 0; i--) {
      const run = this.runs[i] as BlockingRun;
      burst.unshift(run);
      if (!run.queued) break;
    }
    return burst;
  });

  /**
   * The last freeze in the figures the side-by-side table compares with Tk's: runs of the command
   * (the first click and each click made during the freeze), and the longest a click made during
   * it waited for its run to start (ms).
   */
  readonly freeze: FreezeFigures | null = $derived.by(() => {
    const burst = this.burst;
    if (burst.length === 0) return null;
    let wait: number | null = null;
    for (const run of burst) if (run.queued) wait = Math.max(wait ?? 0, run.start - run.clickAt);
    return { runs: burst.length, longestClickWaitMs: wait };
  });

  readonly lastRunStall: number | null = $derived.by(() => {
    void this.#instrument.version;
    const last = this.runs[this.runs.length - 1];
    return last ? (this.#instrument.log.longestOverlapping([last])?.duration ?? null) : null;
  });

  run(event: MouseEvent): void {
    const spec = this.form.spec;
    if (!spec) {
      this.#refused = NOT_RUN;
      this.#announcer.say(NOT_RUN_ANNOUNCED);
      return;
    }
    this.#refused = null;
    const start = performance.now();
    const previous = this.runs[this.runs.length - 1];
    const queued = previous !== undefined && event.timeStamp < previous.end;
    const lastFrame = this.#instrument.timeline.lastFrameEnd;
    const id = this.#nextId++;
    const output = this.output;
    runBlocking(
      id,
      spec,
      {
        showProgress: (text) => {
          if (output) output.textContent = text;
        },
        showResult: (text) => {
          if (output) output.textContent = text;
        },
      },
      (event) => (this.phase = event.phase),
    );
    const end = performance.now();
    // The run is this strategy's own code on the main thread: the stall it causes is its own.
    this.#instrument.strategyWork('blocking', start, end);
    const run: BlockingRun = {
      id,
      clickAt: event.timeStamp,
      start,
      end,
      queued,
      paintedBefore: previous !== undefined && lastFrame !== null && lastFrame > previous.end,
    };
    this.runs = [...this.runs.slice(-(KEPT_RUNS - 1)), run];
    if (!queued) this.#announcer.say(`Blocking run finished after ${formatMs(end - start)}.`);
  }
}
