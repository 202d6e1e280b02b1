/**
 * Gathers what one turn of an event loop sends to another thread and hands it over as a single
 * postMessage once the turn's code and its microtasks have run.
 *
 * Why: a postMessage wakes the receiving thread and costs it a task of its own, whatever the
 * message holds. A turn that settles a hundred tasks would otherwise wake the page a hundred
 * times; gathered, it wakes it once, and the order of the messages is kept.
 */
export class Outbox<M> {
  #messages: M[] = [];
  #transfer: Transferable[] = [];
  #holding = false;
  readonly #send: (messages: M[], transfer: Transferable[]) => void;

  constructor(send: (messages: M[], transfer: Transferable[]) => void) {
    this.#send = send;
  }

  post(message: M, transfer?: readonly Transferable[]): void {
    if (this.#messages.length === 0 && !this.#holding) queueMicrotask(this.flush);
    this.#messages.push(message);
    if (transfer) for (const item of transfer) this.#transfer.push(item);
  }

  /**
   * Runs `work` (a message handler, say) and sends what it posted as soon as it returns, without
   * waiting for a microtask. What its promises post later in the turn goes in a post of its own.
   */
  holding(work: () => void): void {
    this.#holding = true;
    try {
      work();
    } finally {
      this.#holding = false;
      this.flush();
    }
  }

  /** Sends what is waiting now; the scheduled flush then finds nothing. */
  readonly flush = (): void => {
    if (this.#messages.length === 0) return;
    const messages = this.#messages;
    const transfer = this.#transfer;
    this.#messages = [];
    this.#transfer = [];
    this.#send(messages, transfer);
  };

  /** Forgets what is waiting: for a receiver that has gone. */
  discard(): void {
    this.#messages = [];
    this.#transfer = [];
  }
}
