import { RingBuffer } from '../../instrument/ring-buffer';
import { nearestRank } from '../../instrument/percentile';

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
    const sorted = this.#samples.toArray().sort((a, b) => a - b);
    const max = sorted.at(-1);
    if (max === undefined) return null;
    return {
      count: sorted.length,
      p50: nearestRank(sorted, 0.5) ?? max,
      p95: nearestRank(sorted, 0.95) ?? max,
      max,
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
