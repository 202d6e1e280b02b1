import type { Stall } from '../instrument/stall-log';
import {
  drawLanes,
  LANE_WINDOW_MS,
  LaneScratch,
  Pen,
  RowAssigner,
  type DrawResult,
  type LaneContext,
  type LaneTheme,
} from './draw-lanes';
import type { LaneLog } from './lane-log';

/** With reduced motion the window moves in steps this far apart instead of gliding. */
export const REDUCED_MOTION_STEP_MS = 500;
/**
 * When nothing new was recorded and the picture only has to scroll, it moves in steps this far
 * apart: a few pixels each, and a fifth of the drawing work on the page's main thread.
 */
export const SCROLL_STEP_MS = 80;

export interface LaneSources {
  log: LaneLog;
  /** The page's stall log and its change counter (the instrument's `log.stalls` and `version`). */
  stalls: () => readonly Stall[];
  stallVersion: () => number;
}

/** The canvas element's backing store: what a resize writes to. */
export interface LaneSurface {
  width: number;
  height: number;
}

/**
 * Decides, once per frame, whether the lanes need drawing at all, and draws them when they do.
 * Like uPlot's commit: setters only mark what changed, `frame()` does the work at most once.
 *
 * A frame draws when the recorded events changed, when the size or theme changed, or when the last
 * picture still had something in the window (it has moved since). A picture with nothing in the
 * window is final: no frame draws again until something is recorded.
 */
export class LaneRenderer {
  readonly #surface: LaneSurface;
  readonly #sources: LaneSources;
  readonly #pen: Pen | null;
  readonly #rows = new RowAssigner();
  readonly #scratch = new LaneScratch();
  #size = { width: 0, height: 0, dpr: 1 };
  #sizeDirty = false;
  #theme: LaneTheme | null = null;
  #themeDirty = false;
  #logVersion = -1;
  #stallVersion = -1;
  #drawnAt = -Infinity;
  #drawnNow = -Infinity;
  #latest = -Infinity;
  #pausedAt: number | null = null;
  #reducedMotion = false;

  /** How many frames drew, and what the last drawing cost (ms): for the curious and the tests. */
  draws = 0;
  lastCost = 0;
  lastResult: DrawResult | null = null;

  constructor(ctx: LaneContext | null, surface: LaneSurface, sources: LaneSources) {
    this.#surface = surface;
    this.#sources = sources;
    this.#pen = ctx ? new Pen(ctx) : null;
  }

  get paused(): boolean {
    return this.#pausedAt !== null;
  }

  resize(width: number, height: number, dpr: number): void {
    const s = this.#size;
    if (s.width === width && s.height === height && s.dpr === dpr) return;
    this.#size = { width, height, dpr };
    this.#sizeDirty = true;
  }

  get dpr(): number {
    return this.#size.dpr;
  }

  setTheme(theme: LaneTheme): void {
    this.#theme = theme;
    this.#themeDirty = true;
  }

  setReducedMotion(reduced: boolean): void {
    this.#reducedMotion = reduced;
  }

  pause(now: number): void {
    if (this.#pausedAt === null) {
      this.#pausedAt = now;
      this.#themeDirty = true;
    }
  }

  resume(): void {
    if (this.#pausedAt !== null) {
      this.#pausedAt = null;
      this.#themeDirty = true;
    }
  }

  /** Called from the page's frame loop; returns whether it drew. */
  frame(now: number): boolean {
    const pen = this.#pen;
    const theme = this.#theme;
    if (!pen || !theme || this.#size.width <= 0 || this.#size.height <= 0) return false;
    const { log } = this.#sources;
    const stallVersion = this.#sources.stallVersion();
    const forced = this.#sizeDirty || this.#themeDirty;
    const changed = log.version !== this.#logVersion || stallVersion !== this.#stallVersion;
    const moving = this.#pausedAt === null && this.#latest >= this.#drawnNow - LANE_WINDOW_MS;
    if (!forced && !changed && !moving) return false;
    if (!forced && this.#reducedMotion && now - this.#drawnAt < REDUCED_MOTION_STEP_MS) {
      return false;
    }
    if (!forced && !changed && now - this.#drawnAt < SCROLL_STEP_MS) return false;

    if (this.#sizeDirty) {
      const { width, height, dpr } = this.#size;
      this.#surface.width = Math.round(width * dpr);
      this.#surface.height = Math.round(height * dpr);
      // A resized canvas forgets its transform and every other piece of state.
      pen.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      pen.reset();
    }
    this.#sizeDirty = this.#themeDirty = false;
    this.#logVersion = log.version;
    this.#stallVersion = stallVersion;

    const viewNow = this.#pausedAt ?? now;
    const started = performance.now();
    const result = drawLanes(
      pen,
      { lanes: log.lanes, spans: log.spans, arrows: log.arrows, stalls: this.#sources.stalls() },
      { now: viewNow, windowMs: LANE_WINDOW_MS, paused: this.#pausedAt !== null },
      this.#size,
      theme,
      this.#rows,
      this.#scratch,
    );
    this.lastCost = performance.now() - started;
    this.lastResult = result;
    this.#latest = result.latest;
    this.#drawnNow = viewNow;
    this.#drawnAt = now;
    this.draws++;
    return true;
  }
}
