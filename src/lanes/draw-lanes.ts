import { formatDuration } from '../format/format';
import type { Stall } from '../instrument/stall-log';
import { STALL_MS } from '../instrument/frame-timeline';
import type { LaneArrow, LaneSpan } from './lane-log';

/** The lanes show this much history, newest at the right edge. */
export const LANE_WINDOW_MS = 10_000;
/** CSS pixels per lane and for the time axis under them; the canvas is as tall as they add up to. */
export const LANE_HEIGHT = 40;
export const AXIS_HEIGHT = 18;
const LANE_PAD = 4;
const GUTTER_MIN = 64;
const GUTTER_MAX = 150;
const HATCH_SPACING = 6;
/** Bars narrower than this get no label: it would be a smear of clipped glyphs. */
const LABEL_MIN_WIDTH = 28;
const LABEL_MIN_ROW = 13;
const STALL_STRIP = 3;
const ARROW_HEAD = 5;

export function laneHeightFor(laneCount: number): number {
  return Math.max(1, laneCount) * LANE_HEIGHT + AXIS_HEIGHT;
}

export function laneLabel(lane: string): string {
  return lane === 'main' ? 'main thread' : lane;
}

/**
 * The subset of a 2D context the lanes use. A real CanvasRenderingContext2D satisfies it; the unit
 * tests pass a recorder.
 */
export interface LaneContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  lineWidth: number;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  fill(): void;
  stroke(): void;
}

export interface LaneTheme {
  background: string;
  grid: string;
  separator: string;
  text: string;
  /** Bars by outcome; `activity` is a closed span that is not a task (a poll tick, a delivery). */
  done: string;
  failed: string;
  cancelled: string;
  open: string;
  activity: string;
  /** Text and hatching drawn over a filled bar. */
  onBar: string;
  stall: string;
  stallFill: string;
  arrow: string;
  font: string;
}

export interface LaneSize {
  /** CSS pixels; the caller scales the context by devicePixelRatio. */
  width: number;
  height: number;
}

export interface LaneView {
  /** The right edge of the window, on the page's performance.now() timeline. */
  now: number;
  windowMs: number;
  paused: boolean;
}

export interface LaneScene {
  lanes: readonly string[];
  spans: readonly LaneSpan[];
  arrows: readonly LaneArrow[];
  /** The page's stall log; only confirmed stalls are drawn, on the `main` lane. */
  stalls: readonly Stall[];
}

export interface DrawResult {
  spans: number;
  arrows: number;
  stalls: number;
  /**
   * The latest moment anything recorded reaches (Infinity while a span is open). Once it is left of
   * the window, the picture cannot change until something new is recorded.
   */
  latest: number;
}

export type SpanStyle = 'done' | 'failed' | 'cancelled' | 'open' | 'activity';

export function spanStyle(span: Pick<LaneSpan, 'end' | 'outcome' | 'kind'>): SpanStyle {
  if (span.end === null) return 'open';
  if (span.outcome) return span.outcome;
  return span.kind === 'task' ? 'done' : 'activity';
}

/** The mark a bar's label starts with, so the outcome reads without its colour. */
export const STYLE_MARK: Record<SpanStyle, string> = {
  done: '✓',
  failed: '✕',
  cancelled: '⊘',
  open: '…',
  activity: '',
};

const FILLED = ['done', 'activity', 'open', 'failed'] as const;
const STYLES = ['done', 'failed', 'open', 'cancelled', 'activity'] as const;

export function timeToX(t: number, now: number, windowMs: number, left: number, right: number) {
  return right - ((now - t) / windowMs) * (right - left);
}

export function spanInWindow(span: LaneSpan, from: number, to: number): boolean {
  return span.start <= to && (span.end === null || span.end >= from);
}

export function arrowInWindow(arrow: LaneArrow, from: number, to: number): boolean {
  const early = Math.min(arrow.sentAt, arrow.receivedAt);
  const late = Math.max(arrow.sentAt, arrow.receivedAt);
  return early <= to && late >= from;
}

