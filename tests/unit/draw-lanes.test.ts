import { describe, expect, it } from 'vitest';
import type { Stall } from '../../src/instrument/stall-log';
import {
  arrowInWindow,
  AXIS_HEIGHT,
  drawLanes,
  hatchSegments,
  LANE_HEIGHT,
  LANE_WINDOW_MS,
  laneHeightFor,
  Pen,
  RowAssigner,
  spanInWindow,
  spanStyle,
  timeToX,
  type LaneContext,
  type LaneTheme,
} from '../../src/lanes/draw-lanes';
import { LaneLog, type LaneSpan } from '../../src/lanes/lane-log';
import {
  LaneRenderer,
  REDUCED_MOTION_STEP_MS,
  SCROLL_STEP_MS,
} from '../../src/lanes/lane-renderer';
import { describeSpan, summariseLanes } from '../../src/lanes/lane-summary';

type Call = [string, ...unknown[]];

/** A 2D context that records every call and property write, in order. */
function recorder(): LaneContext & {
  calls: Call[];
  texts: () => string[];
  sets: (p: string) => number;
} {
  const calls: Call[] = [];
  const state: Record<string, unknown> = {};
  const ctx = {
    calls,
    texts: () => calls.filter((c) => c[0] === 'fillText').map((c) => c[1] as string),
    sets: (p: string) => calls.filter((c) => c[0] === `set ${p}`).length,
    measureText: (text: string) => ({ width: text.length * 7 }),
  } as Record<string, unknown>;
  for (const method of [
    'setTransform',
    'fillRect',
    'strokeRect',
    'fillText',
    'beginPath',
    'moveTo',
    'lineTo',
    'closePath',
    'fill',
    'stroke',
  ]) {
    ctx[method] = (...args: unknown[]) => calls.push([method, ...args]);
  }
  for (const prop of [
    'fillStyle',
    'strokeStyle',
    'font',
    'lineWidth',
    'textAlign',
    'textBaseline',
  ]) {
    Object.defineProperty(ctx, prop, {
      get: () => state[prop],
      set: (value) => {
        state[prop] = value;
        calls.push([`set ${prop}`, value]);
      },
    });
  }
  return ctx as unknown as ReturnType<typeof recorder>;
}

const THEME: LaneTheme = {
  background: 'bg',
  grid: 'grid',
  separator: 'sep',
  text: 'text',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  open: 'open',
  activity: 'activity',
  onBar: 'onbar',
  stall: 'stall',
  stallFill: 'stallfill',
  arrow: 'arrow',
  font: '12px test',
};

// The gutter fits the widest lane name ("main thread": 11 glyphs × 7 px + 14), leaving a 1000 px plot.
const LEFT = 91;
const RIGHT = LEFT + 1000;
const SIZE = { width: RIGHT + 1, height: laneHeightFor(2) };
const NOW = 100_000;

function stall(start: number, end: number, status: Stall['status'] = 'confirmed'): Stall {
  return {
    id: start,
    frameStart: start,
    frameEnd: end,
    status,
    source: 'frames',
    busyStart: null,
    busyEnd: null,
    duration: end - start,
    script: null,
  };
}

function draw(log: LaneLog, stalls: Stall[] = [], now = NOW) {
  const ctx = recorder();
  const result = drawLanes(
    new Pen(ctx),
    { lanes: log.lanes, spans: log.spans, arrows: log.arrows, stalls },
    { now, windowMs: LANE_WINDOW_MS, paused: false },
    SIZE,
    THEME,
    new RowAssigner(),
  );
  return { ctx, result };
}

/** The fillRects made while `style` was the fill colour. */
function rectsIn(ctx: ReturnType<typeof recorder>, style: string): number[][] {
  let current: unknown = null;
  const out: number[][] = [];
  for (const [name, ...args] of ctx.calls) {
    if (name === 'set fillStyle') current = args[0];
    else if (name === 'fillRect' && current === style) out.push(args as number[]);
  }
  return out;
}

