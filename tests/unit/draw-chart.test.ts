import { describe, expect, it } from 'vitest';
import { ChartModel } from '../../src/instrument/chart/chart-model';
import { drawChart, type ChartContext } from '../../src/instrument/chart/draw-chart';
import type { ChartTheme } from '../../src/workers/protocol';

const THEME: ChartTheme = {
  background: 'bg',
  grid: 'grid',
  text: 'text',
  frame: 'frame',
  stall: 'stall',
  live: 'live',
  hand: 'hand',
  font: '12px sans-serif',
};

/** A 2D context that records what was drawn: labels with their x, and fills by colour. */
function recorder() {
  const texts: { text: string; x: number; y: number; align: string }[] = [];
  const fills: { colour: string; x: number; w: number }[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    textBaseline: 'bottom',
    fillRect(x: number, _y: number, w: number) {
      fills.push({ colour: String(this.fillStyle), x, w });
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, align: this.textAlign });
    },
    // 6 px a character, as a 12 px font roughly measures.
    measureText: (text: string) => ({ width: text.length * 6 }),
  };
  return { ctx: ctx as unknown as ChartContext, texts, fills };
}

const SIZE = { width: 400, height: 120, dpr: 1 };
const NOW = 100_000;

/** Frames of 16 ms with gaps of the given lengths ending at the given times (epoch ms). */
function modelWith(gaps: { end: number; ms: number; stall?: boolean }[]): ChartModel {
  const model = new ChartModel();
  let t = NOW - 8_000;
  for (const gap of [...gaps].sort((a, b) => a.end - b.end)) {
    while (t + 16 < gap.end - gap.ms) model.frame((t += 16), 16);
    model.frame((t = gap.end), gap.ms);
    if (gap.stall !== false)
      model.stall({ start: gap.end - gap.ms, end: gap.end, duration: gap.ms });
  }
  while (t + 16 <= NOW) model.frame((t += 16), 16);
  model.heartbeat(NOW, 1);
  return model;
}

/** The labels on walls: every text but the grid's, which sit at the left edge. */
const stallLabels = (texts: { text: string; x: number }[]) =>
  texts.filter((t) => t.x !== 4 && /^\d[\d.]* (ms|s)$/.test(t.text)).map((t) => t.text);

