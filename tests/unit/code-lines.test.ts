// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderCodeLines } from '../../src/code/static-code-view';

// A code view's lines come in blocks the browser lays out only near the screen (theme.css,
// `.code .lines`): each block says how many lines it holds, so its height is right before it
// is drawn, and the text is the source whatever the blocks.

describe('a code view’s lines', () => {
  const source = Array.from({ length: 61 }, (_, i) => `x_${i} = ${i}  # line ${i + 1}`).join('\n');

  it('come in blocks of at most 24 lines, each counting its lines in --lines', () => {
    const code = document.createElement('code');
    renderCodeLines(code, source, 'python');
    const blocks = [...code.children] as HTMLElement[];
    expect(blocks.map((b) => b.className)).toEqual(['lines', 'lines', 'lines']);
    expect(blocks.map((b) => b.childElementCount)).toEqual([24, 24, 13]);
    expect(blocks.map((b) => b.style.getPropertyValue('--lines'))).toEqual(['24', '24', '13']);
    expect(code.querySelectorAll('.lines > .line')).toHaveLength(61);
  });

  it('keep the source as text, line for line, with each phase on its line', () => {
    const code = document.createElement('code');
    const phases = source.split('\n').map((_, i) => (i === 30 ? 'wait' : null));
    renderCodeLines(code, source, 'python', phases);
    expect(code.textContent).toBe(`${source}\n`);
    const marked = [...code.querySelectorAll<HTMLElement>('.line[data-phase]')];
    expect(marked.map((l) => [l.dataset.phase, l.textContent])).toEqual([
      ['wait', 'x_30 = 30  # line 31\n'],
    ]);
  });

  it('replace what the view held before', () => {
    const code = document.createElement('code');
    renderCodeLines(code, source, 'python');
    renderCodeLines(code, 'print(1)', 'python');
    expect(code.querySelectorAll('.line')).toHaveLength(1);
    expect(code.textContent).toBe('print(1)\n');
  });
});
