/**
 * The page's parts take turns on the main thread. Mounting everything as it arrives put 100–350 ms
 * tasks on the very chart that says "no stall here"; handing out one turn per task keeps each
 * piece of the page's own work short, in the order the page asked for them.
 */

/**
 * Resolves in a later main-thread task, after the browser has had a chance to draw a frame: the
 * next animation frame, then a `MessageChannel` hop (never clamped to 4 ms as `setTimeout(0)` is),
 * so a frame is painted between any two turns. `scheduler.yield()` would not do: its continuations
 * run back to back ahead of rendering, and the frames between them stretch just the same. Where no
 * frame comes (a hidden tab, a frame scrolled out of its host's view) a 50 ms timer goes instead.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    let gone = false;
    const go = () => {
      if (gone) return;
      gone = true;
      clearTimeout(timer);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    };
    const timer = setTimeout(go, 50);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
  });
}

let last: Promise<unknown> = Promise.resolve();

/**
 * Resolves with `value` once it has settled, in a main-thread task of its own and after every
 * earlier caller's turn. Whatever the caller renders when it resolves (a chunk's component, a
 * source's code view) is then the only thing that task renders.
 *
 * @param value what to hand over, or a promise of it (a lazy chunk, a fetch)
 * @returns a promise of the same value; it rejects, in turn, if `value` rejects
 */
export function inTurn<T>(value: T | PromiseLike<T>): Promise<T> {
  const ready = Promise.resolve(value);
  const turn = Promise.all([ready, last])
    .then(nextTask)
    .then(() => ready);
  // A rejection is its caller's to show; it must not hold up the turns after it.
  last = turn.catch(() => undefined);
  return turn;
}
