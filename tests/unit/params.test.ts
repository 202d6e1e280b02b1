import { describe, expect, it } from 'vitest';
import {
  checkKind,
  checkNumber,
  checkStream,
  NUMERIC_PARAMS,
  streamCount,
} from '../../src/tasks/params';

describe('checkNumber', () => {
  it('accepts whole numbers at and inside the bounds', () => {
    for (const [name, param] of Object.entries(NUMERIC_PARAMS)) {
      const key = name as keyof typeof NUMERIC_PARAMS;
      expect(checkNumber(key, String(param.min))).toEqual({ ok: true, value: param.min });
      expect(checkNumber(key, String(param.max))).toEqual({ ok: true, value: param.max });
      expect(checkNumber(key, String(param.default))).toEqual({ ok: true, value: param.default });
    }
  });

  it('refuses values just outside the bounds, naming the range', () => {
    expect(checkNumber('duration', '9')).toEqual({
      ok: false,
      message: 'Duration must be between 10–10,000 ms.',
    });
    expect(checkNumber('duration', '10001')).toEqual({
      ok: false,
      message: 'Duration must be between 10–10,000 ms.',
    });
    expect(checkNumber('poll', '0').ok).toBe(false);
    expect(checkNumber('tasks', '101').ok).toBe(false);
    expect(checkNumber('rate', '100001').ok).toBe(false);
  });

  it.each([
    '',
    ' 100',
    '100 ',
    '1e3',
    '0x10',
    '10.5',
    '-10',
    '+10',
    'NaN',
    'Infinity',
    '１００',
    '100ms',
    '9999999999',
  ])('refuses %j as not a whole number', (raw) => {
    const result = checkNumber('duration', raw);
    expect(result.ok).toBe(false);
  });
});

describe('task kinds and streams', () => {
  it('accepts the three kinds and nothing else', () => {
    expect(checkKind('wait')).toEqual({ ok: true, value: 'wait' });
    expect(checkKind('cpu')).toEqual({ ok: true, value: 'cpu' });
    expect(checkKind('stream')).toEqual({ ok: true, value: 'stream' });
    expect(checkKind('WAIT').ok).toBe(false);
    expect(checkKind('__proto__').ok).toBe(false);
  });

  it('derives a stream’s message count from D and R, within 1–100,000', () => {
    expect(streamCount(1000, 100)).toBe(100);
    expect(checkStream(10, 1)).toEqual({
      ok: false,
      message: 'A stream of 10 ms at 1 per s is 0 messages; it must be 1–100,000.',
    });
    expect(checkStream(10_000, 100_000).ok).toBe(false);
    expect(checkStream(1000, 100_000)).toEqual({ ok: true, value: 100_000 });
  });
});

describe('every numeric field refuses every hostile value', () => {
  it('refuses each value in each field, with a message naming the range', async () => {
    const { HOSTILE_VALUES } = await import('../support/hostile-values');
    for (const name of Object.keys(NUMERIC_PARAMS) as (keyof typeof NUMERIC_PARAMS)[]) {
      for (const value of HOSTILE_VALUES) {
        const result = checkNumber(name, value);
        expect(result.ok, `${name}=${JSON.stringify(value)}`).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/\d+–[\d,]+/);
      }
    }
  });
});
