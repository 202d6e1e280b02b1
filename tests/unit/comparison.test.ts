import { describe, expect, it } from 'vitest';
import { notMeasured, type StrategyFigures } from '../../src/strategies/strategy-figures';
import {
  comparisonRows,
  formatFigure,
  markBest,
  nothingMeasured,
  orderFigures,
  unmeasuredHint,
} from '../../src/panels/comparison/comparison';

function figures(
  strategy: StrategyFigures['strategy'],
  over: Partial<StrategyFigures> = {},
): StrategyFigures {
  return { ...notMeasured(strategy), ...over };
}

describe('markBest', () => {
  it('marks the lowest value', () => {
    expect(markBest([500, 3, 12])).toEqual([false, true, false]);
  });

  it('marks every value tied for lowest', () => {
    expect(markBest([4, 4, 9])).toEqual([true, true, false]);
    expect(markBest([0, 0, 0])).toEqual([true, true, true]);
  });

  it('ranks values as they are shown, so figures that read the same tie', () => {
    // Both read "12 ms"; 1.04 and 1.0 both read "1.0 ms".
    expect(markBest([12.2, 11.8, 30])).toEqual([true, true, false]);
    expect(markBest([1.04, 1.0, 2])).toEqual([true, true, false]);
    expect(markBest([1.06, 1.0])).toEqual([false, true]);
  });

  it('ignores unmeasured values', () => {
    expect(markBest([null, 8, 3])).toEqual([false, false, true]);
    expect(markBest([null, 0, null, 0])).toEqual([false, true, false, true]);
  });

  it('marks nothing when fewer than two values are measured', () => {
    expect(markBest([null, 8, null])).toEqual([false, false, false]);
    expect(markBest([null, null, null])).toEqual([false, false, false]);
    expect(markBest([])).toEqual([]);
  });

  it('never ranks a value that is not finite', () => {
    expect(markBest([Number.NaN, 5, 7])).toEqual([false, true, false]);
  });
});

describe('comparisonRows', () => {
  const all = [
    figures('dedicated', {
      longestStall: 0,
      deliveryP50: 0.4,
      deliveryP95: 1.2,
      deliveryMax: 3,
      idleWakeupsPerSecond: 0,
      runs: 2,
    }),
    figures('blocking', { longestStall: 1003, inputDelayP95: 980, inputDelayMax: 990, runs: 1 }),
    figures('queue', {
      longestStall: 0,
      deliveryP50: 48,
      deliveryP95: 96,
      deliveryMax: 101,
      idleWakeupsPerSecond: 10,
      runs: 0,
    }),
  ];

  it('orders strategies as the page does, whatever order they come in', () => {
    const order = ['blocking', 'queue', 'dedicated', 'one-thread-polling', 'one-thread-guest'];
    expect(orderFigures(all).map((f) => f.strategy)).toEqual(order);
    const [row] = comparisonRows(all);
    expect(row?.cells.map((c) => c.strategy)).toEqual(order);
  });

  it('shows a strategy whose panel has not loaded as not measured', () => {
    for (const id of ['one-thread-polling', 'one-thread-guest'] as const) {
      const missing = orderFigures([]).find((f) => f.strategy === id);
      expect(missing).toMatchObject({ longestStall: null, idleWakeupsPerSecond: null, runs: 0 });
      expect(nothingMeasured(missing as StrategyFigures)).toBe(true);
    }
  });

  it('says a column is not measured only while it has no figure at all', () => {
    expect(nothingMeasured(figures('one-thread-guest'))).toBe(true);
    // Polling's idle wake-ups are measured before any run: that column has a figure.
    expect(nothingMeasured(figures('one-thread-polling', { idleWakeupsPerSecond: 50 }))).toBe(
      false,
    );
    expect(nothingMeasured(figures('one-thread-guest', { longestStall: 0, runs: 1 }))).toBe(false);
  });

  it("gives the one-thread panel's two modes a column each, ranked like any other strategy", () => {
    const rows = Object.fromEntries(
      comparisonRows([
        ...all,
        figures('one-thread-polling', { longestStall: 0, idleWakeupsPerSecond: 50, runs: 1 }),
        figures('one-thread-guest', { longestStall: 0, idleWakeupsPerSecond: 0, runs: 1 }),
      ]).map((r) => [r.key, r]),
    );
    const best = (key: string) => rows[key]?.cells.filter((c) => c.best).map((c) => c.strategy);
    expect(rows.idleWakeupsPerSecond?.cells.map((c) => c.text)).toEqual([
      null,
      '10/s',
      '0.0/s',
      '50/s',
      '0.0/s',
    ]);
    expect(best('idleWakeupsPerSecond')).toEqual(['dedicated', 'one-thread-guest']);
    expect(best('longestStall')).toEqual([
      'queue',
      'dedicated',
      'one-thread-polling',
      'one-thread-guest',
    ]);
    expect(rows.deliveryP50?.cells[4]?.hint).toBe(
      'Not measured yet: press Run in the One thread panel, guest mode.',
    );
  });

  it('has one row per figure, best marked per row, ties included', () => {
    const rows = Object.fromEntries(comparisonRows(all).map((r) => [r.key, r]));
    const best = (key: string) => rows[key]?.cells.filter((c) => c.best).map((c) => c.strategy);
    expect(Object.keys(rows)).toEqual([
      'longestStall',
      'inputDelayP95',
      'inputDelayMax',
      'deliveryP50',
      'deliveryP95',
      'deliveryMax',
      'idleWakeupsPerSecond',
      'runs',
    ]);
    expect(best('longestStall')).toEqual(['queue', 'dedicated']);
    expect(best('deliveryP50')).toEqual(['dedicated']);
    expect(best('idleWakeupsPerSecond')).toEqual(['dedicated']);
    // Only Blocking measured input delay: nothing to be better than.
    expect(best('inputDelayP95')).toEqual([]);
    // Runs is context, not a score.
    expect(best('runs')).toEqual([]);
  });

  it('shows unmeasured figures as null with a hint, and measured ones with their unit', () => {
    const [stall, inputP95, , p50, , , wakeups, runs] = comparisonRows(all);
    expect(stall?.cells.map((c) => c.text)).toEqual(['1,003 ms', '0.0 ms', '0.0 ms', null, null]);
    expect(p50?.cells.map((c) => c.text)).toEqual([null, '48 ms', '0.4 ms', null, null]);
    expect(p50?.cells[0]?.hint).toBe('Not measured yet: press Run in the Blocking panel.');
    expect(inputP95?.cells[1]?.hint).toBe(
      'Not measured yet: use the input probe while a task runs in the Queue + polling panel.',
    );
    expect(p50?.cells[1]?.hint).toBeNull();
    expect(wakeups?.cells.map((c) => c.text)).toEqual([null, '10/s', '0.0/s', null, null]);
    expect(runs?.cells.map((c) => c.text)).toEqual(['1', '0', '2', '0', '0']);
  });

  it('formats figures as the table shows them', () => {
    expect(formatFigure(1234.4, 'ms')).toBe('1,234 ms');
    expect(formatFigure(9.96, 'ms')).toBe('10 ms');
    expect(markBest([9.96, 10.2])).toEqual([true, true]);
    expect(formatFigure(0.04, 'ms')).toBe('0.0 ms');
    expect(formatFigure(3, 'runs')).toBe('3');
    expect(unmeasuredHint('deliveryMax', 'dedicated')).toBe(
      'Not measured yet: press Run in the Dedicated loop panel.',
    );
  });
});
