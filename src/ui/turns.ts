/**
 * The page's parts take turns on the main thread. Mounting everything as it arrives put 100–350 ms
 * tasks on the very chart that says "no stall here"; handing out one turn per task keeps each
 * piece of the page's own work short, in the order the page asked for them.
 */

interface YieldingScheduler {
  yield(): Promise<void>;
}

/**
 * Resolves in a later main-thread task: `scheduler.yield()` where the browser has it (the
 * continuation keeps its place ahead of other queued work), elsewhere a `MessageChannel` hop,
 * which unlike `setTimeout(0)` is never clamped to 4 ms or more.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
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
