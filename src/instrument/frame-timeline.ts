import { RingBuffer } from './ring-buffer';
import { nearestRank } from './percentile';

/** A frame interval above this is a stall: the page missed at least two frames at 60 Hz. */
export const STALL_MS = 50;

export interface FrameStats {
  /** Frames recorded in the window. */
  frames: number;
  longestInterval: number;
  /** Frames whose interval exceeded STALL_MS. */
  framesOver50: number;
  p95Interval: number;
  /** Frames in the last second of the window. */
  fps: number;
}

/**
 * Frame intervals as the main thread lived them: each entry is the time between two
 * requestAnimationFrame callbacks, both read with performance.now() inside the callback.
 *
 * A hidden tab gets no animation frames at all, so the first frame after it becomes visible again
 * would look like a stall as long as the tab was hidden. `pageHidden()` breaks the chain so that
 * interval is never recorded.
 */
export class FrameTimeline {
  readonly #ends: RingBuffer;
  readonly #intervals: RingBuffer;
  #previous: number | null = null;
  #scratch: Float64Array;

  constructor(capacity = 4096) {
    this.#ends = new RingBuffer(capacity);
    this.#intervals = new RingBuffer(capacity);
    this.#scratch = new Float64Array(capacity);
  }

  get size(): number {
    return this.#ends.size;
  }

  /** The time of the most recent frame, or null before the first one of a chain. */
  get lastFrameEnd(): number | null {
    return this.#previous;
  }

  /** Records a frame seen at `now`; returns its interval, or null if it starts a new chain. */
  frame(now: number): number | null {
    const previous = this.#previous;
    this.#previous = now;
    if (previous === null) return null;
    const interval = now - previous;
    this.#ends.push(now);
    this.#intervals.push(interval);
    return interval;
  }

  /** The page was hidden: whatever gap follows is not the main thread's doing. */
  pageHidden(): void {
    this.#previous = null;
  }

  stats(now: number, windowMs: number): FrameStats {
    const from = now - windowMs;
    let frames = 0;
    let longest = 0;
    let over = 0;
    let fps = 0;
    for (let i = this.#ends.size - 1; i >= 0; i--) {
      const end = this.#ends.at(i);
      if (end < from) break;
      const interval = this.#intervals.at(i);
      this.#scratch[frames++] = interval;
      if (interval > longest) longest = interval;
      if (interval > STALL_MS) over++;
      if (end >= now - 1000) fps++;
    }
    return {
      frames,
      longestInterval: longest,
      framesOver50: over,
      p95Interval: nearestRank(this.#scratch.subarray(0, frames).sort(), 0.95) ?? 0,
      fps,
    };
  }

  /** Frames ending after `since`, oldest first, as [end, interval] pairs. */
  *framesSince(since: number): Generator<[number, number]> {
    let first = this.#ends.size;
    while (first > 0 && this.#ends.at(first - 1) > since) first--;
    for (let i = first; i < this.#ends.size; i++) yield [this.#ends.at(i), this.#intervals.at(i)];
  }
}
