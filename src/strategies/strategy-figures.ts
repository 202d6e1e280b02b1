import type { PanelId } from '../tasks/params';

/**
 * One column of the comparison: a strategy as the reader runs it. Most panels are one strategy;
 * the one-thread panel is two (asyncio driving Tk by polling, and Trio as Tk's guest), each with
 * figures of its own. Not a `PanelId`: the address names panels, the comparison names strategies.
 */
export const STRATEGY_IDS = [
  'blocking',
  'queue',
  'dedicated',
  'one-thread-polling',
  'one-thread-guest',
] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];

/** The panel that runs each strategy: its stalls are attributed to that panel's code. */
export const STRATEGY_PANEL: Record<StrategyId, PanelId> = {
  blocking: 'blocking',
  queue: 'queue',
  dedicated: 'dedicated',
  'one-thread-polling': 'one-thread',
  'one-thread-guest': 'one-thread',
};

/** The measured figures of one strategy, as the comparison view puts them side by side. */
export interface StrategyFigures {
  strategy: StrategyId;
  /** Null until the strategy has run at least once. */
  longestStall: number | null;
  inputDelayP95: number | null;
  inputDelayMax: number | null;
  deliveryP50: number | null;
  deliveryP95: number | null;
  deliveryMax: number | null;
  /** Main-thread wake-ups per second caused by the strategy while no task runs. */
  idleWakeupsPerSecond: number | null;
  runs: number;
}

/** The figures of a strategy that has not run (or not loaded) yet: nothing measured. */
export function notMeasured(strategy: StrategyId): StrategyFigures {
  return {
    strategy,
    longestStall: null,
    inputDelayP95: null,
    inputDelayMax: null,
    deliveryP50: null,
    deliveryP95: null,
    deliveryMax: null,
    idleWakeupsPerSecond: null,
    runs: 0,
  };
}
