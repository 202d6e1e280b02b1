import { formatStall } from '../../format/format';
import type { ChartTheme } from '../../workers/protocol';
import type { ChartModel } from './chart-model';
import { CHART_WINDOW_MS, GRID, WALL_MS, intervalScale } from './scale';

export { CHART_WINDOW_MS };

export interface ChartSize {
  /** CSS pixels. */
  width: number;
  height: number;
  dpr: number;
}

/**
 * Draws the frame-interval chart: each frame is a block as wide as the time it took and as tall as
 * its interval on a log scale, so a stall is a wide, tall wall and smooth frames a flat floor.
 * `now` is the drawing thread's clock in epoch ms. The caller sets the canvas size and transform.
 */
/**
 * A 2D context the chart can draw on: the monitor's OffscreenCanvas, or the page's own canvas where
 * the monitor cannot run. Written against the offscreen type, which both the DOM and the WebWorker
 * libraries declare, because this file is compiled for both.
 */
export type ChartContext = Omit<OffscreenCanvasRenderingContext2D, 'canvas'>;

export function drawChart(
  ctx: ChartContext,
  model: ChartModel,
  now: number,
  size: ChartSize,
  theme: ChartTheme,
  note: string | null,
): void {
  const { width, height } = size;
  const top = 6;
  const bottom = height - 4;
  const y = intervalScale(top, bottom);
  const x = (t: number) => width - ((now - t) / CHART_WINDOW_MS) * width;
  const from = now - CHART_WINDOW_MS;

  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = theme.font;
  ctx.textBaseline = 'bottom';

  ctx.fillStyle = theme.grid;
  for (const line of GRID) {
    const gy = Math.round(y(line.ms)) + 0.5;
    ctx.fillRect(0, gy, width, 1);
  }
  // Every label claims a box; a stall's label that would overlap one already claimed is left
  // out (the stall list names every stall). The axis and the live reading claim theirs first.
  const fontSize = fontPx(theme.font);
  const claimed: Box[] = [];
  // Drawn after the frames and walls, so that a wall at the left edge does not hide the axis.
  const axis: { label: string; baseline: number }[] = [];
  // The note (bottom right) comes first; an axis label it would cover drops its " · …" part.
  const noteBox = note ? textBox(ctx, note, width - 6, height - 6, fontSize, 'right') : null;
  for (const line of GRID) {
    const baseline = Math.round(y(line.ms)) - 1;
    const label = [line.label, line.label.split(' · ')[0] as string].find(
      (text) => !noteBox || !overlaps(noteBox, textBox(ctx, text, 4, baseline, fontSize, 'left')),
    );
    if (label === undefined) continue;
    axis.push({ label, baseline });
    claimed.push(textBox(ctx, label, 4, baseline, fontSize, 'left'));
  }

  ctx.fillStyle = theme.frame;
  const ends = model.frameEnds;
  const intervals = model.frameIntervals;
  for (let i = ends.size - 1; i >= 0; i--) {
    const end = ends.at(i);
    if (end < from) break;
    const interval = intervals.at(i);
    if (interval > WALL_MS) continue;
    const left = x(end - interval);
    const top = y(interval);
    ctx.fillRect(left, top, Math.max(1, x(end) - left - 0.5), bottom - top);
  }

  // Walls: a frame gap over the wall height. Only a gap the page confirmed as a stall is red and
  // labelled; one the thread was free for (an unseen page, another program on the CPU) is drawn
  // as the long frame it was.
  const walls: { centre: number; top: number; ms: number }[] = [];
  for (let i = ends.size - 1; i >= 0; i--) {
    const end = ends.at(i);
    if (end < from) break;
    const interval = intervals.at(i);
    if (interval <= WALL_MS) continue;
    const stall = model.stalls.find((s) => Math.abs(s.end - end) < 2);
    const left = x(end - interval);
    drawWall(ctx, left, x(end), y(interval), bottom, stall ? theme.stall : theme.frame);
    if (stall) walls.push({ centre: (left + x(end)) / 2, top: y(interval), ms: stall.duration });
  }

  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  for (const { label, baseline } of axis) ctx.fillText(label, 4, baseline);

  const since = model.blockedSince(now);
  if (since !== null) {
    const blocked = now - since;
    drawWall(ctx, x(since), width, y(blocked), bottom, theme.live);
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.font = `bold ${theme.font}`;
    // The long form where it fits beside the axis labels, "blocked · 1.2 s" on a narrow chart.
    const forms = [
      `main thread blocked · ${formatStall(blocked)}`,
      `blocked · ${formatStall(blocked)}`,
    ];
    const baseline = top + 16;
    const fits = (text: string) => {
      const box = textBox(ctx, text, width - 6, baseline, fontSize, 'right');
      return box.left >= 4 && !claimed.some((c) => overlaps(c, box));
    };
    const text = forms.find(fits) ?? (forms[1] as string);
    ctx.fillText(text, width - 6, baseline);
    claimed.push(textBox(ctx, text, width - 6, baseline, fontSize, 'right'));
    ctx.font = theme.font;
  }

  if (note) {
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.font = theme.font;
    ctx.fillText(note, width - 6, height - 6);
    if (noteBox) claimed.push(noteBox);
  }

  drawWallLabels(ctx, walls, top, width, fontSize, claimed, theme.text);
}

