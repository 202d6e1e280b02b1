/**
 * Every number the page writes as text, in one place: one name per way of writing a number. No
 * imports and no DOM, so the page and the workers (the monitor's chart) share it.
 */

/**
 * A number format made on its first use: making one costs milliseconds (the engine loads its
 * locale data), and four of them at load were part of the page's start-up task.
 */
function lazyFormat(options: Intl.NumberFormatOptions): { format(n: number): string } {
  let made: Intl.NumberFormat | null = null;
  return { format: (n) => (made ??= new Intl.NumberFormat('en-US', options)).format(n) };
}

const grouped = lazyFormat({ maximumFractionDigits: 0 });
/** Whole numbers below a thousand need no separator, and no number format. */
const whole = {
  format: (n: number) =>
    n >= 0 && n < 999.5 && !Object.is(n, -0) ? String(Math.round(n)) : grouped.format(n),
};
const upToTenth = lazyFormat({ maximumFractionDigits: 1 });
const tenth = lazyFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoSignificant = lazyFormat({ maximumSignificantDigits: 2 });

/** Keeps a number and its unit on one line in narrow table cells. */
const NBSP = '\u00a0';

/** A whole number with thousands separators: `12,345`. */
export function formatInt(n: number): string {
  return whole.format(n);
}

/** Always one decimal: `12.0`, `0.5`. */
export function formatTenth(n: number): string {
  return tenth.format(n);
}

/** Two significant digits, for small costs such as a tick's milliseconds: `0.042`, `1.3`. */
export function formatSignificant(n: number): string {
  return twoSignificant.format(n);
}

/** Milliseconds, whole: `1,234 ms`. */
export function formatMs(ms: number): string {
  return `${whole.format(ms)} ms`;
}

/**
 * A recorded time (ms): one decimal below 100 ms, where the traces' 0.1 ms resolution still means
 * something (0.3 ms against 4.8 ms), whole milliseconds above; `—` when not measured.
 */
export function formatRecordedMs(ms: number | null): string {
  if (ms === null) return '—';
  return `${(Math.abs(ms) < 100 ? upToTenth : whole).format(ms)}${NBSP}ms`;
}

/** Milliseconds written as seconds, one decimal: `1.5 s`. */
export function formatSeconds(ms: number): string {
  return `${tenth.format(ms / 1000)}${NBSP}s`;
}

/** A rate per second, up to one decimal: `12.5/s`; `—` when not measured. */
export function formatRate(perSecond: number | null): string {
  return perSecond === null ? '—' : `${upToTenth.format(perSecond)}/s`;
}

/** A count with its noun: `1 click`, `3 clicks`, `2 queries` (given `many`). */
export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${whole.format(n)} ${n === 1 ? one : many}`;
}

/** A stall's length on the live chart: `850 ms`, `1.2 s`. */
export function formatStall(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** A span's length on the lanes, scaled to its size: `0.3 ms`, `42 ms`, `1.5 s`, `12 s`. */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}
