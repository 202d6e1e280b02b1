import { formatCount, formatMs } from '../../format/format';
import type { TaskKind } from '../../tasks/params';
import { sentence, youSaid, type Question } from '../shared/prediction.svelte';

export type OverlapAnswer = 'one' | 'all';

/** Tasks the question submits at once. */
export const QUESTION_TASKS = 3;

/** The question: do wait tasks on one asyncio loop overlap? `durationMs` is each task's D. */
export function overlapQuestion(durationMs: number | null): Question<OverlapAnswer> {
  const each = durationMs === null ? 'D' : formatMs(durationMs);
  const all = durationMs === null ? `${QUESTION_TASKS} × D` : formatMs(QUESTION_TASKS * durationMs);
  return {
    text: `Run gives ${QUESTION_TASKS} wait tasks of ${each} each (await asyncio.sleep) to the one asyncio loop at once. When is the last one done?`,
    choices: [
      { value: 'one', label: `After about ${each}` },
      { value: 'all', label: `After about ${all}` },
    ],
    note: `Answering sets this panel's form to that run: ${QUESTION_TASKS} wait tasks.`,
  };
}

/** One busy stretch of the loop, from the first task submitted to the last one settled. */
export interface Stretch {
  /** Tasks submitted in it, and how many of them finished (not failed or cancelled). */
  tasks: number;
  done: number;
  /** The kind of every task in it, or null when they differed. */
  kind: TaskKind | null;
  /** The longest task's D (ms). */
  durationMs: number;
  /**
   * From the loop having the first task (its submit, or its worker's loop starting, whichever is
   * later) to the last result being ready in the worker (ms); null when none finished.
   */
  tookMs: number | null;
}

/** The run's answer to `overlapQuestion`, from the loop's first busy stretch; null before it ends. */
export function revealOverlap(
  answer: OverlapAnswer | null,
  stretch: Stretch | null,
): string | null {
  if (!stretch) return null;
  // Quoted as it was asked, with the D of the run that answers it: the form's duration may have
  // changed since, and the reader never saw a choice with that figure.
  const said = youSaid(overlapQuestion(stretch.durationMs), answer);
  if (stretch.tookMs === null)
    return sentence(
      `${said}no task of that run finished (cancelled, failed or killed), so the run measured nothing to compare.`,
    );
  const what = `${formatCount(stretch.tasks, `${stretch.kind ?? 'mixed'} task`)} of ${formatMs(stretch.durationMs)}`;
  const took = formatMs(stretch.tookMs);
  if (stretch.tasks < 2)
    return sentence(
      `${said}your run gave the loop ${what}: done after ${took}. Give it ${QUESTION_TASKS} at once (Concurrent tasks) to see whether they overlap.`,
    );
  const overlapped =
    Math.abs(stretch.tookMs - stretch.durationMs) <
    Math.abs(stretch.tookMs - stretch.tasks * stretch.durationMs);
  const why = overlapped
    ? 'the one loop ran them together: while a task awaits, the loop runs the others.'
    : 'the loop ran them one after another: a task that computes without awaiting holds the loop until it ends (an executor takes such work off the loop).';
  return sentence(
    `${said}the last of your ${what} was done ${took} after the loop had them: ${overlapped ? `about ${formatMs(stretch.durationMs)}, not ${formatMs(stretch.tasks * stretch.durationMs)}` : `about ${formatMs(stretch.tasks * stretch.durationMs)}, not ${formatMs(stretch.durationMs)}`}; ${why}`,
  );
}
