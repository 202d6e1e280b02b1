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

  ctx.textAlign = 'center';
  for (let i = ends.size - 1; i >= 0; i--) {
    const end = ends.at(i);
    if (end < from) break;
    const interval = intervals.at(i);
    if (interval <= WALL_MS) continue;
    const refined = model.stalls.find((s) => Math.abs(s.end - end) < 2);
    drawWall(ctx, x(end - interval), x(end), y(interval), bottom, theme.stall);
    const label = formatStall(refined ? refined.duration : interval);
    ctx.fillStyle = theme.text;
    ctx.fillText(
      label,
      Math.max(24, (x(end - interval) + x(end)) / 2),
      Math.max(top + 14, y(interval) - 2),
    );
  }

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
