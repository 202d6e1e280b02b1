import { describe, expect, it } from 'vitest';
import { ChartModel } from '../../src/instrument/chart/chart-model';

describe('ChartModel', () => {
  it('keeps every frame a heartbeat carries', () => {
    const model = new ChartModel();
    model.frame(1016, 16);
    model.frame(1033, 17);
    model.heartbeat(1033, 2);
    expect(model.frameEnds.toArray()).toEqual([1016, 1033]);
    expect(model.frameIntervals.toArray()).toEqual([16, 17]);
  });

  it('calls the main thread blocked once it has been silent longer than a stall plus the frames a heartbeat may hide', () => {
    const model = new ChartModel();
    model.frame(1000, 16);
    model.heartbeat(1000, 2);
    // One frame may have happened unreported after 1000: allow 50 ms after it.
    expect(model.blockedSince(1000 + 50 + 16)).toBeNull();
    expect(model.blockedSince(1000 + 50 + 17)).toBe(1000);
  });

  it('uses no slack when every frame is reported', () => {
    const model = new ChartModel();
    model.frame(1000, 16);
    model.heartbeat(1000, 1);
    expect(model.blockedSince(1050)).toBeNull();
    expect(model.blockedSince(1051)).toBe(1000);
  });

  it('never calls a hidden page blocked, and starts afresh after it', () => {
    const model = new ChartModel();
    model.heartbeat(1000, 1);
    model.setHidden(true);
    expect(model.blockedSince(5000)).toBeNull();
    model.setHidden(false);
    expect(model.blockedSince(9000)).toBeNull();
  });

  it('replaces a stall when a refined figure for it arrives, keeping at most 32', () => {
    const model = new ChartModel();
    model.stall({ start: 0, end: 500, duration: 500 });
    model.stall({ start: 0, end: 500.4, duration: 480 });
    expect(model.stalls).toEqual([{ start: 0, end: 500.4, duration: 480 }]);
    for (let i = 1; i <= 40; i++)
      model.stall({ start: i * 1000, end: i * 1000 + 100, duration: 100 });
    expect(model.stalls).toHaveLength(32);
  });
});