/** A stall as the lanes draw it: the long task itself when the browser reported it, else the gap. */
export function stallExtent(stall: Stall): { start: number; end: number } {
  return { start: stall.busyStart ?? stall.frameStart, end: stall.busyEnd ?? stall.frameEnd };
}

export interface LaneGeometry {
  plotLeft: number;
  plotRight: number;
  laneTop: (index: number) => number;
  axisTop: number;
}

export function laneGeometry(size: LaneSize, laneCount: number, gutter: number): LaneGeometry {
  const lanesHeight = Math.max(0, size.height - AXIS_HEIGHT);
  const laneH = laneCount > 0 ? lanesHeight / laneCount : lanesHeight;
  return {
    plotLeft: gutter,
    plotRight: Math.max(gutter + 1, size.width - 1),
    laneTop: (index) => index * laneH,
    axisTop: lanesHeight,
  };
}

/**
 * 45° hatching clipped to a rectangle, as line segments [x1, y1, x2, y2]: computed rather than
 * drawn through a clip region or a pattern, so every failed bar shares one path and one stroke.
 */
export function hatchSegments(
  x: number,
  y: number,
  w: number,
  h: number,
  spacing = HATCH_SPACING,
): number[] {
  const out: number[] = [];
  if (w <= 0 || h <= 0) return out;
  // Lines of the form (x - x0) + (y - y0) = c, for c stepping across the rectangle.
  for (let c = spacing / 2; c < w + h; c += spacing) {
    const x1 = x + Math.max(0, c - h);
    const y1 = y + Math.min(h, c);
    const x2 = x + Math.min(w, c);
    const y2 = y + Math.max(0, c - w);
    out.push(x1, y1, x2, y2);
  }
  return out;
}

/**
 * Keeps the canvas state the drawing last set, so a frame only writes fillStyle, font and the rest
 * when they change (reading them back from the context would give normalised strings).
 */
export class Pen {
  readonly ctx: LaneContext;
  #fill = '';
  #stroke = '';
  #font = '';
  #lineWidth = -1;
  #align = '';
  #baseline = '';
  #charWidth = 7;

  constructor(ctx: LaneContext) {
    this.ctx = ctx;
  }

  /** Resizing a canvas resets its context, so the remembered state must go too. */
  reset(): void {
    this.#fill = this.#stroke = this.#font = this.#align = this.#baseline = '';
    this.#lineWidth = -1;
  }

