import { STALL_MS } from './frame-timeline';

/**
 * - `pending`: frames stopped; the browser has not yet said whether the main thread was busy.
 * - `confirmed`: a stall — long tasks filled the gap, or the browser cannot report long tasks.
 * - `idle`: frames stopped while the main thread was idle (a minimised or throttled window, or
 *   another process holding the CPU). Not the page's doing, so not a stall.
 * - `short`: long tasks overlapped the gap, but for no more than the stall line (50 ms) in all:
 *   the main thread was free for most of it. Not a stall either.
 */
export type StallStatus = 'pending' | 'confirmed' | 'idle' | 'short';

/**
 * Whose work a stall was:
 * - `strategy`: a strategy's own code on the main thread (the Blocking run, a poll tick, the
 *   handling of a worker's messages) took most of it;
 * - `page`: the browser saw the main thread busy, but not with a strategy's code: the page's own
 *   rendering and updates;
 * - `unattributed`: the browser reports no long tasks, so only the frame gap is known, and no
 *   strategy's code ran in it: the page cannot tell whose work it was.
 */
export type StallCause = 'strategy' | 'page' | 'unattributed';

/** A stretch of a strategy's own code on the main thread (ms, `performance.now()`). */
export interface WorkSpan {
  /** The panel whose strategy ran it ('blocking', 'queue', 'dedicated', …). */
  strategy: string;
  start: number;
  end: number;
}

/** A stall's cause, and how much of it (ms) the blamed strategy's code took. */
export interface StallAttribution {
  cause: StallCause;
  /** The strategy whose code ran longest in the stall, or null when none ran in it. */
  strategy: string | null;
  strategyMs: number;
}

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
  #work: WorkSpan[] = [];
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

  /**
   * Records a stretch of a strategy's own main-thread code. Stretches of one strategy less than
   * a millisecond apart merge, so ten thousand message handlers in one task are one stretch.
   */
  addWork(span: WorkSpan): void {
    const last = this.#work.at(-1);
    if (last && last.strategy === span.strategy && span.start - last.end < 1) {
      last.end = Math.max(last.end, span.end);
      return;
    }
    keepAtMost(this.#work, 255);
    this.#work.push({ ...span });
  }

  /** Whose work `stall` was, from the strategies' recorded stretches inside its busy span. */
  attribution(stall: Stall): StallAttribution {
    const start = stall.busyStart ?? stall.frameStart;
    const end = stall.busyEnd ?? stall.frameEnd;
    const by = new Map<string, number>();
    for (const w of this.#work) {
      const overlap = Math.min(end, w.end) - Math.max(start, w.start);
      if (overlap > 0) by.set(w.strategy, (by.get(w.strategy) ?? 0) + overlap);
    }
    let strategy: string | null = null;
    let strategyMs = 0;
    for (const [name, ms] of by) if (ms > strategyMs) [strategy, strategyMs] = [name, ms];
    // A strategy is blamed when its code was most of the stall, or a stall on its own.
    const blamed = strategyMs > STALL_MS || strategyMs >= stall.duration / 2;
    const cause: StallCause = blamed
      ? 'strategy'
      : stall.source === 'frames'
        ? 'unattributed'
        : 'page';
    return { cause, strategy, strategyMs };
  }

  /** Blames a script for the stall that contains `at`, from long-animation-frame attribution. */
  attribute(at: number, script: string): void {
    const stall = this.#stalls.findLast((s) => s.frameStart <= at && at < s.frameEnd);
    if (stall && !stall.script) stall.script = script;
  }

  /**
   * The longest confirmed stall overlapping any of the given [start, end] windows, of those that
   * `keep` accepts (all of them by default).
   */
  longestOverlapping(
    windows: readonly BusyWindow[],
    keep: (stall: Stall, attribution: StallAttribution) => boolean = () => true,
  ): Stall | null {
    let longest: Stall | null = null;
    for (const stall of this.#stalls) {
      if (stall.status !== 'confirmed') continue;
      if (longest && stall.duration <= longest.duration) continue;
      const overlaps = windows.some((w) => stall.frameStart < w.end && stall.frameEnd > w.start);
      if (overlaps && keep(stall, this.attribution(stall))) longest = stall;
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
  stall.duration = stall.busyEnd - stall.busyStart;
  // Long tasks that fill no more than the stall line leave a gap the thread was mostly free for.
  stall.status = stall.duration > STALL_MS ? 'confirmed' : 'short';
  return true;
}

function keepAtMost<T>(list: T[], max: number): void {
  if (list.length > max) list.splice(0, list.length - max);
}
