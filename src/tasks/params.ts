import { formatInt } from '../format/format';
/**
 * Every adjustable parameter, its bounds and its default, in one table: the form fields, the URL
 * parser and the workers all read their limits from here, so a bound cannot differ between them.
 */

export const TASK_KINDS = ['wait', 'cpu', 'stream'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const PANEL_IDS = ['blocking', 'queue', 'dedicated', 'one-thread'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface NumericParam {
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export const NUMERIC_PARAMS = {
  /** D: how long one task runs (the wait, the computation, or the whole stream). */
  duration: { label: 'Duration', unit: 'ms', min: 10, max: 10_000, default: 1_000 },
  /** P: how often the Tk side polls its queue, like root.after(P, poll). */
  poll: { label: 'Poll interval', unit: 'ms', min: 1, max: 1_000, default: 100 },
  /** How many tasks are submitted at once. */
  tasks: { label: 'Concurrent tasks', unit: 'tasks', min: 1, max: 100, default: 1 },
  /** R: progress messages per second for the stream kind. */
  rate: { label: 'Stream rate', unit: 'per s', min: 1, max: 100_000, default: 100 },
  /** How long the one-thread panel's modal dialog stays open, like messagebox.showinfo. */
  dialog: { label: 'Dialog', unit: 'ms', min: 100, max: 10_000, default: 1_500 },
} as const satisfies Record<string, NumericParam>;

export type NumericParamName = keyof typeof NUMERIC_PARAMS;

/**
 * How the one-thread panel joins the two loops: asyncio drains Tk every P ms (`polling`), or Tk
 * keeps `mainloop()` and the async framework runs as its guest (`guest`, Trio's start_guest_run).
 */
export const ONE_THREAD_MODES = ['polling', 'guest'] as const;
export type OneThreadMode = (typeof ONE_THREAD_MODES)[number];

/** N, the number of progress messages in a stream, is derived: D ms at R per second. */
export const STREAM_COUNT = { min: 1, max: 100_000 } as const;

export function streamCount(durationMs: number, ratePerSecond: number): number {
  return Math.round((durationMs * ratePerSecond) / 1000);
}

export interface TaskSpec {
  kind: TaskKind;
  durationMs: number;
  ratePerSecond: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const INTEGER = /^[0-9]{1,9}$/;

/**
 * Parses a form or URL value as a whole number within the parameter's bounds. Only plain decimal
 * digits are accepted: "1e3", "0x10", " 5", "5.0" and "Infinity" are refused rather than guessed at.
 */
export function checkNumber(name: NumericParamName, raw: string): Checked<number> {
  const param: NumericParam = NUMERIC_PARAMS[name];
  const range = `${formatInt(param.min)}–${formatInt(param.max)} ${param.unit}`;
  if (!INTEGER.test(raw)) {
    return { ok: false, message: `${param.label} must be a whole number, ${range}.` };
  }
  const value = Number(raw);
  if (value < param.min || value > param.max) {
    return { ok: false, message: `${param.label} must be between ${range}.` };
  }
  return { ok: true, value };
}

export function checkKind(raw: string): Checked<TaskKind> {
  const kind = TASK_KINDS.find((k) => k === raw);
  return kind
    ? { ok: true, value: kind }
    : { ok: false, message: `Task kind must be one of ${TASK_KINDS.join(', ')}.` };
}

/** A stream's derived message count must also be in bounds, whatever D and R were. */
export function checkStream(durationMs: number, ratePerSecond: number): Checked<number> {
  const n = streamCount(durationMs, ratePerSecond);
  if (n < STREAM_COUNT.min || n > STREAM_COUNT.max) {
    return {
      ok: false,
      message: `A stream of ${formatInt(durationMs)} ms at ${formatInt(ratePerSecond)} per s is ${formatInt(n)} messages; it must be ${formatInt(STREAM_COUNT.min)}–${formatInt(STREAM_COUNT.max)}.`,
    };
  }
  return { ok: true, value: n };
}
