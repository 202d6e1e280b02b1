import { describe, expect, it } from 'vitest';
import { FrameTimeline } from '../../src/instrument/frame-timeline';
import { nearestRank } from '../../src/instrument/percentile';

/** Feeds frames at the given times and returns the timeline. */
function framesAt(times: number[], capacity = 64): FrameTimeline {
  const timeline = new FrameTimeline(capacity);
  for (const t of times) timeline.frame(t);
  return timeline;
}

describe('FrameTimeline', () => {
  it('records intervals between frames, the first frame only starting the chain', () => {
    const timeline = new FrameTimeline(8);
    expect(timeline.frame(100)).toBeNull();
    expect(timeline.frame(116)).toBe(16);
    expect(timeline.frame(150)).toBe(34);
    expect(timeline.size).toBe(2);
    expect(timeline.lastFrameEnd).toBe(150);
  });

  it('derives the longest interval, frames over 50 ms, p95 and fps over a window', () => {
    const times = [0];
    for (let i = 1; i <= 100; i++) times.push(i * 10); // 100 frames of 10 ms, ending at 1000
    times.push(1300); // one 300 ms stall
    times.push(1360); // one 60 ms frame
    const stats = framesAt(times, 256).stats(1360, 10_000);
    expect(stats.frames).toBe(102);
    expect(stats.longestInterval).toBe(300);
    expect(stats.framesOver50).toBe(2);
    expect(stats.p95Interval).toBe(10);
    // Frames ending in [360, 1360]: those at 360…1000 (65), plus 1300 and 1360.
    expect(stats.fps).toBe(67);
  });

  it('only counts frames inside the window', () => {
    const stats = framesAt([0, 500, 1000, 1010, 1020]).stats(1020, 15);
    expect(stats.frames).toBe(2);
    expect(stats.longestInterval).toBe(10);
    expect(stats.framesOver50).toBe(0);
  });

  it('never counts the time a page was hidden as a stall', () => {
    const timeline = framesAt([0, 16, 32]);
    timeline.pageHidden();
    // The tab comes back 5 s later: the first frame restarts the chain instead of measuring 5 s.
    expect(timeline.frame(5032)).toBeNull();
    expect(timeline.frame(5048)).toBe(16);
    const stats = timeline.stats(5048, 10_000);
    expect(stats.longestInterval).toBe(16);
    expect(stats.framesOver50).toBe(0);
  });

  it('stays within its capacity however long it runs', () => {
    const timeline = new FrameTimeline(16);
    for (let i = 0; i < 1000; i++) timeline.frame(i * 16);
    expect(timeline.size).toBe(16);
    expect([...timeline.framesSince(0)]).toHaveLength(16);
  });

  it('lists the frames since a time, oldest first', () => {
    const timeline = framesAt([0, 10, 20, 30]);
    expect([...timeline.framesSince(15)]).toEqual([
      [20, 10],
      [30, 10],
    ]);
  });
});

describe('nearestRank', () => {
  it('uses the nearest rank', () => {
    const sorted = [5, 1, 4, 2, 3].sort((a, b) => a - b);
    expect(nearestRank(sorted, 0.5)).toBe(3);
    expect(nearestRank(sorted, 0.95)).toBe(5);
    expect(nearestRank(Float64Array.from([10, 20, 30, 40]), 0.25)).toBe(10);
    expect(nearestRank([], 0.95)).toBeUndefined();
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 0.95)).toBe(4);
  });
});
