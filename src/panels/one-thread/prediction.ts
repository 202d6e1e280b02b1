import { formatMs } from '../../format/format';
import type { OneThreadMode } from '../../tasks/params';
import { sentence, youSaid, type Question } from '../shared/prediction.svelte';

export type FreezeAnswer = 'redraws' | 'freezes';

/**
 * The question: with no second thread, does the window freeze while a task runs? `durationMs` is
 * the form's D; `mode` names whose loop shares the Tk thread.
 */
export function oneThreadQuestion(
  durationMs: number | null,
  mode: OneThreadMode,
): Question<FreezeAnswer> {
  const task = durationMs === null ? 'a task' : `a ${formatMs(durationMs)} task`;
  const loop = mode === 'guest' ? "Trio's loop runs" : "asyncio's loop runs";
  return {
    text:
      mode === 'guest'
        ? `${loop} ${task} on the Tk thread itself; only its waiting for I/O is handed to a helper thread. Does the window keep redrawing meanwhile?`
        : `No second thread: ${loop} ${task} on the Tk thread itself. Does the window keep redrawing meanwhile?`,
    choices: [
      { value: 'redraws', label: 'It keeps redrawing' },
      { value: 'freezes', label: 'It freezes until the task ends' },
    ],
  };
}

/** What the live figures measured over the first finished run of the mode shown. */
export interface OneThreadRun {
  /** From Run to the task's end (ms). */
  ranMs: number;
  /** The longest stall (ms) this strategy's own code caused; 0 for none. */
  longestStall: number;
  /** The longest stall (ms) of the page's own work meanwhile, or null for none. */
  pageStall: number | null;
}

/** The run's answer to `oneThreadQuestion`; null until the mode's first run has finished. */
export function revealOneThread(
  answer: FreezeAnswer | null,
  run: OneThreadRun | null,
  mode: OneThreadMode,
  pollMs: number,
): string | null {
  if (!run) return null;
  const said = youSaid(oneThreadQuestion(null, mode), answer);
  const ran = formatMs(run.ranMs);
  if (run.longestStall === 0) {
    const how =
      mode === 'guest'
        ? "Each of Trio's steps ran on the Tk thread between Tk's own events, and the waiting happened in a helper thread."
        : `While the coroutine awaited, asyncio's loop kept draining Tk's events every ${formatMs(pollMs)}.`;
    const what =
      run.pageStall === null
        ? 'it kept redrawing'
        : // The window did stop, for the page's own work: say so rather than "it kept redrawing".
          'this strategy never froze it';
    const page =
      run.pageStall === null
        ? ''
        : ` (the page's own work held it up to ${formatMs(run.pageStall)})`;
    return sentence(
      `${said}${what}: in the ${ran} the task took, this page, your Tk window's stand-in, was never frozen for 50 ms or more by this strategy${page}. ${how}`,
    );
  }
  return sentence(
    `${said}it froze for up to ${formatMs(run.longestStall)}: a step of the task that does not await holds the one thread, and Tk's events wait until it ends (chunk it with await ${mode === 'guest' ? 'trio' : 'asyncio'}.sleep(0)).`,
  );
}
