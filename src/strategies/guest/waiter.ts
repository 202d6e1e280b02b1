/**
 * The helper thread's one job in guest mode, apart from its thread so tests can run it on a fake
 * clock: hold the loop's single wait, and answer it when its deadline passes or the page wakes it.
 */
import { asGuestCommand } from '../../workers/guards';
import type { GuestToPage } from '../../workers/protocol';

/** Timers and clock of the thread the waiter runs on (ms). */
export interface WaiterClock {
  later(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  /** Epoch ms, comparable across threads. */
  epoch(): number;
}

export class GuestWaiter {
  readonly #clock: WaiterClock;
  readonly #post: (message: GuestToPage) => void;
  /** The wait in progress: its number and its timer (null while waiting without a deadline). */
  #pending: { seq: number; timer: unknown } | null = null;

  constructor(clock: WaiterClock, post: (message: GuestToPage) => void) {
    this.#clock = clock;
    this.#post = post;
  }

  /** Whether a wait is in progress. */
  get waiting(): boolean {
    return this.#pending !== null;
  }

  /** One message from the page: a wait to start (replacing any other) or a wake-up. */
  receive(data: unknown): void {
    const command = asGuestCommand(data);
    if (!command) {
      this.#post({
        type: 'refused',
        message: 'The helper thread was sent a message it cannot read.',
      });
      return;
    }
    if (command.type === 'wake') {
      this.#ready(command.seq, true);
      return;
    }
    // A new wait replaces an old one: the page runs one step at a time, so only the last counts.
    if (this.#pending?.timer != null) this.#clock.clear(this.#pending.timer);
    const seq = command.seq;
    this.#pending = {
      seq,
      timer:
        command.timeoutMs >= 0
          ? this.#clock.later(() => this.#ready(seq, false), command.timeoutMs)
          : null,
    };
  }

  #ready(seq: number, woken: boolean): void {
    const pending = this.#pending;
    if (pending?.seq !== seq) return; // a wake for a wait that already ended
    if (pending.timer != null) this.#clock.clear(pending.timer);
    this.#pending = null;
    this.#post({ type: 'ready', seq, at: this.#clock.epoch(), woken });
  }
}