describe('drawChart', () => {
  it('labels a cluster of stalls once, with its longest', () => {
    // Start-up on a phone: five stalls within a fifth of a second, their labels on top of each other.
    const model = modelWith([
      { end: NOW - 3_000, ms: 60 },
      { end: NOW - 2_930, ms: 120 },
      { end: NOW - 2_880, ms: 340 },
      { end: NOW - 2_500, ms: 75 },
      { end: NOW - 2_400, ms: 90 },
    ]);
    const { ctx, texts } = recorder();
    drawChart(ctx, model, NOW, SIZE, THEME, null);
    expect(stallLabels(texts)).toEqual(['340 ms']);
  });

  it('labels stalls far apart each', () => {
    const model = modelWith([
      { end: NOW - 6_000, ms: 200 },
      { end: NOW - 1_000, ms: 1_000 },
    ]);
    const { ctx, texts } = recorder();
    drawChart(ctx, model, NOW, SIZE, THEME, null);
    expect(stallLabels(texts).sort()).toEqual(['1.0 s', '200 ms']);
  });

  it('draws a long frame that is not a stall in the frame colour, unlabelled', () => {
    const model = modelWith([{ end: NOW - 2_000, ms: 115, stall: false }]);
    const { ctx, texts, fills } = recorder();
    drawChart(ctx, model, NOW, SIZE, THEME, null);
    expect(stallLabels(texts)).toEqual([]);
    expect(fills.some((f) => f.colour === 'stall')).toBe(false);
  });

  it('leaves out a finished stall\'s label where the live "blocked" label stands', () => {
    // A 3 s stall ended 300 ms ago, and the thread is blocked again since 200 ms: the finished
    // stall's label would sit right under the live one, at the top right.
    const model = modelWith([{ end: NOW - 300, ms: 3_000 }]);
    model.heartbeat(NOW - 200, 1);
    const { ctx, texts } = recorder();
    drawChart(ctx, model, NOW, SIZE, THEME, null);
    expect(texts.some((t) => t.text.startsWith('main thread blocked · '))).toBe(true);
    expect(stallLabels(texts)).toEqual([]);
    expectNoOverlap(texts, SIZE.width);
  });

  it('keeps a stall label near the right edge inside the chart, clear of the note', () => {
    const model = modelWith([{ end: NOW - 10, ms: 400 }]);
    const { ctx, texts } = recorder();
    drawChart(ctx, model, NOW, SIZE, THEME, 'longest frame 400 ms');
    expect(stallLabels(texts)).toEqual(['400 ms']);
    expectNoOverlap(texts, SIZE.width);
  });

  it('says "blocked · …" on a narrow chart, where the long form would cover the axis labels', () => {
    const narrow = { width: 150, height: 120, dpr: 1 };
    const model = modelWith([]);
    model.heartbeat(NOW - 1_200, 1);
    const { ctx, texts } = recorder();
    drawChart(ctx, model, NOW, narrow, THEME, null);
    expect(texts.map((t) => t.text)).toContain('blocked · 1.2 s');
    expectNoOverlap(texts, narrow.width);
  });

  it('leaves out a stall label that would cover an axis label at the left edge', () => {
    // A 1 s stall at the chart's left edge: its label would sit on the "1 s" grid label.
    const model = modelWith([{ end: NOW - 7_700, ms: 1_000 }]);
    const { ctx, texts } = recorder();
    drawChart(ctx, model, NOW, SIZE, THEME, null);
    expect(stallLabels(texts)).toEqual([]);
    expectNoOverlap(texts, SIZE.width);
  });

  it('never overlaps two labels, at any width, with a live stall and a note or without', () => {
    // Deterministic pseudo-random visits: clusters, long stalls, stalls at both edges.
    let seed = 17;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const width of [150, 240, 390, 600, 1366]) {
      for (let visit = 0; visit < 40; visit++) {
        const gaps: { end: number; ms: number }[] = [];
        let end = NOW - 8_000 + random() * 400;
        while (end < NOW - 60) {
          const ms = 55 + random() ** 3 * 4_000;
          if (end - ms > NOW - 8_200) gaps.push({ end, ms });
          end += ms + 20 + random() * 1_500;
        }
        const model = modelWith(gaps);
        if (visit % 2) model.heartbeat(NOW - 60 - random() * 3_000, 1);
        const size = { width, height: 120, dpr: 1 };
        const { ctx, texts } = recorder();
        drawChart(ctx, model, NOW, size, THEME, visit % 3 ? null : 'longest frame 1,234 ms');
        expectNoOverlap(texts, width, `width ${width}, visit ${visit}`);
      }
    }
  });
});

/** Every drawn label's box (6 px a character, 12 px tall, bottom baseline), by its alignment. */
function boxes(texts: { text: string; x: number; y: number; align: string }[]) {
  return texts.map((t) => {
    const w = t.text.length * 6;
    const left = t.align === 'center' ? t.x - w / 2 : t.align === 'right' ? t.x - w : t.x;
    return { text: t.text, left, right: left + w, top: t.y - 12, bottom: t.y };
  });
}

function expectNoOverlap(
  texts: { text: string; x: number; y: number; align: string }[],
  width: number,
  where = '',
): void {
  const all = boxes(texts);
  for (const box of all) {
    expect(box.left, `${where} ${box.text} inside`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${where} ${box.text} inside`).toBeLessThanOrEqual(width);
  }
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      const hit = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(hit, `${where}: "${a.text}" overlaps "${b.text}"`).toBe(false);
    }
}
