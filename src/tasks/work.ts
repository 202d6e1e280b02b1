/**
 * The work a task does, shared by the main thread (Blocking) and the workers, so every strategy
 * runs exactly the same computation and only where it runs differs.
 */

/**
 * Spins until `ms` have passed. This is what `asyncio.run(sleep(D))` does to a Tk callback: the
 * coroutine is waiting, but the thread that should run Tk's event loop is inside asyncio's loop.
 */
export function holdThread(ms: number, now: () => number = () => performance.now()): void {
  const end = now() + ms;
  while (now() < end) {
    // Deliberately empty: nothing else may run on this thread until the deadline.
  }
}

/**
 * Real computation for `ms`: a hash over a growing counter, checked against the clock in slices
 * so that the clock reads do not dominate. Returns the hash so the work cannot be optimised away.
 */
export function computeFor(ms: number, now: () => number = () => performance.now()): number {
  const end = now() + ms;
  let hash = 0x811c9dc5;
  let i = 0;
  do {
    for (let j = 0; j < 2_000; j++, i++) {
      hash ^= i & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  } while (now() < end);
  return hash;
}
