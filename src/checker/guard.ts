import type { Checked, Refusal } from './check';
import type { CheckerToPage, PageToChecker } from './messages';
import { RULES, type Finding } from './rule-text';

/**
 * Runtime checks on the checker worker's boundary: `event.data` is whatever arrived; these return a
 * typed message or null, and the caller says on the page that a message was malformed.
 */

const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isLines = (v: unknown): v is number[] => Array.isArray(v) && v.every(isLine);

function isFinding(v: unknown): v is Finding {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.rule === 'string' &&
    Object.hasOwn(RULES, f.rule) &&
    isLine(f.line) &&
    typeof f.why === 'string' &&
    isLines(f.related)
  );
}

function isResult(v: unknown): v is Checked | Refusal {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r.ok === false) return typeof r.message === 'string';
  return (
    r.ok === true &&
    Array.isArray(r.findings) &&
    r.findings.every(isFinding) &&
    isLines(r.errorLines) &&
    typeof r.notPython === 'boolean' &&
    (r.tooDeepAt === null || isLine(r.tooDeepAt)) &&
    isLine(r.lines)
  );
}

/** A message from the checker worker, or null when it is not one. */
export function asCheckerMessage(data: unknown): CheckerToPage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'number') return null;
  if (m.type === 'checked' && isResult(m.result)) return data as CheckerToPage;
  if (m.type === 'failed' && typeof m.message === 'string') return data as CheckerToPage;
  return null;
}

/** A request to the checker worker, or null when it is not one. */
export function asCheckRequest(data: unknown): PageToChecker | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  return m.type === 'check' && typeof m.id === 'number' && typeof m.text === 'string'
    ? (data as PageToChecker)
    : null;
}
