import { writeClipboard } from './links';

/** One Copy button's outcome, read by its component: a confirmation, or text to copy by hand. */
export class Copier {
  message = $state('');
  /** Set when the clipboard refused: the component shows it in a field, selected. */
  manual = $state<string | null>(null);

  readonly #done: string;

  constructor(done: string) {
    this.#done = done;
  }

  async copy(text: string): Promise<'copied' | 'manual'> {
    // Cleared first so that a second "Link copied" is announced again, not swallowed as unchanged.
    this.message = '';
    if (await writeClipboard(text)) {
      this.manual = null;
      this.message = this.#done;
      return 'copied';
    }
    this.manual = text;
    this.message = 'Copying is not allowed here: the text is selected, press Ctrl+C (⌘C on a Mac).';
    return 'manual';
  }

  refuse(why: string): void {
    this.manual = null;
    this.message = why;
  }
}