describe('time → x', () => {
  it('puts now at the right edge and now − window at the left, linearly between', () => {
    expect(timeToX(1000, 1000, 100, 50, 250)).toBe(250);
    expect(timeToX(900, 1000, 100, 50, 250)).toBe(50);
    expect(timeToX(950, 1000, 100, 50, 250)).toBe(150);
    // Older than the window lands left of the plot; the drawing clamps or culls it.
    expect(timeToX(800, 1000, 100, 50, 250)).toBe(-150);
  });

  it('sizes the canvas from the lane count', () => {
    expect(laneHeightFor(3)).toBe(3 * LANE_HEIGHT + AXIS_HEIGHT);
    expect(laneHeightFor(0)).toBe(LANE_HEIGHT + AXIS_HEIGHT);
  });
});

describe('culling', () => {
  const span = (start: number, end: number | null): LaneSpan => ({
    id: 1,
    lane: 'main',
    kind: 'task',
    start,
    end,
    label: '',
    taskId: null,
    outcome: null,
  });

  it('keeps spans that overlap the window, including open ones that started before it', () => {
    expect(spanInWindow(span(10, 20), 15, 30)).toBe(true);
    expect(spanInWindow(span(10, 14), 15, 30)).toBe(false);
    expect(spanInWindow(span(31, 40), 15, 30)).toBe(false);
    expect(spanInWindow(span(0, null), 15, 30)).toBe(true);
    expect(spanInWindow(span(0, 15), 15, 30)).toBe(true);
  });

  it('keeps arrows with either end in the window, whichever way time runs between the clocks', () => {
    const arrow = (sentAt: number, receivedAt: number) => ({
      from: 'a',
      to: 'b',
      sentAt,
      receivedAt,
      label: '',
    });
    expect(arrowInWindow(arrow(10, 16), 15, 30)).toBe(true);
    expect(arrowInWindow(arrow(10, 14), 15, 30)).toBe(false);
    expect(arrowInWindow(arrow(29, 31), 15, 30)).toBe(true);
    expect(arrowInWindow(arrow(16, 10), 15, 30)).toBe(true);
    expect(arrowInWindow(arrow(31, 35), 15, 30)).toBe(false);
  });
});

