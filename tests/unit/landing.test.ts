import { describe, expect, it } from 'vitest';
import { landingId } from '../../src/app/land';

describe('landingId: where a shared address lands', () => {
  const PANELS = ['blocking', 'queue', 'dedicated', 'one-thread'] as const;
  for (const panel of PANELS) {
    it(`?panel=${panel} and #${panel} land on the panel`, () => {
      expect(landingId('', panel)).toBe(panel);
      expect(landingId(`#${panel}`, null)).toBe(panel);
    });
  }
  it('a fragment wins over the panel parameter', () => {
    expect(landingId('#one-thread', 'queue')).toBe('one-thread');
  });
  it('leaves glossary terms and mistakes to the parts that open them, and falls back to the panel', () => {
    expect(landingId('#term-main-thread', null)).toBeNull();
    expect(landingId('#mistake-thread-call-title', 'queue')).toBe('queue');
  });
  it('lands nowhere without either', () => {
    expect(landingId('', null)).toBeNull();
    expect(landingId('#', null)).toBeNull();
    expect(landingId('#%E0', 'dedicated')).toBe('dedicated');
  });
});
