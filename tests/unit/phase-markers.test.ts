import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePhaseMarkers } from '../../src/code/phase-markers';
import { BLOCKING_PHASES } from '../../src/strategies/phases';

describe('parsePhaseMarkers', () => {
  it('strips marker lines and tags the lines between them', () => {
    const source = [
      'a',
      '// [phase running]',
      'b',
      'c',
      '// [/phase]',
      'd',
      '# [phase delivered]',
      'e',
      '# [/phase]',
    ].join('\n');
    const { lines, phases } = parsePhaseMarkers(source);
    expect(lines).toEqual([
      { text: 'a', phase: null },
      { text: 'b', phase: 'running' },
      { text: 'c', phase: 'running' },
      { text: 'd', phase: null },
      { text: 'e', phase: 'delivered' },
    ]);
    expect([...phases]).toEqual(['running', 'delivered']);
  });

  it('rejects nested, unopened and unclosed phases', () => {
    expect(() => parsePhaseMarkers('// [phase a]\n// [phase b]\n// [/phase]')).toThrow(
      /opens inside/,
    );
    expect(() => parsePhaseMarkers('// [/phase]')).toThrow(/without an open phase/);
    expect(() => parsePhaseMarkers('// [phase a]\nx')).toThrow(/never closed/);
  });

  it('finds every Blocking phase in both the TypeScript that runs and the Python shown', () => {
    for (const file of ['src/strategies/blocking.ts', 'python/strategies/blocking.py']) {
      const { phases, lines } = parsePhaseMarkers(readFileSync(file, 'utf8'));
      for (const phase of BLOCKING_PHASES) {
        expect(phases, `${file} marks ${phase}`).toContain(phase);
        expect(lines.some((l) => l.phase === phase && l.text.trim() !== '')).toBe(true);
      }
    }
  });
});
