/**
 * Every number the page writes as text, in one place: one name per way of writing a number. No
 * imports and no DOM, so the page and the workers (the monitor's chart) share it.
 */

/**
 * The shortest decimal that reads back as `|n|` (finite): its digits, and how many of them come
 * before the point (0 or less for 0.0…, more than the digits for trailing zeros).
 */
function decimal(n: number): { digits: string; point: number } {
  const [mantissa = '0', exponent = '0'] = Math.abs(n).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), point: Number(exponent) + 1 };
}

/**
 * Keeps the first `keep` digits, rounding half away from zero on the shortest decimal, as
 * `Intl.NumberFormat` does by default (0.15 to one decimal is 0.2, where `toFixed` says 0.1).
 */
function round(d: { digits: string; point: number }, keep: number) {
  // A leading 0 takes the carry of 9.96 → 10.0, and lets a value round up to its first digit.
  const digits = `0${d.digits}`;
  const point = d.point + 1;
  const at = keep + 1;
  if (at < 1) return { digits: '0', point: 1 };
  if (at >= digits.length) return { digits, point };
  let kept = digits.slice(0, at);
  if ((digits[at] ?? '0') >= '5') {
    const up = kept.split('');
    let i = up.length - 1;
    for (; up[i] === '9'; i--) up[i] = '0';
    up[i] = String(Number(up[i]) + 1);
    kept = up.join('');
  }
  return { digits: kept, point };
}

/**
 * What `new Intl.NumberFormat('en-US', options).format(n)` writes for the options the page uses
 * (fraction digits, or at most `significant` digits), without it: the first number format a page
 * makes loads the engine's locale data, 30 ms of main-thread time on a 2-core laptop, traced, in
 * the task that first writes a number of a thousand or more.
 */
function numberFormat(options: {
  minFraction?: number;
  maxFraction?: number;
  significant?: number;
}) {
  const { minFraction = 0, maxFraction = 3, significant } = options;
  return {
    format(n: number): string {
      if (Number.isNaN(n)) return 'NaN';
      const sign = n < 0 || Object.is(n, -0) ? '-' : '';
      if (!Number.isFinite(n)) return `${sign}∞`;
      const exact = decimal(n);
      const { digits, point } = round(exact, significant ?? exact.point + maxFraction);
      const padded = point > digits.length ? digits.padEnd(point, '0') : digits;
      const whole = padded.slice(0, Math.max(point, 0)).replace(/^0+(?=\d)/, '') || '0';
      let fraction = (point < 0 ? '0'.repeat(-point) : '') + padded.slice(Math.max(point, 0));
      fraction = fraction.replace(/0+$/, '').padEnd(minFraction, '0');
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
    },
  };
}

const grouped = numberFormat({ maxFraction: 0 });
/** Whole numbers below a thousand need no separator, and no rounding but Math.round's. */
const whole = {
  format: (n: number) =>
    n >= 0 && n < 999.5 && !Object.is(n, -0) ? String(Math.round(n)) : grouped.format(n),
};
const upToTenth = numberFormat({ maxFraction: 1 });
const tenth = numberFormat({ minFraction: 1, maxFraction: 1 });
const twoSignificant = numberFormat({ significant: 2 });

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
