import { formatCount, formatMs } from '../../format/format';
import type { FreezeFigures } from '../../recordings/views';
import { sentence, youSaid, type Question } from '../shared/prediction.svelte';

export type BlockingAnswer = 'once' | 'twice' | 'four';

export const BLOCKING_QUESTION: Question<BlockingAnswer> = {
  text: 'You click Run, then click it three more times during the freeze. How many times does the command run?',
  choices: [
    { value: 'once', label: 'Once' },
    { value: 'twice', label: 'Twice' },
    { value: 'four', label: 'Four times' },
  ],
};

/**
 * The Blocking run's answer: how many times the command ran in the last freeze, as the panel
 * counted it (the first click's run and one per click made during the freeze), and how long that
 * freeze's first run held the main thread (ms, from the run's start to its end). Null before the
 * first run.
 */
export function revealBlocking(
  answer: BlockingAnswer | null,
  freeze: FreezeFigures | null,
  firstRunMs: number | null,
): string | null {
  if (!freeze || firstRunMs === null) return null;
  const said = youSaid(BLOCKING_QUESTION, answer);
  const clicks = freeze.runs - 1;
  if (clicks === 0)
    return sentence(
      `${said}the command ran once: no click arrived while its run held this page, your Tk window's stand-in, frozen (${formatMs(firstRunMs)}). Click Run again while the page is frozen, and each click runs after it.`,
    );
  return sentence(
    `${said}the command ran ${formatCount(freeze.runs, 'time')}: the browser kept the ${formatCount(clicks, 'click')} made during the freeze and ran the command once for each after it, as Tk does with clicks on a frozen window.`,
  );
}
