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

  heartbeat(at: number, interval: number | null): void {
    if (interval !== null) {
      this.frameEnds.push(at);
      this.frameIntervals.push(interval);
    }
    this.lastHeartbeat = at;
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

  /** When the main thread has missed its heartbeat for longer than a stall, the time it was last seen. */
  blockedSince(now: number): number | null {
    if (this.hidden || this.lastHeartbeat === null) return null;
    return now - this.lastHeartbeat > STALL_MS ? this.lastHeartbeat : null;
  }
}
