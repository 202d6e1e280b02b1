const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const upToTenth = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const tenth = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** Keeps a number and its unit on one line in narrow table cells. */
const NBSP = '\u00a0';

/**
 * A recorded time: one decimal below 100 ms, where the traces' 0.1 ms resolution still means
 * something (0.3 ms against 4.8 ms), whole milliseconds above.
 */
export function ms(value: number | null): string {
  if (value === null) return '—';
  return `${(Math.abs(value) < 100 ? upToTenth : whole).format(value)}${NBSP}ms`;
}

export function seconds(valueMs: number): string {
  return `${tenth.format(valueMs / 1000)}${NBSP}s`;
}

export function perSecond(value: number | null): string {
  return value === null ? '—' : `${upToTenth.format(value)}/s`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${whole.format(n)} ${n === 1 ? one : many}`;
}
