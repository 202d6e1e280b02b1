import { describe, expect, it } from 'vitest';
import {
  formatInt,
  formatMs,
  formatRate,
  formatRecordedMs,
  formatSeconds,
  formatSignificant,
  formatTenth,
} from '../../src/format/format';

// The page writes numbers without Intl.NumberFormat (its first one costs a 30 ms main-thread task
// at start-up), and must write them exactly as Intl.NumberFormat('en-US') would.
const values = [0, -0, 0.04, 0.05, 0.15, 0.25, 0.4, 0.5, 0.95, 0.96, 1.005, 1.5, 2.5, -0.04];
values.push(-0.5, -1.5, 9.95, 9.96, 99.5, 99.95, 999.4, 999.5, 999.95, 1_000, 12_345.5, 0.000_123);
values.push(1e21, 123_456_789.25, 5e-7, -12_345.65, NaN, Infinity, -Infinity, Number.MAX_VALUE);
for (let i = 0; i < 5_000; i++) values.push(i * 0.25 - 100, i * 3.7, i * 0.013, (i - 2_500) * 1.37);

function intl(options: Intl.NumberFormatOptions): (n: number) => string {
  const format = new Intl.NumberFormat('en-US', options);
  return (n) => format.format(n);
}

describe('numbers as text', () => {
  it('writes every whole number as Intl.NumberFormat would, with or without its fast path', () => {
    const expected = intl({ maximumFractionDigits: 0 });
    for (const n of values) expect(formatInt(n), String(n)).toBe(expected(n));
  });

  it('writes one decimal, and up to one, as Intl.NumberFormat would', () => {
    const one = intl({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const upToOne = intl({ maximumFractionDigits: 1 });
    for (const n of values) {
      expect(formatTenth(n), String(n)).toBe(one(n));
      expect(formatRate(n), String(n)).toBe(`${upToOne(n)}/s`);
      expect(formatSeconds(n * 1000), String(n)).toBe(`${one((n * 1000) / 1000)}\u00a0s`);
    }
  });

  it('writes two significant digits as Intl.NumberFormat would', () => {
    const two = intl({ maximumSignificantDigits: 2 });
    for (const n of values) expect(formatSignificant(n), String(n)).toBe(two(n));
  });

  it('writes milliseconds with a separator from a thousand on, and a decimal below 100 recorded', () => {
    expect(formatMs(999.4)).toBe('999 ms');
    expect(formatMs(3_012)).toBe('3,012 ms');
    expect(formatRecordedMs(4.75)).toBe('4.8\u00a0ms');
    expect(formatRecordedMs(1_234.5)).toBe('1,235\u00a0ms');
    expect(formatRecordedMs(null)).toBe('—');
  });
});