describe('drawLanes', () => {
  it('draws the visible spans, labelled with their outcome mark, and nothing of the culled ones', () => {
    const log = new LaneLog(['main', 'worker']);
    const old = log.open('worker', 'task', NOW - 20_000, 'ancient');
    log.close(old, NOW - 15_000, 'done');
    const done = log.open('worker', 'task', NOW - 5_000, 'finished');
    log.close(done, NOW - 3_000, 'done');
    const failed = log.open('worker', 'task', NOW - 3_000, 'broke');
    log.close(failed, NOW - 1_000, 'failed');
    const cancelled = log.open('worker', 'task', NOW - 9_000, 'stopped');
    log.close(cancelled, NOW - 7_000, 'cancelled');
    log.open('worker', 'task', NOW - 2_000, 'going');

    const { ctx, result } = draw(log);
    expect(result.spans).toBe(4);
    const texts = ctx.texts();
    expect(texts).toContain('✓ finished');
    expect(texts).toContain('✕ broke');
    expect(texts).toContain('⊘ stopped');
    expect(texts).toContain('… going');
    expect(texts.some((t) => t.includes('ancient'))).toBe(false);
    // An open span is what keeps the picture moving.
    expect(result.latest).toBe(Infinity);

    // The done bar spans 2 s of a 1000 px plot for 10 s: 200 px, ending 300 px from now.
    const [bar] = rectsIn(ctx, 'done');
    expect(bar?.[0]).toBeCloseTo(RIGHT - 500, 0);
    expect(bar?.[2]).toBeCloseTo(200, 0);
    expect(rectsIn(ctx, 'failed')).toHaveLength(1);
    expect(rectsIn(ctx, 'open')).toHaveLength(1);
    // Cancelled bars are hollow: no fill in their colour at all.
    expect(rectsIn(ctx, 'cancelled')).toHaveLength(0);
  });

  it('clamps a span that started before the window to the plot’s left edge', () => {
    const log = new LaneLog(['main']);
    log.open('main', 'task', NOW - 60_000, 'long');
    const { ctx } = draw(log);
    const [bar] = rectsIn(ctx, 'open');
    expect(bar?.[0]).toBe(LEFT);
    expect((bar?.[0] ?? 0) + (bar?.[2] ?? 0)).toBeCloseTo(RIGHT, 5);
  });

  it('draws confirmed stalls on the main lane only, and arrows only in the window', () => {
    const log = new LaneLog(['main', 'worker']);
    log.arrow({
      from: 'main',
      to: 'worker',
      sentAt: NOW - 4_000,
      receivedAt: NOW - 3_999,
      label: '',
    });
    log.arrow({
      from: 'worker',
      to: 'main',
      sentAt: NOW - 2_000,
      receivedAt: NOW - 1_999,
      label: '',
    });
    log.arrow({
      from: 'main',
      to: 'worker',
      sentAt: NOW - 30_000,
      receivedAt: NOW - 29_999,
      label: '',
    });
    log.arrow({
      from: 'main',
      to: 'nowhere',
      sentAt: NOW - 1_000,
      receivedAt: NOW - 999,
      label: '',
    });
    const stalls = [stall(NOW - 6_000, NOW - 5_000), stall(NOW - 3_000, NOW - 2_500, 'idle')];
    const { ctx, result } = draw(log, stalls);
    expect(result.arrows).toBe(2);
    expect(result.stalls).toBe(1);
    expect(ctx.texts()).toContain('stall 1.0 s');
    expect(ctx.texts().some((t) => t.includes('500 ms'))).toBe(false);
    const strip = rectsIn(ctx, 'stall');
    expect(strip).toHaveLength(1);
    expect(strip[0]?.[1]).toBe(0);
    // Two lines: each arrow is one moveTo + lineTo from one lane's edge to the other's.
    const moves = ctx.calls.filter((c) => c[0] === 'moveTo');
    const lineStarts = moves.slice(0, 2).map((c) => c.slice(1) as number[]);
    expect(lineStarts[0]?.[0]).toBeCloseTo(RIGHT - 400, 0);
    expect(lineStarts[0]?.[1]).toBe(LANE_HEIGHT - 1);
    expect(lineStarts[1]?.[1]).toBe(LANE_HEIGHT + 1);
  });

  it('leaves out a stall label that would overlap the one before it', () => {
    const log = new LaneLog(['main']);
    const stalls = [
      stall(NOW - 6_000, NOW - 5_900),
      stall(NOW - 5_850, NOW - 5_780),
      stall(NOW - 2_000, NOW - 1_900),
    ];
    const { ctx, result } = draw(log, stalls);
    expect(result.stalls).toBe(3);
    expect(ctx.texts().filter((t) => t.startsWith('stall '))).toEqual([
      'stall 100 ms',
      'stall 100 ms',
    ]);
  });

  it('draws a stall by its long task when the browser reported one', () => {
    const log = new LaneLog(['main']);
    const s = { ...stall(NOW - 5_000, NOW - 4_000), busyStart: NOW - 4_900, busyEnd: NOW - 4_100 };
    const { ctx } = draw(log, [s]);
    const [band] = rectsIn(ctx, 'stallfill');
    expect(band?.[2]).toBeCloseTo(80, 0);
  });

  it('reports how late anything reaches, so an old picture can be left alone', () => {
    const log = new LaneLog(['main']);
    log.instant('main', 'poll', NOW - 20_000, NOW - 19_000, 'tick');
    const { result } = draw(log);
    expect(result.spans).toBe(0);
    expect(result.latest).toBe(NOW - 19_000);
  });

  it('puts concurrent spans on separate rows and reuses a row once it is free', () => {
    const log = new LaneLog(['worker']);
    const a = log.open('worker', 'task', 0, 'a');
    const b = log.open('worker', 'task', 10, 'b');
    log.close(a, 20, 'done');
    const c = log.open('worker', 'task', 30, 'c');
    const rows = new RowAssigner();
    rows.update(log.spans);
    const [sa, sb, sc] = log.spans as LaneSpan[];
    expect([rows.row(sa as LaneSpan), rows.row(sb as LaneSpan), rows.row(sc as LaneSpan)]).toEqual([
      0, 1, 0,
    ]);
    log.close(b, 40);
    log.close(c, 40);
    // Rows are kept as spans close: nothing jumps.
    rows.update(log.spans);
    expect(rows.row(sb as LaneSpan)).toBe(1);
  });

  it('frees the row of a span the log dropped while it was open', () => {
    const log = new LaneLog(['worker']);
    log.open('worker', 'task', 0, 'lost');
    const rows = new RowAssigner();
    rows.update(log.spans);
    log.clear();
    log.open('worker', 'task', 10, 'next');
    rows.update(log.spans);
    expect(rows.row(log.spans[0] as LaneSpan)).toBe(0);
  });

  it('hatches inside the bar', () => {
    const segments = hatchSegments(10, 20, 30, 8);
    expect(segments.length).toBeGreaterThan(0);
    for (let i = 0; i < segments.length; i += 2) {
      expect(segments[i]).toBeGreaterThanOrEqual(10);
      expect(segments[i]).toBeLessThanOrEqual(40);
      expect(segments[i + 1]).toBeGreaterThanOrEqual(20);
      expect(segments[i + 1]).toBeLessThanOrEqual(28);
    }
    expect(hatchSegments(0, 0, 0, 10)).toEqual([]);
  });

  it('names outcomes so they do not depend on colour', () => {
    expect(spanStyle({ end: null, outcome: null, kind: 'task' })).toBe('open');
    expect(spanStyle({ end: 1, outcome: null, kind: 'task' })).toBe('done');
    expect(spanStyle({ end: 1, outcome: null, kind: 'poll' })).toBe('activity');
    expect(spanStyle({ end: 1, outcome: 'cancelled', kind: 'task' })).toBe('cancelled');
  });
});

