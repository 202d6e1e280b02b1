import { describe, expect, it } from 'vitest';
import { formatInt, formatMs } from '../../src/format/format';

describe('formatInt', () => {
  it('writes every whole number as Intl.NumberFormat would, with or without its fast path', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const values = [0, -0, 0.4, 0.5, 1.5, 2.5, -0.5, -1.5, 999.4, 999.5, 1_000, 12_345.5, NaN];
    for (let i = 0; i < 5_000; i++) values.push(i * 0.25 - 100, i * 3.7);
    for (const n of values) expect(formatInt(n), String(n)).toBe(intl.format(n));
  });

  it('writes milliseconds with a separator from a thousand on', () => {
    expect(formatMs(999.4)).toBe('999 ms');
    expect(formatMs(3_012)).toBe('3,012 ms');
  });
});
