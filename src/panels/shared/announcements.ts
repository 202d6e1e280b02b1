/** When a batch polled by `flushIfDue` is due: quiet this long (ms), or held this long (ms). */
export interface BatchPolicy {
  quietMs: number;
  maxHoldMs: number;
}

/**
 * Gathers what finished and says it once, so a burst of a hundred results is one announcement
 * for a screen reader, not a hundred. The panel decides when to speak: from its frame commit
 * (`flushIfDue`) or from a timer of its own (`flush`).
 */
export class AnnouncementBatcher<T> {
  readonly #say: (text: string) => void;
  readonly #speak: (items: readonly T[]) => string;
  readonly #policy: BatchPolicy;
  #items: T[] = [];
  #first = 0;
  #latest = 0;

  /** `speak` turns a batch (never empty) into one sentence; `say` puts it in the live region. */
  constructor(
    say: (text: string) => void,
    speak: (items: readonly T[]) => string,
    policy: BatchPolicy = { quietMs: Infinity, maxHoldMs: Infinity },
  ) {
    this.#say = say;
    this.#speak = speak;
    this.#policy = policy;
  }

  /** Adds `item`, finished at `now` (ms, any clock the panel keeps using). */
  add(item: T, now: number): void {
    if (this.#items.length === 0) this.#first = now;
    this.#items.push(item);
    this.#latest = now;
  }

  /** Says the batch now, if there is one. */
  flush(): void {
    if (this.#items.length === 0) return;
    const items = this.#items;
    this.#items = [];
    this.#say(this.#speak(items));
  }

  /** Says the batch if it has been quiet for `quietMs`, or held for `maxHoldMs`, at `now`. */
  flushIfDue(now: number): void {
    if (this.#items.length === 0) return;
    const { quietMs, maxHoldMs } = this.#policy;
    if (now - this.#latest >= quietMs || now - this.#first >= maxHoldMs) this.flush();
  }
}