describe('Pen', () => {
  it('writes canvas state only when it changes', () => {
    const ctx = recorder();
    const pen = new Pen(ctx);
    pen.fill('red');
    pen.fill('red');
    pen.fill('blue');
    pen.font('12px a');
    pen.font('12px a');
    pen.lineWidth(1);
    pen.lineWidth(1);
    expect(ctx.sets('fillStyle')).toBe(2);
    expect(ctx.sets('font')).toBe(1);
    expect(ctx.sets('lineWidth')).toBe(1);
    // A resized canvas loses its state, so the next write must go through.
    pen.reset();
    pen.fill('blue');
    expect(ctx.sets('fillStyle')).toBe(3);
  });

  it('sets each bar colour once per frame however many bars there are', () => {
    const log = new LaneLog(['worker']);
    for (let i = 0; i < 50; i++)
      log.instant('worker', 'task', NOW - 9_000 + i * 100, NOW - 8_990 + i * 100, `t${i}`);
    for (const span of log.spans) span.outcome = 'done';
    const { ctx } = draw(log);
    expect(rectsIn(ctx, 'done')).toHaveLength(50);
    expect(ctx.calls.filter((c) => c[0] === 'set fillStyle' && c[1] === 'done')).toHaveLength(1);
  });

  it('draws poll ticks that share a pixel column once', () => {
    const log = new LaneLog(['main'], { spans: 4096 });
    // A 1 ms poll interval: 1000 ticks in the last second, 100 px of a 1000 px plot.
    for (let i = 0; i < 1000; i++)
      log.instant('main', 'poll', NOW - 1000 + i, NOW - 999.9 + i, 'poll');
    const { ctx, result } = draw(log);
    expect(result.spans).toBe(1000);
    const ticks = rectsIn(ctx, 'activity');
    expect(ticks.length).toBeGreaterThanOrEqual(99);
    expect(ticks.length).toBeLessThanOrEqual(101);
  });

  it('fits labels with an ellipsis', () => {
    const pen = new Pen(recorder());
    pen.font('12px a');
    expect(pen.fit('short', 100)).toBe('short');
    expect(pen.fit('a rather long label', 50)).toBe('a rath…');
    expect(pen.fit('long', 7)).toBe('');
  });
});

