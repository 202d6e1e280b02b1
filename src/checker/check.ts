/**
 * Checking a pasted snippet: what is refused before parsing (empty, too long, binary), then the
 * parse's own verdict (lines that do not parse, text that is not Python), then the rules. Pure: the
 * caller parses (see parse.ts, which does it in slices) and passes the tree.
 */
import type { Tree } from '@lezer/common';
import { Analysis } from './analysis';
import { MAX_CHARS } from './limits';
import { buildModel } from './model';
import { runRules, type Finding } from './rules';

/** A paste refused before parsing, and why, in a sentence. */
export interface Refusal {
  ok: false;
  message: string;
}

/** A paste checked: its findings, the lines that did not parse, and what could not be followed. */
export interface Checked {
  ok: true;
  findings: Finding[];
  /** Lines (1-based) the parser could not read; the rest was still checked. */
  errorLines: number[];
  /** Set when most of the text does not parse: it is probably not Python. */
  notPython: boolean;
  /** The line past which nesting was too deep to follow, if any. */
  tooDeepAt: number | null;
  lines: number;
}

/**
 * Refuses what cannot be checked, before any parsing.
 * @returns a refusal, or null when the text may be parsed
 */
export function refuse(text: string): Refusal | null {
  if (text.trim() === '')
    return { ok: false, message: 'The box is empty: paste your Python first.' };
  if (text.length > MAX_CHARS)
    return {
      ok: false,
      message: `That is ${text.length.toLocaleString('en')} characters; the checker reads at most ${MAX_CHARS.toLocaleString('en')}. Paste the part with your Tk callbacks, threads and event loops.`,
    };
  // NUL and other control characters (but tab, newline, carriage return, form feed) mean a binary file.
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) control++;
  }
  if (control > 0)
    return {
      ok: false,
      message: `This holds ${control.toLocaleString('en')} control character${control === 1 ? '' : 's'}: it looks like a binary file, not Python source.`,
    };
  return null;
}

/**
 * Checks parsed text.
 * @param text the paste, already accepted by refuse()
 * @param tree @lezer/python's tree of exactly `text`
 */
export function checkParsed(text: string, tree: Tree): Checked {
  const model = buildModel(text, tree);
  const lines = text.split('\n').length;
  const codeLines = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
  const notPython = model.errorLines.length > Math.max(2, codeLines / 3);
  const findings = notPython ? [] : runRules(new Analysis(model));
  return {
    ok: true,
    findings,
    errorLines: model.errorLines,
    notPython,
    tooDeepAt: model.tooDeepAt,
    lines,
  };
}
