import { RingBuffer } from '../instrument/ring-buffer';
import { percentile } from '../instrument/frame-timeline';
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

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * A bounded record of samples (delivery latencies, input delays) with the summary the panels show.
 * Summaries sort a copy, so call them when figures are shown, not per sample.
 */
export class SampleRecorder {
  readonly #samples: RingBuffer;

  constructor(capacity = 4096) {
    this.#samples = new RingBuffer(capacity);
  }

  get count(): number {
    return this.#samples.size;
  }

  add(value: number): void {
    this.#samples.push(value);
  }

  clear(): void {
    this.#samples.clear();
  }

  values(): number[] {
    return this.#samples.toArray();
  }

  summary(): Distribution | null {
    const values = this.#samples.toArray();
    if (values.length === 0) return null;
    return {
      count: values.length,
      p50: percentile(values, 0.5),
      p95: percentile(values, 0.95),
      max: values[values.length - 1] as number,
    };
  }
}

/**
 * Counts a strategy's own wake-ups of the main thread (timer callbacks, message handlers) while it
 * has no task in flight, and gives their rate over the current idle stretch (the last few seconds
 * of it); while busy, the rate of the last idle stretch.
 */
export class IdleWakeups {
  readonly #times = new RingBuffer(4096);
  readonly #windowMs: number;
  #idleSince: number | null = null;
  #lastRate: number | null = null;

  constructor(windowMs = 5_000) {
    this.#windowMs = windowMs;
  }

  /** No task is in flight from `now` on. */
  idle(now: number): void {
    if (this.#idleSince === null) this.#idleSince = now;
  }

  /** A task is in flight from `now` on: wake-ups are the work itself, not idle cost. */
  busy(now: number): void {
    if (this.#idleSince === null) return;
    this.#lastRate = this.rate(now) ?? this.#lastRate;
    this.#idleSince = null;
  }

  wake(now: number): void {
    if (this.#idleSince !== null) this.#times.push(now);
  }

  /** Wake-ups per second; null until the page has been idle for a quarter of a second. */
  rate(now: number): number | null {
    if (this.#idleSince === null) return this.#lastRate;
    const from = Math.max(this.#idleSince, now - this.#windowMs);
    if (now - from < 250) return this.#lastRate;
    let count = 0;
    for (let i = this.#times.size - 1; i >= 0 && this.#times.at(i) >= from; i--) count++;
    return (count * 1000) / (now - from);
  }
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
