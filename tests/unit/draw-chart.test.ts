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
  const texts: { text: string; x: number }[] = [];
  const fills: { colour: string; x: number; w: number }[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    textBaseline: 'bottom',
    fillRect(x: number, _y: number, w: number) {
      fills.push({ colour: String(this.fillStyle), x, w });
    },
    fillText(text: string, x: number) {
      texts.push({ text, x });
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
});
