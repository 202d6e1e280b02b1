import type { Instrument } from '../../instrument/instrument.svelte';
import type { BusyWindow } from '../../instrument/stall-log';
import {
  STRATEGY_PANEL,
  type StrategyFigures,
  type StrategyId,
} from '../../strategies/strategy-figures';
import type { PanelId } from '../../tasks/params';
import { SampleRecorder, type Distribution } from './samples';

/**
 * What a panel tells its live figures, as getters over its own state: read inside `$derived`, so
 * the figures follow the panel without the panel pushing anything.
 */
export interface FigureSources {
  /**
   * Main-thread stretches (ms, page timeline) while the strategy had work in flight, oldest first;
   * the last may still be open (`end: Infinity`).
   */
  windows(): readonly BusyWindow[];
  /** Runs (or tasks) made so far; the stall figure reads "not measured" while this is 0. */
  runs(): number;
  /** Delivery latency (ms), for strategies with a delivery step; absent for the others. */
  delivery?(): Distribution | null;
  /** Main-thread wake-ups per second while idle, or null while not measured. */
  idleWakeups?(): number | null;
}

/**
 * The figures every strategy panel shows and the comparison puts side by side: the longest stall
 * and the probe's input delay within the panel's busy windows. It reads the instrument's change
 * signal itself, so a stall refined after the run ended still updates the figure.
 */
export class LiveFigures {
  readonly #instrument: Instrument;
  /** The comparison column these figures fill. */
  readonly #column: StrategyId;
  /** The panel whose code the instrument attributes this strategy's stalls to. */
  readonly #strategy: PanelId;
  readonly #sources: FigureSources;

  /**
   * `column` names the strategy in the comparison; its stalls are those the instrument attributes
   * to the panel that runs it (STRATEGY_PANEL), within this strategy's own busy windows only. A
   * panel with two strategies gives each its own windows, so neither takes the other's stalls.
   */
  constructor(instrument: Instrument, column: StrategyId, sources: FigureSources) {
    this.#instrument = instrument;
    this.#column = column;
    this.#strategy = STRATEGY_PANEL[column];
    this.#sources = sources;
  }

  /**
   * The longest stall (ms) this strategy's own code caused within its busy windows; 0 when there
   * is none. Stalls of the page's own work in the same windows are `pageStall`, not this.
   */
  readonly longestStall: number = $derived.by(() => {
    void this.#instrument.version;
    return (
      this.#instrument.log.longestOverlapping(
        this.#sources.windows(),
        (_, a) => a.cause === 'strategy' && a.strategy === this.#strategy,
      )?.duration ?? 0
    );
  });

  /**
   * The longest stall (ms) in the busy windows that was the page's own work (rendering, updates,
   * another panel's code), or null for none: shown apart, so that it is not pinned on the strategy.
   */
  readonly pageStall: number | null = $derived.by(() => {
    void this.#instrument.version;
    return (
      this.#instrument.log.longestOverlapping(
        this.#sources.windows(),
        (_, a) => a.cause === 'page' || (a.cause === 'strategy' && a.strategy !== this.#strategy),
      )?.duration ?? null
    );
  });

  /**
   * The longest stall (ms) in the busy windows whose cause this browser cannot tell (it reports
   * no long tasks and no strategy code ran in it), or null for none.
   */
  readonly unattributedStall: number | null = $derived.by(() => {
    void this.#instrument.version;
    return (
      this.#instrument.log.longestOverlapping(
        this.#sources.windows(),
        (_, a) => a.cause === 'unattributed',
      )?.duration ?? null
    );
  });

  /** How long (ms) the probe's inputs made during the busy windows waited, or null for none. */
  readonly inputDelay: Distribution | null = $derived.by(() => {
    void this.#instrument.version;
    void this.#instrument.probe.inputs;
    const waits = new SampleRecorder();
    for (const wait of this.#instrument.probe.waitsWithin(this.#sources.windows())) waits.add(wait);
    return waits.summary();
  });

  /** The panel's figures for the comparison. */
  readonly figures: StrategyFigures = $derived.by(() => {
    const runs = this.#sources.runs();
    const delivery = this.#sources.delivery?.() ?? null;
    return {
      strategy: this.#column,
      longestStall: runs > 0 ? this.longestStall : null,
      inputDelayP95: this.inputDelay?.p95 ?? null,
      inputDelayMax: this.inputDelay?.max ?? null,
      deliveryP50: delivery?.p50 ?? null,
      deliveryP95: delivery?.p95 ?? null,
      deliveryMax: delivery?.max ?? null,
      idleWakeupsPerSecond: this.#sources.idleWakeups?.() ?? null,
      runs,
    };
  });
}