  fill(style: string): void {
    if (style !== this.#fill) this.ctx.fillStyle = this.#fill = style;
  }

  stroke(style: string): void {
    if (style !== this.#stroke) this.ctx.strokeStyle = this.#stroke = style;
  }

  lineWidth(width: number): void {
    if (width !== this.#lineWidth) this.ctx.lineWidth = this.#lineWidth = width;
  }

  font(font: string): void {
    if (font === this.#font) return;
    this.ctx.font = this.#font = font;
    // One measurement per font change; labels are fitted with it instead of measuring each one.
    this.#charWidth = Math.max(1, this.ctx.measureText('abcdefghij0123456789').width / 20);
  }

  align(align: CanvasTextAlign): void {
    if (align !== this.#align) this.ctx.textAlign = this.#align = align;
  }

  baseline(baseline: CanvasTextBaseline): void {
    if (baseline !== this.#baseline) this.ctx.textBaseline = this.#baseline = baseline;
  }

  /** An estimate from the font's average glyph: close enough to fit labels, and free. */
  width(text: string): number {
    return text.length * this.#charWidth;
  }

  /** The label shortened with an ellipsis to fit `width` pixels, or '' when nothing useful fits. */
  fit(text: string, width: number): string {
    const chars = Math.floor(width / this.#charWidth);
    if (chars >= text.length) return text;
    if (chars < 2) return '';
    return `${text.slice(0, chars - 1)}…`;
  }
}

/**
 * Which row of its lane each span occupies, so concurrent tasks on one worker's loop sit one above
 * the other. Assigned once, when a span is first seen, and kept: rows do not jump as older spans
 * scroll out of the window.
 */
export class RowAssigner {
  #rows = new Map<number, number>();
  #occupants = new Map<string, LaneSpan[]>();
  #lastId = 0;

  update(spans: readonly LaneSpan[]): void {
    let i = spans.length;
    while (i > 0 && (spans[i - 1] as LaneSpan).id > this.#lastId) i--;
    const firstLive = spans.length > 0 ? (spans[0] as LaneSpan).id : this.#lastId + 1;
    for (; i < spans.length; i++) this.#assign(spans[i] as LaneSpan, firstLive);
    if (spans.length > 0) this.#lastId = Math.max(this.#lastId, (spans.at(-1) as LaneSpan).id);
    // The log drops old spans in halves; forget their rows when it has.
    if (this.#rows.size > 2 * spans.length + 64) {
      for (const id of this.#rows.keys()) if (id < firstLive) this.#rows.delete(id);
    }
  }

  row(span: LaneSpan): number {
    return this.#rows.get(span.id) ?? 0;
  }

  #assign(span: LaneSpan, firstLive: number): void {
    let rows = this.#occupants.get(span.lane);
    if (!rows) this.#occupants.set(span.lane, (rows = []));
    let row = rows.findIndex(
      // A span cleared from the log while open never closes: its row is free again.
      (o) => o.id < firstLive || (o.end !== null && o.end <= span.start),
    );
    if (row === -1) row = rows.length;
    rows[row] = span;
    this.#rows.set(span.id, row);
  }
}

/** Reused between frames so culling allocates nothing. */
export class LaneScratch {
  readonly buckets: Record<SpanStyle, LaneSpan[]> = {
    done: [],
    failed: [],
    cancelled: [],
    open: [],
    activity: [],
  };
  /** Each bucket's bars laid out, four numbers (x, y, w, h) per span, in bucket order. */
  readonly rects: Record<SpanStyle, number[]> = {
    done: [],
    failed: [],
    cancelled: [],
    open: [],
    activity: [],
  };
  readonly heads: number[] = [];
  /** Per pair of lanes, the x of the last arrow drawn between them (sent, received). */
  lastArrow: number[] = [];
  /** Pairs of (left edge, duration) for the stalls in view. */
  readonly stallLabels: number[] = [];
  rowsInView: number[] = [];
  gutterFor = '';
  gutter = GUTTER_MIN;

  clear(lanes: number): void {
    for (const list of Object.values(this.buckets)) list.length = 0;
    this.stallLabels.length = 0;
    if (this.lastArrow.length !== 2 * lanes * lanes)
      this.lastArrow = new Array<number>(2 * lanes * lanes);
    this.lastArrow.fill(-Infinity);
    if (this.rowsInView.length !== lanes) this.rowsInView = new Array<number>(lanes);
    this.rowsInView.fill(1);
  }
}

export function drawLanes(
  pen: Pen,
  scene: LaneScene,
  view: LaneView,
  size: LaneSize,
  theme: LaneTheme,
  rows: RowAssigner,
  scratch: LaneScratch = new LaneScratch(),
): DrawResult {
  const { lanes } = scene;
  const { now, windowMs } = view;
  pen.font(theme.font);
  const gutter = gutterWidth(pen, lanes, scratch, theme.font);
  const geo = laneGeometry(size, lanes.length, gutter);
  const x = (t: number) => timeToX(t, now, windowMs, geo.plotLeft, geo.plotRight);
  const frame: LaneFrame = {
    pen,
    ctx: pen.ctx,
    lanes,
    view,
    theme,
    rows,
    scratch,
    geo,
    laneH: lanes.length > 0 ? geo.axisTop / lanes.length : geo.axisTop,
    from: now - windowMs,
    mainLane: lanes.indexOf('main'),
    x,
    clampX: (t) => Math.min(geo.plotRight, Math.max(geo.plotLeft, x(t))),
    latest: -Infinity,
  };

  pen.fill(theme.background);
  frame.ctx.fillRect(0, 0, size.width, size.height);
  drawGrid(pen, geo, size, view, theme, lanes.length);
  const spans = cullSpans(frame, scene.spans);
  const stalls = drawStallBands(frame, scene.stalls);
  layOutBars(frame);
  fillBars(frame);
  hatchFailedBars(frame);
  outlineCancelledBars(frame);
  notchOpenBars(frame);
  labelBars(frame);
  const arrows = drawArrows(frame, scene.arrows);
  if (frame.mainLane !== -1)
    drawStallLabels(pen, scratch.stallLabels, geo.laneTop(frame.mainLane), theme);
  drawGutter(pen, geo, lanes, frame.laneH, size, view, theme);

  return { spans, arrows, stalls, latest: frame.latest };
}

/** What every pass of one drawLanes call shares: the window, the geometry and the scratch. */
interface LaneFrame {
  readonly pen: Pen;
  readonly ctx: LaneContext;
  readonly lanes: readonly string[];
  readonly view: LaneView;
  readonly theme: LaneTheme;
  readonly rows: RowAssigner;
  readonly scratch: LaneScratch;
  readonly geo: LaneGeometry;
  /** One lane's height, CSS pixels. */
  readonly laneH: number;
  /** The window's left edge (ms, page timeline); `view.now` is its right edge. */
  readonly from: number;
  /** The main thread's lane index, or -1 when it has none. */
  readonly mainLane: number;
  /** Page time (ms) to x (CSS pixels), and the same clamped to the plot. */
  readonly x: (t: number) => number;
  readonly clampX: (t: number) => number;
  /** The latest time anything in the scene reaches, visible or not (ms). */
  latest: number;
}

/**
 * Keeps the spans in the window, bucketed by style so each style's colour is set once per frame,
 * and counts how many rows each lane needs. Returns how many spans are visible.
 */
function cullSpans(frame: LaneFrame, spans: readonly LaneSpan[]): number {
  const { lanes, scratch, rows, from, view } = frame;
  scratch.clear(lanes.length);
  rows.update(spans);
  let drawn = 0;
  for (const span of spans) {
    const end = span.end ?? Infinity;
    if (end > frame.latest) frame.latest = end;
    if (!spanInWindow(span, from, view.now)) continue;
    const lane = lanes.indexOf(span.lane);
    if (lane === -1) continue;
    scratch.buckets[spanStyle(span)].push(span);
    scratch.rowsInView[lane] = Math.max(scratch.rowsInView[lane] ?? 1, rows.row(span) + 1);
    drawn++;
  }
  return drawn;
}

/** Shades confirmed stalls across the main lane, newest first; returns how many are visible. */
function drawStallBands(frame: LaneFrame, stalls: readonly Stall[]): number {
  const { pen, geo, laneH, theme, scratch, from, mainLane, clampX } = frame;
  const now = frame.view.now;
  let drawn = 0;
  for (let i = stalls.length - 1; i >= 0; i--) {
    const stall = stalls[i] as Stall;
    const { start, end } = stallExtent(stall);
    // Only stalls are drawn as stalls: a gap the thread was mostly free for is never one.
    if (stall.status !== 'confirmed' || stall.duration <= STALL_MS) continue;
    if (end > frame.latest) frame.latest = end;
    if (stall.frameEnd < from) break;
    if (mainLane === -1 || start > now || end < from) continue;
    const left = clampX(start);
    drawStallBand(pen, left, clampX(end), geo.laneTop(mainLane), laneH, theme);
    scratch.stallLabels.push(left, stall.duration);
    drawn++;
  }
  return drawn;
}

/** Lays every visible bar out once; the passes after it (fill, hatch, outline, label) share it. */
function layOutBars(frame: LaneFrame): void {
  const { lanes, scratch, rows, geo, laneH, clampX } = frame;
  const { buckets, rects } = scratch;
  const inner = laneH - 2 * LANE_PAD;
  const maxRows = Math.max(1, Math.floor(inner / 2));
  for (const style of STYLES) {
    const out = rects[style];
    out.length = 0;
    for (const span of buckets[style]) {
      const lane = lanes.indexOf(span.lane);
      const shown = Math.min(scratch.rowsInView[lane] ?? 1, maxRows);
      const rowH = inner / shown;
      const left = clampX(span.start);
      out.push(
        left,
        geo.laneTop(lane) + LANE_PAD + (rows.row(span) % shown) * rowH,
        Math.max(1, clampX(span.end ?? frame.view.now) - left),
        Math.max(1, rowH - (rowH >= 6 ? 1 : 0)),
      );
    }
  }
}

/** Fills the solid bars, one colour per style. */
function fillBars({ pen, ctx, theme, scratch }: LaneFrame): void {
  for (const style of FILLED) {
    const r = scratch.rects[style];
    if (r.length === 0) continue;
    pen.fill(theme[style]);
    let lastX = -Infinity;
    let lastY = -Infinity;
    for (let i = 0; i < r.length; i += 4) {
      const bx = r[i] as number;
      const by = r[i + 1] as number;
      const bw = r[i + 2] as number;
      // Poll ticks every millisecond land many to a pixel: one rectangle per pixel column will do.
      if (bw <= 1 && by === lastY && bx - lastX < 1) continue;
      ctx.fillRect(bx, by, bw, r[i + 3] as number);
      lastX = bx;
      lastY = by;
    }
  }
}

/** Hatches failed bars, so failure does not rest on colour alone. */
function hatchFailedBars({ pen, ctx, theme, scratch }: LaneFrame): void {
  const r = scratch.rects.failed;
  if (r.length === 0) return;
  pen.stroke(theme.onBar);
  pen.lineWidth(1);
  ctx.beginPath();
  for (let i = 0; i < r.length; i += 4) {
    const seg = hatchSegments(
      r[i] as number,
      r[i + 1] as number,
      r[i + 2] as number,
      r[i + 3] as number,
    );
    for (let j = 0; j < seg.length; j += 4) {
      ctx.moveTo(seg[j] as number, seg[j + 1] as number);
      ctx.lineTo(seg[j + 2] as number, seg[j + 3] as number);
    }
  }
  ctx.stroke();
}

/** Outlines cancelled bars, hollow with a slash: a task that was stopped, not one that finished. */
function outlineCancelledBars({ pen, ctx, theme, scratch }: LaneFrame): void {
  const r = scratch.rects.cancelled;
  if (r.length === 0) return;
  pen.stroke(theme.cancelled);
  pen.lineWidth(1.5);
  ctx.beginPath();
  for (let i = 0; i < r.length; i += 4) {
    const left = (r[i] as number) + 0.75;
    const top = (r[i + 1] as number) + 0.75;
    const right = left + (r[i + 2] as number) - 1.5;
    const bottom = top + (r[i + 3] as number) - 1.5;
    ctx.moveTo(left, top);
    ctx.lineTo(right, top);
    ctx.lineTo(right, bottom);
    ctx.lineTo(left, bottom);
    ctx.closePath();
    if (right - left > 8) {
      ctx.moveTo(right, top);
      ctx.lineTo(Math.max(left, right - (bottom - top)), bottom);
    }
  }
  ctx.stroke();
}

/** Cuts a notch at the leading edge of every open bar: still growing (not while paused). */
function notchOpenBars({ pen, ctx, theme, scratch, view }: LaneFrame): void {
  const r = scratch.rects.open;
  if (r.length === 0 || view.paused) return;
  pen.fill(theme.background);
  ctx.beginPath();
  for (let i = 0; i < r.length; i += 4) {
    const w = r[i + 2] as number;
    const h = r[i + 3] as number;
    if (w < 6 || h < 6) continue;
    const tip = (r[i] as number) + w;
    const y = r[i + 1] as number;
    const depth = Math.min(h / 2, 5);
    ctx.moveTo(tip, y);
    ctx.lineTo(tip - depth, y + h / 2);
    ctx.lineTo(tip, y + h);
    ctx.closePath();
  }
  ctx.fill();
}

/** Writes each bar's label inside it, where it fits, after its style's mark. */
function labelBars({ pen, ctx, theme, scratch }: LaneFrame): void {
  const { buckets, rects } = scratch;
  pen.baseline('middle');
  pen.align('left');
  for (const style of STYLES) {
    const r = rects[style];
    if (r.length === 0) continue;
    pen.fill(style === 'cancelled' ? theme.text : theme.onBar);
    const list = buckets[style];
    for (let i = 0; i < r.length; i += 4) {
      const w = r[i + 2] as number;
      const h = r[i + 3] as number;
      if (w < LABEL_MIN_WIDTH || h < LABEL_MIN_ROW) continue;
      const span = list[i / 4] as LaneSpan;
      const mark = STYLE_MARK[style];
      const text = pen.fit(mark ? `${mark} ${span.label}` : span.label, w - 8);
      if (text) ctx.fillText(text, (r[i] as number) + 4, (r[i + 1] as number) + h / 2 + 0.5);
    }
  }
}

/** Draws the messages between lanes as arrows, heads last; returns how many are visible. */
function drawArrows(frame: LaneFrame, arrows: readonly LaneArrow[]): number {
  const { pen, ctx, theme, lanes, geo, laneH, scratch, from, x } = frame;
  let drawn = 0;
  pen.stroke(theme.arrow);
  pen.fill(theme.arrow);
  pen.lineWidth(1);
  ctx.beginPath();
  const heads = scratch.heads;
  heads.length = 0;
  for (const arrow of arrows) {
    const late = Math.max(arrow.sentAt, arrow.receivedAt);
    if (late > frame.latest) frame.latest = late;
    if (!arrowInWindow(arrow, from, frame.view.now)) continue;
    const a = lanes.indexOf(arrow.from);
    const b = lanes.indexOf(arrow.to);
    if (a === -1 || b === -1 || a === b) continue;
    const down = b > a;
    // From the sender's lane edge to the receiver's, so arrows never cross the bars they link.
    const y1 = geo.laneTop(a) + (down ? laneH - 1 : 1);
    const y2 = geo.laneTop(b) + (down ? 1 : laneH - 1);
    const x1 = x(arrow.sentAt);
    const x2 = x(arrow.receivedAt);
    drawn++;
    // A fast stream posts many messages per pixel: the second one there would draw nothing new.
    const pair = 2 * (a * lanes.length + b);
    const last = scratch.lastArrow;
    if (Math.abs((last[pair] as number) - x1) < 1 && Math.abs((last[pair + 1] as number) - x2) < 1)
      continue;
    last[pair] = x1;
    last[pair + 1] = x2;
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    if (x2 >= geo.plotLeft) heads.push(x2, y2, down ? -1 : 1);
  }
  ctx.stroke();
  if (heads.length > 0) {
    ctx.beginPath();
    for (let i = 0; i < heads.length; i += 3) {
      const hx = heads[i] as number;
      const hy = heads[i + 1] as number;
      const dir = heads[i + 2] as number;
      ctx.moveTo(hx, hy);
      ctx.lineTo(hx - ARROW_HEAD / 1.6, hy + dir * ARROW_HEAD);
      ctx.lineTo(hx + ARROW_HEAD / 1.6, hy + dir * ARROW_HEAD);
      ctx.closePath();
    }
    ctx.fill();
  }
  return drawn;
}

function gutterWidth(
  pen: Pen,
  lanes: readonly string[],
  scratch: LaneScratch,
  font: string,
): number {
  const key = `${font}|${lanes.join('\u0000')}`;
  if (scratch.gutterFor !== key) {
    let widest = 0;
    for (const lane of lanes) widest = Math.max(widest, pen.ctx.measureText(laneLabel(lane)).width);
    scratch.gutter = Math.min(GUTTER_MAX, Math.max(GUTTER_MIN, Math.ceil(widest) + 14));
    scratch.gutterFor = key;
  }
  return scratch.gutter;
}

function drawGrid(
  pen: Pen,
  geo: LaneGeometry,
  size: LaneSize,
  view: LaneView,
  theme: LaneTheme,
  laneCount: number,
): void {
  const ctx = pen.ctx;
  const plotWidth = geo.plotRight - geo.plotLeft;
  const seconds = view.windowMs / 1000;
  // Ticks stay put and the recorded events move past them: an idle timeline is a still picture.
  const step = plotWidth / seconds >= 44 ? 1 : plotWidth / seconds >= 22 ? 2 : 5;
  pen.fill(theme.grid);
  for (let s = 0; s <= seconds; s += step) {
    const gx = Math.round(geo.plotRight - (s / seconds) * plotWidth) - 0.5;
    ctx.fillRect(gx, 0, 1, geo.axisTop);
  }
  pen.fill(theme.separator);
  for (let i = 1; i <= laneCount; i++)
    ctx.fillRect(0, Math.round(geo.laneTop(i)) - 1, size.width, 1);

  pen.fill(theme.text);
  pen.baseline('middle');
  const axisY = geo.axisTop + AXIS_HEIGHT / 2 + 1;
  for (let s = 0; s <= seconds; s += step) {
    const gx = geo.plotRight - (s / seconds) * plotWidth;
    if (s === 0) {
      pen.align('right');
      ctx.fillText(view.paused ? 'paused' : 'now', geo.plotRight - 2, axisY);
    } else if (gx - geo.plotLeft > 14) {
      pen.align('center');
      ctx.fillText(`−${s} s`, gx, axisY);
    }
  }
}

function drawStallBand(
  pen: Pen,
  left: number,
  right: number,
  top: number,
  laneH: number,
  theme: LaneTheme,
): void {
  const w = Math.max(2, right - left);
  pen.fill(theme.stallFill);
  pen.ctx.fillRect(left, top, w, laneH - 1);
  // The strip carries the contrast; the tint behind the bars only groups them.
  pen.fill(theme.stall);
  pen.ctx.fillRect(left, top, w, STALL_STRIP);
}

/** After the bars, on a backing of their own, so a short stall's figure stays readable. */
function drawStallLabels(pen: Pen, labels: number[], top: number, theme: LaneTheme): void {
  if (labels.length === 0) return;
  const ctx = pen.ctx;
  pen.align('left');
  pen.baseline('top');
  let clearFrom = -Infinity;
  // Oldest first (the pairs were collected newest first); a label that would overlap the one
  // before it is left out: the text alternative lists every stall anyway.
  for (let i = labels.length - 2; i >= 0; i -= 2) {
    const left = labels[i] as number;
    if (left < clearFrom) continue;
    const text = `stall ${formatDuration(labels[i + 1] as number)}`;
    const width = pen.width(text);
    pen.fill(theme.background);
    ctx.fillRect(left, top + STALL_STRIP, width + 6, LABEL_MIN_ROW + 1);
    pen.fill(theme.text);
    ctx.fillText(text, left + 3, top + STALL_STRIP + 1);
    clearFrom = left + width + 8;
  }
}

function drawGutter(
  pen: Pen,
  geo: LaneGeometry,
  lanes: readonly string[],
  laneH: number,
  size: LaneSize,
  view: LaneView,
  theme: LaneTheme,
): void {
  const ctx = pen.ctx;
  // Painted last, over anything that reached left of the plot.
  pen.fill(theme.background);
  ctx.fillRect(0, 0, geo.plotLeft, size.height);
  pen.fill(theme.separator);
  ctx.fillRect(geo.plotLeft - 1, 0, 1, geo.axisTop);
  for (let i = 1; i <= lanes.length; i++)
    ctx.fillRect(0, Math.round(geo.laneTop(i)) - 1, geo.plotLeft, 1);
  pen.fill(theme.text);
  pen.align('left');
  pen.baseline('middle');
  lanes.forEach((lane, i) => {
    const text = pen.fit(laneLabel(lane), geo.plotLeft - 10);
    ctx.fillText(text, 6, geo.laneTop(i) + laneH / 2);
  });
  if (view.paused) {
    pen.fill(theme.text);
    ctx.fillText('⏸', 6, geo.axisTop + AXIS_HEIGHT / 2 + 1);
  }
}
