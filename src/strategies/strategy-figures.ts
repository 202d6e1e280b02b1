import type { PanelId } from '../tasks/params';

/** The measured figures of one strategy, as the comparison view puts them side by side. */
export interface StrategyFigures {
  strategy: PanelId;
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
export function notMeasured(strategy: PanelId): StrategyFigures {
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
