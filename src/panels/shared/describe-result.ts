import { formatInt } from '../../format/format';
import { type TaskKind } from '../../tasks/params';

/** What a finished task answered, as both worker panels receive it. */
export interface ResultFigures {
  /** Milliseconds waited, the computed number, or the stream's length. */
  value: number;
  /** Updates the worker sent (streams). */
  sent: number;
  /** Updates the page received, where the panel counts them. */
  received?: number;
}

/** The text shown for a finished task, in the words the Python version prints. */
export function describeResult(kind: TaskKind | undefined, result: ResultFigures): string {
  switch (kind) {
    case 'wait':
      return `waited ${formatInt(result.value)} ms`;
    case 'cpu':
      return `computed ${(result.value >>> 0).toString(16).padStart(8, '0')}`;
    case 'stream':
      return result.received === undefined
        ? `streamed ${formatInt(result.sent)} updates`
        : `streamed ${formatInt(result.received)} of ${formatInt(result.sent)} updates`;
    default:
      return `done (${result.value})`;
  }
}
