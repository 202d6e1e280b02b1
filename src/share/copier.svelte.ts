import { writeClipboard } from './links';

/**
 * How long (ms) a confirmation such as "Link copied" stays: long enough to be read and announced,
 * short enough that it is gone before it could be taken for the outcome of a later click.
 */
export const CONFIRMATION_MS = 4_000;

/** One Copy button's outcome, read by its component: a confirmation, or text to copy by hand. */
export class Copier {
  message = $state('');
  /** Set when the clipboard refused: the component shows it in a field, selected. */
  manual = $state<string | null>(null);

  readonly #done: string;
  #clear: ReturnType<typeof setTimeout> | undefined;

  constructor(done: string) {
    this.#done = done;
  }

  /** Copies `text`; resolves to 'manual' when the clipboard refused and the reader must copy it. */
  async copy(text: string): Promise<'copied' | 'manual'> {
    // Cleared first so that a second "Link copied" is announced again, not swallowed as unchanged.
    this.#say('');
    if (await writeClipboard(text)) {
      // A confirmation is true when it is made, not a minute later: it clears itself.
      this.confirm(this.#done);
      return 'copied';
    }
    this.manual = text;
    // Stays as long as the selected field it describes.
    this.#say('Copying is not allowed here: the text is selected, press Ctrl+C (⌘C on a Mac).');
    return 'manual';
  }

  /** Shows `text` as a confirmation that clears itself after CONFIRMATION_MS, like a copy's. */
  confirm(text: string): void {
    this.manual = null;
    this.#say('');
    this.#say(text);
    this.#clear = setTimeout(() => this.#say(''), CONFIRMATION_MS);
  }

  refuse(why: string): void {
    this.manual = null;
    this.#say(why);
  }

  #say(text: string): void {
    clearTimeout(this.#clear);
    this.#clear = undefined;
    this.message = text;
  }
}