describe('LaneRenderer', () => {
  function setup() {
    const ctx = recorder();
    const surface = { width: 0, height: 0 };
    const log = new LaneLog(['main', 'worker']);
    let stallVersion = 0;
    const renderer = new LaneRenderer(ctx, surface, {
      log,
      stalls: () => [],
      stallVersion: () => stallVersion,
    });
    renderer.resize(500, laneHeightFor(2), 2);
    renderer.setTheme(THEME);
    return { ctx, surface, log, renderer, bumpStalls: () => stallVersion++ };
  }

  it('sizes the backing store by devicePixelRatio and scales the context', () => {
    const { ctx, surface, renderer } = setup();
    expect(renderer.frame(0)).toBe(true);
    expect(surface).toEqual({ width: 1000, height: 2 * laneHeightFor(2) });
    expect(ctx.calls.find((c) => c[0] === 'setTransform')).toEqual([
      'setTransform',
      2,
      0,
      0,
      2,
      0,
      0,
    ]);
  });

  it('draws nothing while nothing is in the window and nothing changed', () => {
    const { renderer } = setup();
    expect(renderer.frame(0)).toBe(true);
    for (let t = 16; t < 1000; t += 16) expect(renderer.frame(t)).toBe(false);
    expect(renderer.draws).toBe(1);
  });

  it('redraws on a change to the log or the stalls', () => {
    const { renderer, log, bumpStalls } = setup();
    renderer.frame(0);
    log.instant('main', 'poll', -20_000, -19_999, 'old');
    expect(renderer.frame(16)).toBe(true);
    expect(renderer.frame(32)).toBe(false);
    bumpStalls();
    expect(renderer.frame(48)).toBe(true);
    expect(renderer.frame(64)).toBe(false);
  });

  it('keeps scrolling while something is visible, then draws once more and stops', () => {
    const { renderer, log } = setup();
    log.instant('worker', 'task', 0, 100, 'brief');
    expect(renderer.frame(100)).toBe(true);
    // Only scrolling: it moves in steps, not every frame.
    expect(renderer.frame(116)).toBe(false);
    expect(renderer.frame(100 + SCROLL_STEP_MS)).toBe(true);
    expect(renderer.frame(5_000)).toBe(true);
    // The span leaves the window: one frame clears it, then nothing.
    expect(renderer.frame(10_200)).toBe(true);
    expect(renderer.frame(10_216)).toBe(false);
    expect(renderer.frame(20_000)).toBe(false);
  });

  it('draws every frame that brings something new, however close together', () => {
    const { renderer, log } = setup();
    log.open('worker', 'task', 0, 'open');
    expect(renderer.frame(0)).toBe(true);
    log.instant('main', 'poll', 10, 11, 'tick');
    expect(renderer.frame(16)).toBe(true);
    log.instant('main', 'poll', 20, 21, 'tick');
    expect(renderer.frame(32)).toBe(true);
  });

  it('keeps drawing an open span for as long as it is open', () => {
    const { renderer, log } = setup();
    log.open('worker', 'task', 0, 'open');
    renderer.frame(0);
    expect(renderer.frame(30_000)).toBe(true);
  });

  it('stops scrolling while paused, but still shows what is recorded meanwhile', () => {
    const { renderer, log } = setup();
    log.open('worker', 'task', 0, 'open');
    renderer.frame(0);
    renderer.pause(10);
    expect(renderer.frame(16)).toBe(true);
    expect(renderer.frame(32)).toBe(false);
    log.instant('main', 'poll', 40, 41, 'tick');
    expect(renderer.frame(48)).toBe(true);
    renderer.resume();
    expect(renderer.frame(64)).toBe(true);
    expect(renderer.frame(80)).toBe(false);
    expect(renderer.frame(64 + SCROLL_STEP_MS)).toBe(true);
  });

  it('steps at most twice a second with reduced motion', () => {
    const { renderer, log } = setup();
    renderer.setReducedMotion(true);
    log.open('worker', 'task', 0, 'open');
    let draws = 0;
    for (let t = 0; t <= 2000; t += 16) if (renderer.frame(t)) draws++;
    expect(draws).toBeLessThanOrEqual(2000 / REDUCED_MOTION_STEP_MS + 1);
    expect(draws).toBeGreaterThanOrEqual(4);
  });

  it('applies a resize or a new theme at once, even with reduced motion', () => {
    const { renderer, surface } = setup();
    renderer.setReducedMotion(true);
    renderer.frame(0);
    renderer.resize(300, 100, 1);
    expect(renderer.frame(16)).toBe(true);
    expect(surface).toEqual({ width: 300, height: 100 });
    renderer.setTheme({ ...THEME, background: 'other' });
    expect(renderer.frame(32)).toBe(true);
  });

  it('does nothing without a context', () => {
    const log = new LaneLog(['main']);
    log.open('main', 'task', 0, 'open');
    const renderer = new LaneRenderer(
      null,
      { width: 0, height: 0 },
      {
        log,
        stalls: () => [],
        stallVersion: () => 0,
      },
    );
    renderer.resize(100, 100, 1);
    renderer.setTheme(THEME);
    expect(renderer.frame(0)).toBe(false);
  });
});

