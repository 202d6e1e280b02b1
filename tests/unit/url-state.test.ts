import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseUrlState, type UrlState } from '../../src/share/url-state';
import { serializeUrlState } from '../../src/share/url-write';
import { PARTS } from '../../src/ui/parts';

describe('parseUrlState', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseUrlState('')).toEqual({ state: DEFAULT_STATE, refused: [] });
  });

  it('reads every parameter of the contract', () => {
    const { state, refused } = parseUrlState(
      '?panel=queue&kind=cpu&duration=500&poll=250&tasks=20&rate=1000&embed=1&theme=dark',
    );
    expect(refused).toEqual([]);
    expect(state).toEqual({
      panel: 'queue',
      kind: 'cpu',
      duration: 500,
      poll: 250,
      tasks: 20,
      rate: 1000,
      dialog: 1500,
      mode: 'polling',
      embed: true,
      theme: 'dark',
      show: [],
    });
  });

  it('reads the parts an embed opens from the start, in a fixed order, each once', () => {
    expect(parseUrlState('?embed=1&show=python').state.show).toEqual(['python']);
    expect(parseUrlState('?show=lanes,python,recording,python').state.show).toEqual([
      'python',
      'recording',
      'lanes',
    ]);
    expect(parseUrlState('?show=all').state.show).toEqual([...PARTS]);
    expect(serializeUrlState({ ...DEFAULT_STATE, show: ['python', 'lanes'] })).toBe(
      '?show=python%2Clanes',
    );
  });

  it('refuses a show value that names anything but a part, and opens nothing for it', () => {
    for (const value of [
      '',
      ',',
      'python,',
      'Python',
      'code',
      'python,tea',
      'all,python',
      ' python',
    ]) {
      const { state, refused } = parseUrlState(`?show=${encodeURIComponent(value)}`);
      expect(state.show, value).toEqual([]);
      expect(refused, value).toHaveLength(1);
      expect(refused[0]?.name).toBe('show');
      expect(refused[0]?.reason).toMatch(/show must list one or more of python, recording, lanes/);
    }
  });

  it('reads the one-thread panel, its dialog length and its mode', () => {
    const { state, refused } = parseUrlState('?panel=one-thread&poll=20&dialog=4000&mode=polling');
    expect(refused).toEqual([]);
    expect(state).toMatchObject({
      panel: 'one-thread',
      poll: 20,
      dialog: 4000,
      mode: 'polling',
    });
    expect(parseUrlState('?panel=one-thread&mode=guest')).toEqual({
      state: { ...DEFAULT_STATE, panel: 'one-thread', mode: 'guest' },
      refused: [],
    });
  });

  it('refuses a dialog length outside 100–10,000 ms and an unknown mode', () => {
    for (const bad of ['99', '10001', '1.5e3', '-1', '']) {
      const { state, refused } = parseUrlState(`?dialog=${bad}`);
      expect(state.dialog).toBe(1500);
      expect(refused[0]?.reason).toBe(
        'Dialog must be between 100–10,000 ms.'.replace(
          'between',
          /^[0-9]+$/.test(bad) ? 'between' : 'a whole number,',
        ),
      );
    }
    for (const bad of ['trio', 'Guest', 'guest ', '', 'polling,guest', '__proto__']) {
      const { state, refused } = parseUrlState(`?mode=${encodeURIComponent(bad)}`);
      expect(state.mode).toBe('polling');
      expect(refused).toEqual([
        { name: 'mode', value: bad, reason: 'mode must be one of polling, guest.' },
      ]);
    }
    const twice = parseUrlState('?mode=guest&mode=polling');
    expect(twice.state.mode).toBe('guest');
    expect(twice.refused.map((r) => r.name)).toEqual(['mode']);
  });

  it('refuses bad values, names them, and keeps the defaults', () => {
    const { state, refused } = parseUrlState(
      '?panel=nope&duration=1e3&poll=-5&kind=sleep&theme=blue&embed=yes',
    );
    expect(state).toEqual(DEFAULT_STATE);
    expect(refused.map((r) => [r.name, r.value])).toEqual([
      ['panel', 'nope'],
      ['duration', '1e3'],
      ['poll', '-5'],
      ['kind', 'sleep'],
      ['theme', 'blue'],
      ['embed', 'yes'],
    ]);
    expect(refused[1]?.reason).toBe('Duration must be a whole number, 10–10,000 ms.');
  });

  it('uses the first of a repeated parameter and names the rest', () => {
    const { state, refused } = parseUrlState('?duration=200&duration=300');
    expect(state.duration).toBe(200);
    expect(refused).toEqual([
      {
        name: 'duration',
        value: '300',
        reason: 'duration was given more than once; the first value is used.',
      },
    ]);
  });

  it('leaves parameters it does not know alone, including prototype names', () => {
    const { state, refused } = parseUrlState('?utm_source=x&__proto__=1&constructor=2');
    expect(refused).toEqual([]);
    expect(state).toEqual(DEFAULT_STATE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('shortens a huge refused value for display', () => {
    const { refused } = parseUrlState(`?kind=${'x'.repeat(5000)}`);
    expect(refused[0]?.value).toBe(`${'x'.repeat(40)}…`);
  });

  it('keeps HTML in a refused value as plain text', () => {
    const { refused } = parseUrlState('?kind=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(refused[0]?.value).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('serializeUrlState', () => {
  it('writes nothing for the defaults', () => {
    expect(serializeUrlState(DEFAULT_STATE)).toBe('');
  });

  it('round-trips any valid state', () => {
    const states: UrlState[] = [
      { ...DEFAULT_STATE, panel: 'blocking', kind: 'stream', duration: 10, rate: 100_000 },
      { ...DEFAULT_STATE, panel: 'dedicated', tasks: 100, embed: true, theme: 'light' },
      { ...DEFAULT_STATE, poll: 1, duration: 10_000 },
      { ...DEFAULT_STATE, panel: 'one-thread', poll: 100, dialog: 10_000 },
    ];
    for (const state of states) {
      expect(parseUrlState(serializeUrlState(state))).toEqual({ state, refused: [] });
    }
  });
});

describe('parseUrlState over generated hostile input', () => {
  it('never throws, always yields a valid state, and names every refused parameter', async () => {
    const { hostileQueries } = await import('../support/hostile-values');
    const queries = hostileQueries();
    expect(queries.length).toBeGreaterThanOrEqual(200);
    for (const query of queries) {
      const { state, refused } = parseUrlState(query);
      // The state is always one the page can render: every field within its bounds.
      expect(parseUrlState(serializeUrlState(state))).toEqual({ state, refused: [] });
      const given = new Set(new URLSearchParams(query).keys());
      for (const name of given)
        expect(
          refused.some((r) => r.name === name),
          `${query} names ${name}`,
        ).toBe(true);
      for (const r of refused) expect(Array.from(r.value).length).toBeLessThanOrEqual(41);
    }
  });

  it('round-trips random valid states', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(list: readonly T[]) => list[random(list.length)] as T;
    for (let i = 0; i < 500; i++) {
      const state: UrlState = {
        panel: pick([null, 'blocking', 'queue', 'dedicated', 'one-thread'] as const),
        kind: pick(['wait', 'cpu', 'stream'] as const),
        duration: 10 + random(9_991),
        poll: 1 + random(1_000),
        tasks: 1 + random(100),
        rate: 1 + random(100_000),
        dialog: 100 + random(9_901),
        mode: pick(['polling', 'guest'] as const),
        embed: random(2) === 1,
        theme: pick(['auto', 'light', 'dark'] as const),
        show: PARTS.filter(() => random(3) === 0),
      };
      expect(parseUrlState(serializeUrlState(state))).toEqual({ state, refused: [] });
    }
  });
});