/** A label's extent on the canvas (px), for a `bottom` baseline. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The box of `text` drawn at `x` (its left or right end, by `align`) on a bottom `baseline`. */
function textBox(
  ctx: ChartContext,
  text: string,
  x: number,
  baseline: number,
  fontPx: number,
  align: 'left' | 'right',
): Box {
  const w = ctx.measureText(text).width;
  const left = align === 'left' ? x : x - w;
  return { left: left - 2, right: left + w + 2, top: baseline - fontPx, bottom: baseline };
}

/** The font's size in px (`12px sans-serif` → 12); 12 when it does not say. */
function fontPx(font: string): number {
  const m = /(\d+(?:\.\d+)?)px/.exec(font);
  return m ? Number(m[1]) : 12;
}

/**
 * One label per cluster of walls, the longest stall's: labels are placed longest first, and a
 * label that would share columns with one already placed (its cluster), or overlap the axis
 * labels, the live reading or the note, is left out (the stall list names every stall).
 */
function drawWallLabels(
  ctx: ChartContext,
  walls: { centre: number; top: number; ms: number }[],
  top: number,
  width: number,
  fontPx: number,
  claimed: readonly Box[],
  colour: string,
): void {
  ctx.fillStyle = colour;
  ctx.textAlign = 'center';
  const placed: Box[] = [];
  walls.sort((a, b) => b.ms - a.ms);
  for (const wall of walls) {
    const label = formatStall(wall.ms);
    const half = ctx.measureText(label).width / 2 + 3;
    // Near either edge the label slides inwards, never past the chart.
    const centre = Math.min(width - half, Math.max(half, wall.centre));
    const baseline = Math.max(top + 14, wall.top - 2);
    const box = {
      left: centre - half,
      right: centre + half,
      top: baseline - fontPx,
      bottom: baseline,
    };
    if (placed.some((p) => p.left < box.right && box.left < p.right)) continue;
    // The cluster is the longest stall's even when its label has no room: no shorter stall of it
    // is labelled instead.
    placed.push(box);
    if (!claimed.some((c) => overlaps(c, box))) ctx.fillText(label, centre, baseline);
  }
}

function drawWall(
  ctx: ChartContext,
  left: number,
  right: number,
  top: number,
  bottom: number,
  colour: string,
): void {
  ctx.fillStyle = colour;
  ctx.fillRect(left, top, Math.max(2, right - left), bottom - top);
}
