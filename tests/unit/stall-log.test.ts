import { describe, expect, it } from 'vitest';
import { StallLog } from '../../src/instrument/stall-log';

describe('StallLog', () => {
  it('ignores gaps of 50 ms or less', () => {
    const log = new StallLog({ reportsBusy: true });
    expect(log.addGap(0, 50)).toBeNull();
    expect(log.stalls).toHaveLength(0);
  });

  it("refines a gap to the long task inside it, which is what Chromium's trace shows", () => {
    const log = new StallLog({ reportsBusy: true });
    const stall = log.addGap(1000, 1320);
    expect(stall?.status).toBe('pending');
    expect(stall?.duration).toBe(320);
    const changed = log.addBusySpan({ start: 1004, end: 1306 });
    expect(changed).toEqual([stall]);
    expect(stall?.status).toBe('confirmed');
    expect(stall?.source).toBe('longtask');
    expect(stall?.duration).toBe(302);
  });

  it('refines from a task reported before the gap was seen', () => {
    const log = new StallLog({ reportsBusy: true });
    log.addBusySpan({ start: 1004, end: 1506 });
    const stall = log.addGap(1000, 1520);
    expect(stall?.duration).toBe(502);
    expect(stall?.status).toBe('confirmed');
  });

  it('spans several long tasks in one gap, clipping one that runs on past the next frame', () => {
    const log = new StallLog({ reportsBusy: true });
    const stall = log.addGap(1000, 4300);
    log.addBusySpan({ start: 1003, end: 1810 });
    // Clicks queued during the stall run in the same task as the next frame's callbacks.
    log.addBusySpan({ start: 1811, end: 4320 });
    expect(stall?.duration).toBe(4300 - 1003);
  });

  it('does not let a long task outside the gap touch it', () => {
    const log = new StallLog({ reportsBusy: true });
    const stall = log.addGap(1000, 1200);
    expect(log.addBusySpan({ start: 1200, end: 1300 })).toEqual([]);
    expect(log.addBusySpan({ start: 800, end: 1000 })).toEqual([]);
    expect(stall?.status).toBe('pending');
  });

  it('writes off a gap with no long task as idle, and counts it nowhere', () => {
    const log = new StallLog({ reportsBusy: true });
    const stall = log.addGap(1000, 2000);
    if (!stall) throw new Error('gap not recorded');
    log.settle(stall);
    expect(stall.status).toBe('idle');
    expect(log.longestSince(0)).toBeNull();
    // A long task reported later still turns it into a stall.
    log.addBusySpan({ start: 1100, end: 1400 });
    expect(stall.status).toBe('confirmed');
    expect(log.longestSince(0)?.duration).toBe(300);
  });

  it('uses the frame gap where the browser cannot report long tasks', () => {
    const log = new StallLog({ reportsBusy: false });
    const stall = log.addGap(0, 400);
    expect(stall?.status).toBe('confirmed');
    expect(stall?.source).toBe('frames');
    expect(log.longestSince(0)?.duration).toBe(400);
  });

  it('finds the longest stall overlapping given windows', () => {
    const log = new StallLog({ reportsBusy: false });
    log.addGap(0, 100);
    log.addGap(1000, 1500);
    log.addGap(3000, 3200);
    expect(log.longestOverlapping([{ start: 2900, end: 3100 }])?.duration).toBe(200);
    expect(
      log.longestOverlapping([
        { start: 0, end: 50 },
        { start: 1200, end: 1300 },
      ])?.duration,
    ).toBe(500);
    expect(log.longestOverlapping([{ start: 2000, end: 2500 }])).toBeNull();
  });

  it('attributes a stall to the script the browser blamed', () => {
    const log = new StallLog({ reportsBusy: true });
    const stall = log.addGap(1000, 1400);
    log.attribute(1002, 'BUTTON.onclick');
    expect(stall?.script).toBe('BUTTON.onclick');
  });

  it('keeps at most its capacity', () => {
    const log = new StallLog({ reportsBusy: false, capacity: 4 });
    for (let i = 0; i < 10; i++) log.addGap(i * 1000, i * 1000 + 100);
    expect(log.stalls).toHaveLength(4);
    expect(log.stalls[0]?.frameStart).toBe(6000);
  });
});

