import { formatInt, formatTenth } from '../../format/format';
import {
  notMeasured,
  STRATEGY_IDS,
  type StrategyFigures,
  type StrategyId,
} from '../../strategies/strategy-figures';

/** Column headings: the one-thread panel's two modes are two strategies, each a column. */
export const STRATEGY_NAMES: Record<StrategyId, string> = {
  blocking: 'Blocking',
  queue: 'Queue + polling',
  dedicated: 'Dedicated loop',
  'one-thread-polling': 'One thread (polling)',
  'one-thread-guest': 'One thread (guest mode)',
};

/** Where the reader runs each strategy: the panel's anchor, and the mode to pick there if any. */
export const STRATEGY_WHERE: Record<StrategyId, { anchor: string; panel: string }> = {
  blocking: { anchor: 'blocking', panel: 'the Blocking panel' },
  queue: { anchor: 'queue', panel: 'the Queue + polling panel' },
  dedicated: { anchor: 'dedicated', panel: 'the Dedicated loop panel' },
  'one-thread-polling': { anchor: 'one-thread', panel: 'the One thread panel, polling mode' },
  'one-thread-guest': { anchor: 'one-thread', panel: 'the One thread panel, guest mode' },
};

/** One sentence each: when a reader should pick the strategy. */
export const WHEN_TO_USE: Record<StrategyId, string> = {
  blocking:
    'Never for anything that takes longer than one redraw (about 17 ms): the whole window waits for the task, clicks included.',
  queue:
    'Simple and works with any thread, but each result waits up to P ms for the next poll, and the UI wakes every P ms even when there is nothing to do.',
  dedicated:
    'Many concurrent tasks, cancellation, and results delivered as events with no polling latency; CPU-bound work still goes to an executor, or it stalls every task on the loop.',
  'one-thread-polling':
    'Small apps whose coroutines only wait and that open no modal dialogs: no threads at all, but input waits up to P for the next drain, the thread wakes every P ms when idle, a coroutine that computes freezes the window, and a dialog pauses every coroutine.',
  'one-thread-guest':
    'An app that wants one thread for all its code and Tk keeping mainloop(): with Trio (trio.lowlevel.start_guest_run; asyncio has none released) nothing polls, the idle thread wakes 0 times, input is handled at once and results after one hand-off, and a dialog pauses nothing. Each step that waits costs a round trip between the threads, and a coroutine that computes still freezes the window.',
};

type FigureKey = Exclude<keyof StrategyFigures, 'strategy'>;
type Unit = 'ms' | '/s' | 'runs';

interface RowSpec {
  key: FigureKey;
  label: string;
  unit: Unit;
  /** Runs is context, not a figure of merit: nothing to mark. */
  ranked: boolean;
}

export const ROWS: readonly RowSpec[] = [
  { key: 'longestStall', label: 'Longest Tk-thread stall', unit: 'ms', ranked: true },
  { key: 'inputDelayP95', label: 'Input delay, p95', unit: 'ms', ranked: true },
  { key: 'inputDelayMax', label: 'Input delay, max', unit: 'ms', ranked: true },
  { key: 'deliveryP50', label: 'Delivery latency, p50', unit: 'ms', ranked: true },
  { key: 'deliveryP95', label: 'Delivery latency, p95', unit: 'ms', ranked: true },
  { key: 'deliveryMax', label: 'Delivery latency, max', unit: 'ms', ranked: true },
  { key: 'idleWakeupsPerSecond', label: 'Idle wake-ups per second', unit: '/s', ranked: true },
  { key: 'runs', label: 'Runs', unit: 'runs', ranked: false },
];

export interface ComparisonCell {
  strategy: StrategyId;
  value: number | null;
  /** The figure as shown, or null when it has not been measured. */
  text: string | null;
  /** For an unmeasured figure: what to do to measure it. */
  hint: string | null;
  best: boolean;
}

export interface ComparisonRow {
  key: FigureKey;
  label: string;
  cells: ComparisonCell[];
}

/** Rounded as the table shows it, so two figures that read the same are ranked the same. */
export function shown(value: number): number {
  const tenths = Math.round(value * 10) / 10;
  return Math.abs(tenths) >= 10 ? Math.round(value) : tenths;
}

export function formatFigure(value: number, unit: Unit): string {
  if (unit === 'runs') return formatInt(value);
  const rounded = shown(value);
  const number = Math.abs(rounded) >= 10 ? formatInt(rounded) : formatTenth(rounded);
  return unit === 'ms' ? `${number} ms` : `${number}${unit}`;
}

/**
 * Which values are the best (lowest) of their row. Only measured values compete, and only when at
 * least two are measured: a figure alone is not better than anything. Ties are all best.
 */
export function markBest(values: ReadonlyArray<number | null>): boolean[] {
  const measured = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (measured.length < 2) return values.map(() => false);
  const lowest = Math.min(...measured.map(shown));
  return values.map((v) => v !== null && Number.isFinite(v) && shown(v) === lowest);
}

/** Strategies in the page's order, whatever order the figures came in; a missing one is not measured. */
export function orderFigures(figures: readonly StrategyFigures[]): StrategyFigures[] {
  return STRATEGY_IDS.map((id) => figures.find((f) => f.strategy === id) ?? notMeasured(id));
}

/** Whether a column has no figure at all yet: its heading says "not measured". */
export function nothingMeasured(f: StrategyFigures): boolean {
  return f.runs === 0 && ROWS.every((row) => row.key === 'runs' || f[row.key] === null);
}

export function comparisonRows(figures: readonly StrategyFigures[]): ComparisonRow[] {
  const ordered = orderFigures(figures);
  return ROWS.map((row) => {
    // Idle wake-ups are measured before any run (polling runs while idle), so a strategy's
    // figures are taken as given: null means not measured, whatever the run count.
    const values = ordered.map((f) => f[row.key]);
    const best = row.ranked ? markBest(values) : values.map(() => false);
    return {
      key: row.key,
      label: row.label,
      cells: ordered.map((f, i) => {
        const value = values[i] ?? null;
        return {
          strategy: f.strategy,
          value,
          text: value === null ? null : formatFigure(value, row.unit),
          hint: value === null ? unmeasuredHint(row.key, f.strategy) : null,
          best: best[i] ?? false,
        };
      }),
    };
  });
}

export function unmeasuredHint(key: FigureKey, strategy: StrategyId): string {
  const where = STRATEGY_WHERE[strategy].panel;
  if (key === 'inputDelayP95' || key === 'inputDelayMax')
    return `Not measured yet: use the input probe while a task runs in ${where}.`;
  return `Not measured yet: press Run in ${where}.`;
}
