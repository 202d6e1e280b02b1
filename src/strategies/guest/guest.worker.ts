/**
 * The guest-mode helper thread: it owns the one wait of the loop, as Trio's I/O thread does in
 * guest mode (`get_events(timeout)` in a thread of its own). It never runs a coroutine: when the
 * deadline passes, or the page wakes it, it posts "ready" and the page's main thread runs the step.
 */
import type { GuestToPage } from '../../workers/protocol';
import { GuestWaiter } from './waiter';

const waiter = new GuestWaiter(
  {
    later: (fn, ms) => setTimeout(fn, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    epoch: () => performance.timeOrigin + performance.now(),
  },
  (message: GuestToPage) => self.postMessage(message),
);

self.onmessage = (event: MessageEvent<unknown>) => waiter.receive(event.data);
