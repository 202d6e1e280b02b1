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
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  for (const line of GRID) ctx.fillText(line.label, 4, Math.round(y(line.ms)) - 1);

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
  drawWallLabels(ctx, walls, top, width, theme.text);

  const since = model.blockedSince(now);
  if (since !== null) {
    const blocked = now - since;
    drawWall(ctx, x(since), width, y(blocked), bottom, theme.live);
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.font = `bold ${theme.font}`;
    ctx.fillText(`main thread blocked · ${formatStall(blocked)}`, width - 6, top + 16);
  }

  if (note) {
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.font = theme.font;
    ctx.fillText(note, width - 6, height - 6);
  }
}

/**
 * One label per cluster of walls, the longest stall's: labels are placed longest first and a label
 * that would overlap one already placed is left out (the stall list names every stall).
 */
function drawWallLabels(
  ctx: ChartContext,
  walls: { centre: number; top: number; ms: number }[],
  top: number,
  width: number,
  colour: string,
): void {
  ctx.fillStyle = colour;
  ctx.textAlign = 'center';
  const placed: { left: number; right: number }[] = [];
  walls.sort((a, b) => b.ms - a.ms);
  for (const wall of walls) {
    const label = formatStall(wall.ms);
    const half = ctx.measureText(label).width / 2 + 3;
    const centre = Math.min(width - half, Math.max(half, wall.centre));
    const box = { left: centre - half, right: centre + half };
    if (placed.some((p) => p.left < box.right && box.left < p.right)) continue;
    placed.push(box);
    ctx.fillText(label, centre, Math.max(top + 14, wall.top - 2));
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
