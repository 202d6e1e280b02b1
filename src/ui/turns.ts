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

interface Turn {
  /** Whether the value the turn waits for has settled: only then may the turn be taken. */
  settled: boolean;
  take: () => void;
}

/**
 * Turns not yet taken, in the order asked. `soon` ones (the rest of something already on the
 * page) go before `later` ones (parts not yet begun), so a panel's controls do not wait behind
 * every chunk the page asked for at start-up.
 */
const soon: Turn[] = [];
const later: Turn[] = [];
let pumping = false;

/** Hands out one turn per main-thread task, each after a frame, until no turn is ready. */
function pump(): void {
  if (pumping) return;
  const ready = () => (soon[0]?.settled ? soon : later[0]?.settled ? later : null);
  if (!ready()) return;
  pumping = true;
  void nextTask().then(() => {
    pumping = false;
    // Chosen now, not before the wait: a `soon` turn asked for meanwhile goes first.
    ready()?.shift()?.take();
    pump();
  });
}

/**
 * Resolves with `value` once it has settled, in a main-thread task of its own and after every
 * earlier caller's turn of the same kind. Whatever the caller renders when it resolves (a chunk's
 * component, a source's code view) is then the only thing that task renders.
 *
 * @param value what to hand over, or a promise of it (a lazy chunk, a fetch)
 * @param when `later` (the default) queues behind every turn asked for so far; `soon` goes before
 *   all `later` turns, behind earlier `soon` ones: for the remaining parts of something already
 *   mounted
 * @returns a promise of the same value; it rejects, in turn, if `value` rejects
 */
export function inTurn<T>(value: T | PromiseLike<T>, when: 'soon' | 'later' = 'later'): Promise<T> {
  const ready = Promise.resolve(value);
  return new Promise<void>((take) => {
    const turn: Turn = { settled: false, take };
    (when === 'soon' ? soon : later).push(turn);
    // A rejection is its caller's to show; it takes its turn like a value, so it holds up nothing.
    const settle = () => {
      turn.settled = true;
      pump();
    };
    ready.then(settle, settle);
  }).then(() => ready);
}

/**
 * How many turns are asked for and not yet taken (settled or not): 0 once the page has mounted
 * everything it asked for. For the diagnostics the benchmarks read, to know the page has settled.
 */
export function turnsWaiting(): number {
  return soon.length + later.length;
}
