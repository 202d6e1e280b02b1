import type { Distribution } from '../shared/samples';

const HISTOGRAM_BINS = 24;

export interface Histogram {
  /** Bins of `binMs` from 0; the last also holds everything beyond `rangeMs`. */
  counts: number[];
  binMs: number;
  rangeMs: number;
  /** The uniform 0…P theory: samples per bin inside 0…P. */
  expected: number;
  /** Deliveries that took longer than P (ms), of this reader's run. */
  overP: number;
}

/** The Queue panel's delivery and wake-up figures, refreshed a few times a second. */
export interface QueueStats {
  pollMs: number;
  delivery: Distribution | null;
  histogram: Histogram;
  idleRate: number | null;
  /** Main-thread time an idle tick took on average, in ms. */
  idleTickMs: number | null;
  sent: number;
  received: number;
  lost: number;
  rejected: number;
  unmatched: number;
}

/**
 * Delivery latencies binned over 0…P plus room for the frame that follows the tick (up to ~17 ms)
 * and a margin, so the band and what overshoots it are both in view.
 */
export function histogram(values: readonly number[], pollMs: number): Histogram {
  const rangeMs = pollMs + Math.max(20, pollMs * 0.25);
  const binMs = rangeMs / HISTOGRAM_BINS;
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  let overP = 0;
  for (const value of values) {
    if (value > pollMs) overP++;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(value / binMs)));
    counts[bin] = (counts[bin] as number) + 1;
  }
  return { counts, binMs, rangeMs, expected: (values.length * binMs) / pollMs, overP };
}

/** The figures before anything ran at poll interval `pollMs`. */
export function emptyStats(pollMs: number): QueueStats {
  return {
    pollMs,
    delivery: null,
    histogram: histogram([], pollMs),
    idleRate: null,
    idleTickMs: null,
    sent: 0,
    received: 0,
    lost: 0,
    rejected: 0,
    unmatched: 0,
  };
}
