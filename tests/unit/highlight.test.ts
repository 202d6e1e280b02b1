import { describe, expect, it } from 'vitest';
import { highlightLines } from '../../src/code/highlight';

const kinds = (line: { kind: string; text: string }[] | undefined) =>
  line?.map((t) => `${t.kind}:${t.text}`);

describe('highlightLines', () => {
  it('marks Python keywords, strings, numbers and comments', () => {
    const [line] = highlightLines("await asyncio.sleep(2)  # wait 'here'", 'python');
    expect(kinds(line)).toEqual([
      'keyword:await',
      'plain: asyncio.sleep(',
      'number:2',
      'plain:)  ',
      "comment:# wait 'here'",
    ]);
  });

  it('keeps a docstring that spans lines a string on every line', () => {
    const lines = highlightLines('"""One\ntwo"""\nx = 1', 'python');
    expect(kinds(lines[0])).toEqual(['string:"""One']);
    expect(kinds(lines[1])).toEqual(['string:two"""']);
    expect(kinds(lines[2])).toEqual(['plain:x = ', 'number:1']);
  });

  it('does not let an unclosed quote swallow the next line', () => {
    const lines = highlightLines("it's\nreturn 1", 'typescript');
    expect(lines[1]?.[0]).toEqual({ kind: 'keyword', text: 'return' });
  });

  it('handles TypeScript comments and template strings', () => {
    const lines = highlightLines('/** doc\n */\nconst a = `x${1}`; // note', 'typescript');
    expect(kinds(lines[0])).toEqual(['comment:/** doc']);
    expect(kinds(lines[2])).toEqual([
      'keyword:const',
      'plain: a = ',
      'string:`x${1}`',
      'plain:; ',
      'comment:// note',
    ]);
  });

  it('returns one token list per line, the text unchanged', () => {
    const source = 'def f():\n    return "a"\n\n';
    const lines = highlightLines(source, 'python');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n')).toBe(source);
  });
});
