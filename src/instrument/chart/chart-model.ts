import { RingBuffer } from '../ring-buffer';
import { STALL_MS } from '../frame-timeline';

export interface ChartStall {
  start: number;
  end: number;
  duration: number;
}

/**
 * What the stall chart draws, in epoch milliseconds so the same model works on the monitor worker's
 * timeline and on the page's. Bounded: frames in a ring, stalls in a short list.
 */
export class ChartModel {
  readonly frameEnds = new RingBuffer(2048);
  readonly frameIntervals = new RingBuffer(2048);
  readonly stalls: ChartStall[] = [];
  lastHeartbeat: number | null = null;
  hidden = false;
  /** Frames the page may draw between heartbeats, and the last ordinary frame interval. */
  #every = 1;
  #typicalInterval = 1000 / 60;

  frame(end: number, interval: number): void {
    this.frameEnds.push(end);
    this.frameIntervals.push(interval);
    if (interval <= STALL_MS) this.#typicalInterval = interval;
  }

  heartbeat(at: number, every: number): void {
    this.lastHeartbeat = at;
    this.#every = every;
  }

  stall(stall: ChartStall): void {
    const same = this.stalls.findIndex((s) => Math.abs(s.end - stall.end) < 1);
    if (same >= 0) this.stalls.splice(same, 1);
    if (this.stalls.length >= 32) this.stalls.shift();
    this.stalls.push(stall);
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    // Whatever gap the hidden time leaves is not a stall: the next heartbeat starts afresh.
    if (hidden) this.lastHeartbeat = null;
  }

  /**
   * When the main thread has been silent for longer than a stall, the time it was last seen. The
   * frames it drew between heartbeats are not known yet, so it may have been seen up to
   * `every - 1` frames later than the last heartbeat; the threshold allows for that.
   */
  blockedSince(now: number): number | null {
    if (this.hidden || this.lastHeartbeat === null) return null;
    const slack = (this.#every - 1) * this.#typicalInterval;
    return now - this.lastHeartbeat > STALL_MS + slack ? this.lastHeartbeat : null;
  }
}