describe('StallLog without long tasks', () => {
  it("times a gap from the page's own measure of its task, and says so", () => {
    const log = new StallLog({ reportsBusy: false });
    const stall = log.addGap(1000, 1340);
    expect(stall).toMatchObject({ status: 'confirmed', source: 'frames', duration: 340 });
    log.addBusySpan({ start: 1012, end: 1312.5, source: 'marks' });
    expect(stall).toMatchObject({ source: 'marks', duration: 300.5 });
  });
});

describe('StallLog: what counts as a stall, and whose it was', () => {
  it('keeps a gap that long tasks overlap by 50 ms or less out of the stalls: the thread was mostly free', () => {
    const log = new StallLog({ reportsBusy: true });
    // At 390 px on load: a 115 ms frame gap whose long task overlapped it by a millisecond.
    const stall = log.addGap(1000, 1115);
    log.addBusySpan({ start: 900, end: 1001 });
    expect(stall?.status).toBe('short');
    log.settle(stall!);
    expect(stall?.status).toBe('short');
    expect(log.longestSince(0)).toBeNull();
    // A later long task that fills the gap makes it a stall after all.
    log.addBusySpan({ start: 1002, end: 1100 });
    expect(stall?.status).toBe('confirmed');
    expect(log.longestSince(0)?.duration).toBe(100);
  });

  it("blames a stall on the strategy whose own code filled it, and on the page's work otherwise", () => {
    const log = new StallLog({ reportsBusy: true });
    log.addWork({ strategy: 'blocking', start: 1000, end: 1300 });
    const run = log.addGap(995, 1310)!;
    log.addBusySpan({ start: 999, end: 1302 });
    expect(log.attribution(run)).toEqual({
      cause: 'strategy',
      strategy: 'blocking',
      strategyMs: 300,
    });

    // A poll tick of 2 ms inside 71 ms of the page mounting its views: the page's work.
    log.addWork({ strategy: 'queue', start: 2010, end: 2012 });
    const mount = log.addGap(2000, 2080)!;
    log.addBusySpan({ start: 2003, end: 2074 });
    expect(log.attribution(mount)).toEqual({ cause: 'page', strategy: 'queue', strategyMs: 2 });

    const windows = [{ start: 1900, end: 3000 }];
    const of = (name: string) =>
      log.longestOverlapping(windows, (_, a) => a.cause === 'strategy' && a.strategy === name);
    expect(of('queue')).toBeNull();
    expect(log.longestOverlapping(windows, (_, a) => a.cause === 'page')?.duration).toBe(71);
  });

  it("merges a strategy's handlers less than a millisecond apart into one stretch", () => {
    const log = new StallLog({ reportsBusy: true });
    // Ten thousand message handlers of 0.01 ms each, back to back in one long task.
    for (let i = 0; i < 10_000; i++)
      log.addWork({ strategy: 'dedicated', start: 5000 + i * 0.012, end: 5000 + i * 0.012 + 0.01 });
    const stall = log.addGap(4990, 5130)!;
    log.addBusySpan({ start: 4999, end: 5121 });
    const blamed = log.attribution(stall);
    expect(blamed.cause).toBe('strategy');
    expect(blamed.strategyMs).toBeGreaterThan(115);
  });

  it('cannot tell whose a frame gap was where the browser reports no long tasks, unless a strategy ran in it', () => {
    const log = new StallLog({ reportsBusy: false });
    const gap = log.addGap(1000, 1326)!;
    expect(log.attribution(gap).cause).toBe('unattributed');
    log.addWork({ strategy: 'blocking', start: 1004, end: 1304 });
    expect(log.attribution(gap)).toMatchObject({ cause: 'strategy', strategy: 'blocking' });
  });
});
