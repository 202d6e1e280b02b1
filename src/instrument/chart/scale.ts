/**
 * The axes every stall chart shares, so the live chart and the recorded Tk charts can be read
 * against each other: frame (or heartbeat) intervals on a log scale from 8 ms to 10 s, and time
 * at the same milliseconds per pixel.
 */

/** The live chart shows this much history; a recording fits in it unless it is longer. */
export const CHART_WINDOW_MS = 8_000;
export const CHART_MIN_MS = 8;
export const CHART_MAX_MS = 10_000;
/** Intervals above this are drawn as walls; those the page confirmed as stalls in the stall colour, labelled. */
export const WALL_MS = 50;

export const GRID = [
  { ms: 1000 / 60, label: '16.7 ms · 60 fps' },
  { ms: 50, label: '50 ms · stall' },
  { ms: 250, label: '250 ms' },
  { ms: 1000, label: '1 s' },
] as const;

/** Maps an interval to a y coordinate between `bottom` (8 ms and less) and `top` (10 s and more). */
export function intervalScale(top: number, bottom: number): (ms: number) => number {
  const plot = bottom - top;
  const logSpan = Math.log(CHART_MAX_MS / CHART_MIN_MS);
  return (ms) =>
    bottom -
    (Math.log(Math.min(CHART_MAX_MS, Math.max(CHART_MIN_MS, ms)) / CHART_MIN_MS) / logSpan) * plot;
}