describe('summariseLanes', () => {
  it('lists the last spans per lane, newest first, the messages per direction and the stalls', () => {
    const log = new LaneLog(['main', 'worker']);
    for (let i = 1; i <= 5; i++) {
      const id = log.open('worker', 'task', 1_000 * i, `#${i} wait`, i);
      log.close(id, 1_000 * i + 500, i === 4 ? 'failed' : 'done');
    }
    log.open('worker', 'task', 9_000, '#6 wait', 6);
    log.arrow({ from: 'main', to: 'worker', sentAt: 100, receivedAt: 101, label: '' });
    log.arrow({ from: 'main', to: 'worker', sentAt: 200, receivedAt: 200.4, label: '' });
    log.arrow({ from: 'worker', to: 'main', sentAt: 300, receivedAt: 302, label: '' });
    const summary = summariseLanes(
      log,
      [stall(5_000, 6_200), stall(7_000, 7_100, 'pending')],
      10_000,
    );

    const [main, worker] = summary.lanes;
    expect(main?.name).toBe('main thread');
    expect(main?.total).toBe(0);
    expect(worker?.total).toBe(6);
    expect(worker?.running).toBe(1);
    expect(worker?.recent.map((r) => r.text)).toEqual([
      '#6 wait (task): started 1.0 s ago, still running',
      '#5 wait (task): started 5.0 s ago, took 500 ms, done',
      '#4 wait (task): started 6.0 s ago, took 500 ms, failed',
    ]);
    expect(summary.open).toBe(1);
    expect(summary.arrowTotal).toBe(3);
    expect(summary.arrows.map((a) => a.text)).toEqual([
      'main thread → worker: 2 messages, the last took 0.4 ms to arrive',
      'worker → main thread: 1 message, the last took 2.0 ms to arrive',
    ]);
    expect(summary.stalls.text).toBe(
      "1 stall of the Tk thread (this page's main thread) in the last 10 s, the longest 1.2 s.",
    );
  });

  it('says so when there were no stalls', () => {
    const summary = summariseLanes(new LaneLog(['main']), [stall(0, 500)], 60_000);
    expect(summary.stalls.count).toBe(0);
    expect(summary.stalls.text).toBe(
      "No stalls of the Tk thread (this page's main thread) in the last 10 s.",
    );
  });

  it('describes an open span without an outcome', () => {
    const span: LaneSpan = {
      id: 1,
      lane: 'main',
      kind: 'poll',
      start: 0,
      end: 0.25,
      label: 'poll',
      taskId: null,
      outcome: null,
    };
    expect(describeSpan(span, 2_000)).toBe('poll (poll): started 2.0 s ago, took 0.3 ms, finished');
  });
});
