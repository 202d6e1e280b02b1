import { STALL_MS } from './frame-timeline';

/**
 * - `pending`: frames stopped; the browser has not yet said whether the main thread was busy.
 * - `confirmed`: a stall — long tasks filled the gap, or the browser cannot report long tasks.
 * - `idle`: frames stopped while the main thread was idle (a minimised or throttled window).
 *   Not the page's doing, so not a stall.
 */
export type StallStatus = 'pending' | 'confirmed' | 'idle';

/** Where a stall's reported duration came from. */
export type StallSource = 'longtask' | 'marks' | 'frames';

/** A stretch of the page's timeline (ms, `performance.now()`); `end` is Infinity while open. */
export interface BusyWindow {
  start: number;
  end: number;
}

export interface Stall {
  id: number;
  /** The last frame before the gap and the first frame after it (main-thread timeline). */
  frameStart: number;
  frameEnd: number;
  status: StallStatus;
  source: StallSource;
  /** The span of the long tasks inside the gap, once the browser has reported them. */
  busyStart: number | null;
  busyEnd: number | null;
  /** The figure the page shows: the span of the long tasks in the gap when known, else the gap. */
  duration: number;
  /** The script the browser blamed, from long-animation-frame attribution. */
  script: string | null;
}

/** A long task as the browser reported it: the main thread was busy from start to end. */
export interface BusySpan {
  start: number;
  end: number;
  /** 'marks': the page's own User Timing measure around its task; default 'longtask'. */
  source?: Exclude<StallSource, 'frames'>;
}

/**
 * Stalls measured from frame gaps, refined by the browser's own long-task entries.
 *
 * A frame gap is only an upper bound: it also holds the wait for the next vsync on either side of
 * the task, up to a frame each. A `longtask` entry is the task itself, which is what a DevTools
 * trace shows, so when the browser reports long tasks inside a gap the stall becomes the span from
 * the first one's start to the last one's end, clipped to the gap: input queued during a stall is
 * dispatched in the same task as the next frame's callbacks, so that task overlaps the gap's end.
 * Entries arrive a little after the frame that ends
 * the gap, so refinement runs from both sides: a new gap looks for known tasks, a new task looks for
 * known gaps.
 *
 * Where the browser reports long tasks, a gap with none in it is not a stall: frames also stop when
 * a window is minimised or throttled, with the main thread free the whole time.
 */
export class StallLog {
  readonly capacity: number;
  readonly reportsBusy: boolean;
  #stalls: Stall[] = [];
  #spans: BusySpan[] = [];
  #nextId = 1;

  constructor(options: { reportsBusy: boolean; capacity?: number }) {
    this.reportsBusy = options.reportsBusy;
    this.capacity = options.capacity ?? 256;
  }

  /** Recent gaps of every status, oldest first. */
  get stalls(): readonly Stall[] {
    return this.#stalls;
  }

  addGap(frameStart: number, frameEnd: number): Stall | null {
    if (frameEnd - frameStart <= STALL_MS) return null;
    const stall: Stall = {
      id: this.#nextId++,
      frameStart,
      frameEnd,
      status: this.reportsBusy ? 'pending' : 'confirmed',
      source: 'frames',
      busyStart: null,
      busyEnd: null,
      duration: frameEnd - frameStart,
      script: null,
    };
    for (const span of this.#spans) refine(stall, span);
    keepAtMost(this.#stalls, this.capacity - 1);
    this.#stalls.push(stall);
    return stall;
  }

  /** Records a long task; returns the gaps it refined. */
  addBusySpan(span: BusySpan): Stall[] {
    keepAtMost(this.#spans, 63);
    this.#spans.push(span);
    const changed: Stall[] = [];
    for (let i = this.#stalls.length - 1; i >= 0; i--) {
      const stall = this.#stalls[i] as Stall;
      if (stall.frameEnd < span.start) break;
      if (refine(stall, span)) changed.push(stall);
    }
    return changed;
  }

  /** The browser has had its chance to report long tasks in this gap and reported none. */
  settle(stall: Stall): void {
    if (stall.status === 'pending') stall.status = 'idle';
  }

  /** Blames a script for the stall that contains `at`, from long-animation-frame attribution. */
  attribute(at: number, script: string): void {
    const stall = this.#stalls.findLast((s) => s.frameStart <= at && at < s.frameEnd);
    if (stall && !stall.script) stall.script = script;
  }

  /** The longest confirmed stall overlapping any of the given [start, end] windows. */
  longestOverlapping(windows: readonly BusyWindow[]): Stall | null {
    let longest: Stall | null = null;
    for (const stall of this.#stalls) {
      if (stall.status !== 'confirmed') continue;
      const overlaps = windows.some((w) => stall.frameStart < w.end && stall.frameEnd > w.start);
      if (overlaps && (!longest || stall.duration > longest.duration)) longest = stall;
    }
    return longest;
  }

  /** The longest confirmed stall that ended at or after `since`. */
  longestSince(since: number): Stall | null {
    return this.longestOverlapping([{ start: since, end: Infinity }]);
  }
}

function refine(stall: Stall, span: BusySpan): boolean {
  if (span.end <= stall.frameStart || span.start >= stall.frameEnd) return false;
  const start = Math.max(span.start, stall.frameStart);
  const end = Math.min(span.end, stall.frameEnd);
  stall.busyStart = stall.busyStart === null ? start : Math.min(stall.busyStart, start);
  stall.busyEnd = stall.busyEnd === null ? end : Math.max(stall.busyEnd, end);
  stall.source = span.source ?? 'longtask';
  stall.status = 'confirmed';
  stall.duration = stall.busyEnd - stall.busyStart;
  return true;
}

function keepAtMost<T>(list: T[], max: number): void {
  if (list.length > max) list.splice(0, list.length - max);
}
