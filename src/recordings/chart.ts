import { formatRecordedMs, formatSeconds, formatStall } from '../format/format';
import { CHART_WINDOW_MS, GRID, WALL_MS, intervalScale } from '../instrument/chart/scale';

/** A heartbeat gap on the run's clock: when it began and how long it lasted. */
export interface RecordedGap {
  atMs: number;
  gapMs: number;
}

export interface RecordingChartSpec {
  /** The stretch of the run the chart covers, on the run's clock; the axis counts from `fromMs`. */
  fromMs: number;
  toMs: number;
  /** Heartbeat gaps above the 8 ms threshold: shorter ones sit on the axis floor anyway. */
  gaps: RecordedGap[];
  /** Instants worth seeing against the gaps: clicks. */
  marks?: { atMs: number; label: string }[];
  /** Labelled stretches: the idle and busy windows of the GIL run. */
  spans?: { fromMs: number; toMs: number; label: string }[];
}

export interface ChartGeometry {
  width: number;
  height: number;
  plotBottom: number;
  grid: { y: number; label: string }[];
  ticks: { x: number; label: string }[];
  blocks: { x: number; y: number; width: number; height: number; wall: boolean }[];
  wallLabels: { x: number; y: number; text: string }[];
  marks: { x: number; label: string }[];
  spans: { x: number; width: number; label: string }[];
}

/** The live chart's canvas is 150 CSS pixels high; the recordings add a strip for the time axis. */
export const PLOT_HEIGHT = 150;
const AXIS_HEIGHT = 18;

/**
 * Lays a recording out on the live chart's axes: the same log scale of intervals, and time at the
 * same milliseconds per pixel, so a 1 s freeze is as wide and as tall in both. A recording longer
 * than the live chart's 8 s window widens the window instead of being cut. Recordings read from the
 * left (0 = the start of what was measured), as a finished run does, rather than scrolling in from
 * the right.
 */
export function chartGeometry(spec: RecordingChartSpec, width: number): ChartGeometry {
  const top = 6;
  const bottom = PLOT_HEIGHT - 4;
  const y = intervalScale(top, bottom);
  const windowMs = Math.max(CHART_WINDOW_MS, spec.toMs - spec.fromMs);
  const x = (t: number) => ((t - spec.fromMs) / windowMs) * width;

  const blocks = [];
  const wallLabels = [];
  for (const { atMs, gapMs } of spec.gaps) {
    const left = x(atMs);
    const height = bottom - y(gapMs);
    if (height < 0.5) continue;
    const wall = gapMs > WALL_MS;
    blocks.push({
      x: left,
      y: y(gapMs),
      width: Math.max(wall ? 2 : 1, x(atMs + gapMs) - left),
      height,
      wall,
    });
    if (wall)
      wallLabels.push({
        x: Math.max(24, left + (x(atMs + gapMs) - left) / 2),
        y: Math.max(top + 14, y(gapMs) - 2),
        text: formatStall(gapMs),
      });
  }

  const ticks = [];
  for (let t = 0; t <= windowMs; t += 1000) {
    ticks.push({ x: x(spec.fromMs + t), label: t === 0 ? '0' : `${t / 1000} s` });
  }
  return {
    width,
    height: PLOT_HEIGHT + AXIS_HEIGHT,
    plotBottom: bottom,
    grid: GRID.map((line) => ({ y: Math.round(y(line.ms)) + 0.5, label: line.label })),
    ticks,
    blocks,
    wallLabels,
    marks: (spec.marks ?? []).map((m) => ({ x: x(m.atMs), label: m.label })),
    spans: (spec.spans ?? []).map((s) => ({
      x: x(s.fromMs),
      width: x(s.toMs) - x(s.fromMs),
      label: s.label,
    })),
  };
}

function describeGaps(spec: RecordingChartSpec): string {
  const span = formatSeconds(spec.toMs - spec.fromMs);
  const gaps = spec.gaps;
  if (gaps.length === 0) return `No heartbeat gap above 8 ms in ${span}.`;
  const walls = gaps.filter((g) => g.gapMs > WALL_MS);
  // The tables give gaps to 0.1 ms; the words must not round 8.5 ms to the chart label's 9 ms.
  const length = (gapMs: number) =>
    gapMs >= 1000 ? formatSeconds(gapMs) : formatRecordedMs(gapMs);
  const at = (g: RecordedGap) => `${length(g.gapMs)} from ${formatSeconds(g.atMs - spec.fromMs)}`;
  if (walls.length > 0 && walls.length <= 4) {
    const rest = gaps.length - walls.length;
    return (
      `In ${span}, the heartbeat stopped for ${walls.map(at).join(', then ')}` +
      (rest > 0 ? `, plus ${rest} shorter ${rest === 1 ? 'gap' : 'gaps'} above 8 ms.` : '.')
    );
  }
  const longest = gaps.reduce((a, b) => (b.gapMs > a.gapMs ? b : a));
  return `In ${span}, ${gaps.length} heartbeat ${gaps.length === 1 ? 'gap' : 'gaps'} above 8 ms, the longest ${at(longest)}.`;
}

/** The chart in words: the text alternative for readers who cannot see it. */
export function describeChart(spec: RecordingChartSpec): string {
  const parts = [describeGaps(spec)];
  for (const span of spec.spans ?? [])
    parts.push(
      `${span.label[0]?.toUpperCase()}${span.label.slice(1)}: ${formatSeconds(span.fromMs - spec.fromMs)} to ${formatSeconds(span.toMs - spec.fromMs)}.`,
    );
  const marks = spec.marks ?? [];
  if (marks.length > 0)
    parts.push(`Clicks at ${marks.map((m) => formatSeconds(m.atMs - spec.fromMs)).join(', ')}.`);
  return parts.join(' ');
}
