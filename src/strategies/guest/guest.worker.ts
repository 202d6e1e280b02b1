/**
 * The guest-mode helper thread: it owns the one wait of the loop, as Trio's I/O thread does in
 * guest mode (`get_events(timeout)` in a thread of its own). It never runs a coroutine: when the
 * deadline passes, or the page wakes it, it posts "ready" and the page's main thread runs the step.
 */
import { asGuestCommand } from '../../workers/guards';
import type { GuestToPage } from '../../workers/protocol';

/** The wait in progress: its number and its timer (null while waiting without a deadline). */
let pending: { seq: number; timer: ReturnType<typeof setTimeout> | null } | null = null;

function post(message: GuestToPage): void {
  self.postMessage(message);
}

function ready(seq: number, woken: boolean): void {
  if (pending?.seq !== seq) return;
  if (pending.timer !== null) clearTimeout(pending.timer);
  pending = null;
  post({ type: 'ready', seq, at: performance.timeOrigin + performance.now(), woken });
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const command = asGuestCommand(event.data);
  if (!command) {
    post({ type: 'refused', message: 'The helper thread was sent a message it cannot read.' });
    return;
  }
  if (command.type === 'wake') {
    ready(command.seq, true);
    return;
  }
  // A new wait replaces an old one: the page runs one step at a time, so only the last counts.
  if (pending?.timer != null) clearTimeout(pending.timer);
  const seq = command.seq;
  pending = {
    seq,
    timer: command.timeoutMs >= 0 ? setTimeout(() => ready(seq, false), command.timeoutMs) : null,
  };
};
