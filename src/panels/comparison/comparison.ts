import { formatInt, formatTenth } from '../../format/format';
import { PANEL_IDS, type PanelId } from '../../tasks/params';
import { notMeasured, type StrategyFigures } from '../../strategies/strategy-figures';

export const STRATEGY_NAMES: Record<PanelId, string> = {
  blocking: 'Blocking',
  queue: 'Queue + polling',
  dedicated: 'Dedicated loop',
  'one-thread': 'One thread',
};

/** One sentence each: when a reader should pick the strategy. */
export const WHEN_TO_USE: Record<PanelId, string> = {
  blocking:
    'Never for anything that takes longer than a frame: the whole window waits for the task, clicks included.',
  queue:
    'Simple and works with any thread, but each result waits up to P ms for the next poll, and the UI wakes every P ms even when there is nothing to do.',
  dedicated:
    'Many concurrent tasks, cancellation, and results delivered as events with no polling latency; CPU-bound work still goes to an executor, or it stalls every task on the loop.',
  'one-thread':
    'Small apps whose coroutines only wait and that open no modal dialogs: no threads at all, but input waits up to P for the next drain, the thread wakes every P ms when idle, a coroutine that computes freezes the window, and a dialog pauses every coroutine. Its guest mode (Trio: start_guest_run; asyncio has none released) keeps mainloop(): no polling, no idle wake-ups, no dialog pause, but a computing coroutine still freezes the window. The column shows the mode the panel is in.',
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
  { key: 'longestStall', label: 'Longest main-thread stall', unit: 'ms', ranked: true },
  { key: 'inputDelayP95', label: 'Input delay, p95', unit: 'ms', ranked: true },
  { key: 'inputDelayMax', label: 'Input delay, max', unit: 'ms', ranked: true },
  { key: 'deliveryP50', label: 'Delivery latency, p50', unit: 'ms', ranked: true },
  { key: 'deliveryP95', label: 'Delivery latency, p95', unit: 'ms', ranked: true },
  { key: 'deliveryMax', label: 'Delivery latency, max', unit: 'ms', ranked: true },
  { key: 'idleWakeupsPerSecond', label: 'Idle wake-ups per second', unit: '/s', ranked: true },
  { key: 'runs', label: 'Runs', unit: 'runs', ranked: false },
];

export interface ComparisonCell {
  strategy: PanelId;
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
  return PANEL_IDS.map((id) => figures.find((f) => f.strategy === id) ?? notMeasured(id));
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

export function unmeasuredHint(key: FigureKey, strategy: PanelId): string {
  const name = STRATEGY_NAMES[strategy];
  if (key === 'inputDelayP95' || key === 'inputDelayMax')
    return `Not measured yet: use the input probe while a ${name} task runs.`;
  return `Not measured yet: press Run in the ${name} panel.`;
}
