import { formatDuration } from '../format/format';
import type { Stall } from '../instrument/stall-log';
import { laneLabel, LANE_WINDOW_MS, stallExtent, spanStyle } from './draw-lanes';
import type { LaneLog, LaneSpan } from './lane-log';

/** The lanes in words: what a screen-reader user gets instead of the canvas. */
export interface LaneSummary {
  lanes: Array<{
    lane: string;
    name: string;
    total: number;
    running: number;
    recent: Array<{ id: number; text: string }>;
  }>;
  arrows: Array<{ from: string; to: string; count: number; text: string }>;
  arrowTotal: number;
  /** Spans still open: their "running for" text goes stale, so the summary is rebuilt while any are. */
  open: number;
  stalls: { count: number; longest: number | null; text: string };
}

const OUTCOME_TEXT = {
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  activity: 'finished',
  open: 'still running',
} as const;

export function describeSpan(span: LaneSpan, now: number): string {
  const ago = formatDuration(Math.max(0, now - span.start));
  const how =
    span.end === null
      ? 'still running'
      : `took ${formatDuration(span.end - span.start)}, ${OUTCOME_TEXT[spanStyle(span)]}`;
  return `${span.label} (${span.kind}): started ${ago} ago, ${how}`;
}

/**
 * Per lane the last few spans, newest first; the messages between each pair of lanes; the
 * confirmed main-thread stalls of the last window. Called a few times a second at most.
 */
export function summariseLanes(
  log: LaneLog,
  stalls: readonly Stall[],
  now: number,
  perLane = 3,
): LaneSummary {
  const lanes = log.lanes.map((lane) => ({
    lane,
    name: laneLabel(lane),
    total: 0,
    running: 0,
    recent: [] as Array<{ id: number; text: string }>,
  }));
  const byLane = new Map(lanes.map((l) => [l.lane, l]));
  const spans = log.spans;
  let open = 0;
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i] as LaneSpan;
    const entry = byLane.get(span.lane);
    if (!entry) continue;
    entry.total++;
    if (span.end === null) {
      open++;
      entry.running++;
    }
    if (entry.recent.length < perLane)
      entry.recent.push({ id: span.id, text: describeSpan(span, now) });
  }

  const pairs = new Map<string, { from: string; to: string; count: number; last: number }>();
  for (const arrow of log.arrows) {
    const key = `${arrow.from}\u0000${arrow.to}`;
    const pair = pairs.get(key) ?? { from: arrow.from, to: arrow.to, count: 0, last: 0 };
    pair.count++;
    pair.last = arrow.receivedAt - arrow.sentAt;
    pairs.set(key, pair);
  }
  const arrows = [...pairs.values()].map((p) => ({
    from: p.from,
    to: p.to,
    count: p.count,
    text: `${laneLabel(p.from)} → ${laneLabel(p.to)}: ${p.count} ${p.count === 1 ? 'message' : 'messages'}, the last took ${formatDuration(Math.max(0, p.last))} to arrive`,
  }));

  let count = 0;
  let longest: number | null = null;
  for (const stall of stalls) {
    if (stall.status !== 'confirmed' || stallExtent(stall).end < now - LANE_WINDOW_MS) continue;
    count++;
    longest = Math.max(longest ?? 0, stall.duration);
  }
  const text =
    count === 0
      ? "No stalls of the Tk thread (this page's main thread) in the last 10 s."
      : `${count} ${count === 1 ? 'stall' : 'stalls'} of the Tk thread (this page's main thread) in the last 10 s, the longest ${formatDuration(longest ?? 0)}.`;

  return { lanes, arrows, arrowTotal: log.arrows.length, open, stalls: { count, longest, text } };
}
