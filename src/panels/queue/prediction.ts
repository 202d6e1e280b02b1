import { formatMs } from '../../format/format';
import { sentence, youSaid, type Question } from '../shared/prediction.svelte';

export type SpinnerAnswer = 'turns' | 'stops';

/** The question for a panel whose task runs off the Tk thread: does Tk's thread keep going? */
export function spinnerQuestion(durationMs: number | null): Question<SpinnerAnswer> {
  const task = durationMs === null ? 'the task' : `the ${formatMs(durationMs)} task`;
  return {
    text: `While the worker thread runs ${task}, does the spinner standing in for your Tk thread keep turning?`,
    choices: [
      { value: 'turns', label: 'It keeps turning' },
      { value: 'stops', label: 'It stops until the task ends' },
    ],
  };
}

/** What the live figures measured over a worker strategy's first finished run. */
export interface OffThreadRun {
  /** From Run to the last answer shown (ms). */
  ranMs: number;
  /** The longest stall (ms) this strategy's own code caused on the main thread; 0 for none. */
  longestStall: number;
  /** The longest stall (ms) of the page's own work meanwhile, or null for none. */
  pageStall: number | null;
}

/**
 * The run's answer to `spinnerQuestion`, from the panel's live figures; null until its first run
 * has finished. `how` says what did the waiting instead, in the strategy's Python words.
 */
export function revealSpinner(
  answer: SpinnerAnswer | null,
  run: OffThreadRun | null,
  how: string,
): string | null {
  if (!run) return null;
  const said = youSaid(spinnerQuestion(null), answer);
  const ran = formatMs(run.ranMs);
  if (run.longestStall === 0 && run.pageStall === null)
    return sentence(
      `${said}it kept turning: in the ${ran} the run took, this strategy never froze this page, your Tk window's stand-in, for 50 ms or more. ${how}`,
    );
  if (run.longestStall === 0)
    // The spinner did stop, for the page's own work: say so rather than "it kept turning".
    return sentence(
      `${said}this strategy never stopped it: in the ${ran} the run took, it never froze this page, your Tk window's stand-in, for 50 ms or more (the page's own work held it up to ${formatMs(run.pageStall ?? 0)}). ${how}`,
    );
  return sentence(
    `${said}it stopped for up to ${formatMs(run.longestStall)}: this strategy's own code froze this page, your Tk window's stand-in, that long during the ${ran} run.`,
  );
}
