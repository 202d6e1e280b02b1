import type { Checked, Refusal } from './check';
import { asCheckerMessage } from './guard';
import type { CheckRequest } from './messages';
import { RULES, type Finding } from './rule-text';
import checkerUrl from './checker.worker.ts?worker&url';
import { startModuleWorker } from '../workers/start';
import { workersBlocked } from '../workers/blocked';

/** How long a check may take before the worker is stopped and the page says so (ms). */
export const CHECK_TIMEOUT_MS = 15_000;

/** What the state needs of a worker: the part of `Worker` it uses, so tests can give a fake. */
export interface WorkerLike {
  postMessage(message: CheckRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** One finding ready to show: the rule's words, and the pasted line it is on (as text). */
export interface ShownFinding extends Finding {
  code: string;
}

/**
 * The snippet checker's state: the text, the worker that parses and checks it (started on first
 * use, stopped when a check takes too long or the component goes away), and what to show.
 * Nothing is stored or sent anywhere but to that worker.
 */
export class SnippetChecker {
  text = $state('');
  checking = $state(false);
  /** The last answer, for the text as it was when checked. */
  result = $state.raw<Checked | Refusal | null>(null);
  /** A failure of the checker itself (worker refused, crashed, timed out), as a sentence. */
  problem = $state<string | null>(null);
  #checkedText = '';
  #worker: WorkerLike | null = null;
  #id = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #spawn: () => WorkerLike;

  /** @param spawn starts the worker; the default starts the app's own checker worker. */
  constructor(spawn?: () => WorkerLike) {
    this.#spawn = spawn ?? (() => startModuleWorker(checkerUrl, 'snippet checker') as WorkerLike);
  }

  /** Faults, by line, with the pasted line each is on. */
  readonly faults = $derived(this.#shown('fault'));
  /** Patterns that are not bugs but cost something (root.update() loops). */
  readonly costs = $derived(this.#shown('cost'));

  /** One sentence for the live region: what the last check found. */
  readonly summary = $derived.by(() => {
    if (this.problem) return this.problem;
    if (this.checking) return 'Checking…';
    const r = this.result;
    if (!r) return '';
    if (!r.ok) return r.message;
    if (r.notPython)
      return `This does not read as Python: ${r.errorLines.length} of its ${r.lines} lines do not parse. Nothing was checked.`;
    const parts: string[] = [];
    const n = this.faults.length;
    parts.push(
      n === 0
        ? 'Nothing we know of freezes or crashes here.'
        : `${n} finding${n === 1 ? '' : 's'}: ${[...new Set(this.faults.map((f) => RULES[f.rule].title))].join('; ')}.`,
    );
    if (this.costs.length)
      parts.push(`${this.costs.length} note${this.costs.length === 1 ? '' : 's'} on a cost.`);
    if (r.errorLines.length)
      parts.push(`${lineList(r.errorLines)} did not parse; the rest was checked.`);
    if (r.tooDeepAt !== null) parts.push(`Nesting from line ${r.tooDeepAt} is too deep to follow.`);
    return parts.join(' ');
  });

  #shown(kind: 'fault' | 'cost'): ShownFinding[] {
    const r = this.result;
    if (!r?.ok) return [];
    const lines = this.#checkedText.split('\n');
    return r.findings
      .filter((f) => RULES[f.rule].kind === kind)
      .map((f) => ({ ...f, code: (lines[f.line - 1] ?? '').trim().slice(0, 160) }));
  }

  /** Checks the current text in the worker; a newer check replaces one still running. */
  check(): void {
    this.problem = null;
    const worker = this.#ensureWorker();
    if (!worker) return;
    const id = ++this.#id;
    const text = this.text;
    this.checking = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#stopWorker();
      this.checking = false;
      this.problem = `The check took more than ${CHECK_TIMEOUT_MS / 1000} s and was stopped. Paste a shorter part and try again.`;
    }, CHECK_TIMEOUT_MS);
    this.#pendingText = text;
    worker.postMessage({ type: 'check', id, text });
  }

  #pendingText = '';

  /** Starts the worker on first use (focusing the box warms it up). Null when it cannot start. */
  warm(): void {
    this.#ensureWorker();
  }

  #ensureWorker(): WorkerLike | null {
    if (this.#worker) return this.#worker;
    try {
      const worker = this.#spawn();
      worker.onmessage = (event) => this.#receive(event.data);
      worker.onerror = (event) => {
        event.preventDefault?.();
        this.#stopWorker();
        this.checking = false;
        this.problem = `The checker stopped with an error (${event.message || 'no message'}). Press Check to start it again.`;
      };
      this.#worker = worker;
      return worker;
    } catch (error) {
      this.problem = workersBlocked(
        error,
        'the checker reads your code in a Web Worker, off the page’s main thread',
      );
      return null;
    }
  }

  #receive(data: unknown) {
    const message = asCheckerMessage(data);
    if (!message) {
      this.problem = 'The checker sent a message the page could not read; nothing is shown for it.';
      this.checking = false;
      clearTimeout(this.#timer);
      return;
    }
    if (message.id !== this.#id) return; // an older check, overtaken
    clearTimeout(this.#timer);
    this.checking = false;
    if (message.type === 'failed') {
      this.problem = `The checker failed on this text (${message.message}). That is a bug of the checker's, not of your code.`;
      return;
    }
    this.#checkedText = this.#pendingText;
    this.result = message.result;
  }

  #stopWorker() {
    this.#worker?.terminate();
    this.#worker = null;
  }

  /** Stops the worker and any timer. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#stopWorker();
  }
}

/** "Line 3", "Lines 3 and 7", "Lines 3, 7 and 9" (the first five). */
export function lineList(lines: number[]): string {
  const shown = lines.slice(0, 5);
  const more = lines.length - shown.length;
  if (shown.length === 1) return `Line ${shown[0]}`;
  const head = shown.slice(0, -1).join(', ');
  return `Lines ${head} and ${shown.at(-1)}${more > 0 ? ` (and ${more} more)` : ''}`;
}
