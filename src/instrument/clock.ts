/**
 * Each thread's performance.now() counts from its own time origin, so a worker and the page read
 * different numbers at the same instant. Messages carry epoch time (timeOrigin + now) instead,
 * which both sides convert back to their own timeline.
 */

export function toEpoch(localNow: number, timeOrigin: number): number {
  return timeOrigin + localNow;
}

export function fromEpoch(epochMs: number, timeOrigin: number): number {
  return epochMs - timeOrigin;
}

/** Converts a time on another thread's timeline to this thread's timeline. */
export function between(otherNow: number, otherOrigin: number, ownOrigin: number): number {
  return otherOrigin + otherNow - ownOrigin;
}

export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
