/**
 * "Predict, then run": one question a panel asks before its first Run, answered by choosing, and
 * answered back by the run itself with the figure it measured. The question and the reveal are the
 * panel's; this class only holds the reader's answer and where the exchange stands.
 */

/** One answer the reader can choose. */
export interface Choice<A extends string> {
  value: A;
  /** The answer as shown beside its radio button, and quoted back in the reveal. */
  label: string;
}

/** A panel's question, in Tk and asyncio words. */
export interface Question<A extends string> {
  /** The question itself: the legend of its group of choices. */
  text: string;
  choices: readonly Choice<A>[];
  /** What choosing an answer changes in the panel's form, said beside the choices; none if absent. */
  note?: string;
}

/** What a panel tells its prediction, as getters over its own state (read inside `$derived`). */
export interface PredictionSources<A extends string> {
  /** The question as the panel's form stands now. */
  question(): Question<A>;
  /** Whether the panel has made its first run: the question is closed from then on. */
  started(): boolean;
  /**
   * The answer the run gives, from the figures the panel measured, quoting `answer` when the reader
   * chose one; null until the run has measured it.
   */
  reveal(answer: A | null): string | null;
  /** Sets the panel up for the run the question is about; called when the reader answers. */
  answered?(answer: A): void;
}

/** Where the exchange stands: asking, waiting for the run to finish, answered by it, or skipped. */
export type PredictionStage = 'asking' | 'running' | 'revealed' | 'skipped';

export class Prediction<A extends string> {
  /** The reader's answer, or null while there is none (Run without answering also reveals). */
  answer = $state<A | null>(null);
  /** The reader chose Skip: nothing more is asked or said. */
  skipped = $state(false);
  readonly #sources: PredictionSources<A>;

  constructor(sources: PredictionSources<A>) {
    this.#sources = sources;
  }

  readonly question: Question<A> = $derived.by(() => this.#sources.question());

  /** The run's answer, quoting the reader's; null before the run measured it, or once skipped. */
  readonly reveal: string | null = $derived.by(() =>
    this.skipped ? null : this.#sources.reveal(this.answer),
  );

  readonly stage: PredictionStage = $derived.by(() => {
    if (this.skipped) return 'skipped';
    if (this.reveal !== null) return 'revealed';
    return this.#sources.started() ? 'running' : 'asking';
  });

  /**
   * The question still waits for the reader: not answered, not skipped, not run. What would give
   * its answer away (a recording's figures) stays closed meanwhile.
   */
  readonly waiting: boolean = $derived(this.stage === 'asking' && this.answer === null);

  /** Records the reader's answer; ignored once the question has closed (the run started). */
  choose(answer: A): void {
    if (this.stage !== 'asking') return;
    this.answer = answer;
    this.#sources.answered?.(answer);
  }

  skip(): void {
    this.skipped = true;
  }
}

/** "You said X; " for a reveal, with the chosen answer's label, or nothing when there is none. */
export function youSaid<A extends string>(question: Question<A>, answer: A | null): string {
  const label = question.choices.find((c) => c.value === answer)?.label;
  return label === undefined ? '' : `You said “${label}”; `;
}

/** A sentence's first letter in capitals (a reveal starts with "You said…" or without it). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The first finished run's figures, for a reveal: how long it ran (ms) and the longest stalls (ms)
 * the strategy's own code and the page's own work caused; null until a run has finished.
 */
export function firstRunFigures(
  runs: readonly { start: number; end: number }[],
  live: { longestStall: number; pageStall: number | null },
): { ranMs: number; longestStall: number; pageStall: number | null } | null {
  const first = runs.find((r) => r.end !== Infinity);
  return first
    ? { ranMs: first.end - first.start, longestStall: live.longestStall, pageStall: live.pageStall }
    : null;
}
