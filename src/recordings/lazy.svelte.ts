import { inTurn } from '../ui/turns';
import type { TraceId } from '../tk-traces/trace-types';
import type { Loaded } from './load';

/**
 * A promise's outcome as state a component can read, null until it settles. Used instead of
 * `{#await}`: Svelte's runtime for it would land in the page's first load even when only the lazy
 * chunks use it.
 */
export class Settled<T> {
  current = $state<T | null>(null);

  constructor(promise: Promise<T>) {
    void promise.then((value) => (this.current = value));
  }
}

/** A lazy chunk's default export, or a sentence saying it could not be fetched. */
export async function lazyDefault<T>(
  load: () => Promise<{ default: T }>,
  what: string,
): Promise<Loaded<T>> {
  try {
    return { ok: true, value: (await inTurn(load())).default };
  } catch (error) {
    return { ok: false, message: `${what} could not be loaded (${String(error)}).` };
  }
}

/**
 * A lazy view that starts fetching its traces at the same time as its own code, instead of after
 * the code has arrived and rendered once: one round trip less before the figures show.
 */
export function withTraces<T>(ids: TraceId[], load: () => Promise<T>): () => Promise<T> {
  return () => {
    void import('./load').then(({ loadTrace }) => ids.forEach((id) => void loadTrace(id)));
    return load();
  };
}

/**
 * Calls `start` once `element` comes within half a screen of the viewport, at the next idle moment:
 * a recording nobody scrolls to costs nothing, and one in view does not add its rendering to the
 * busy frames of the page's start. Returns a function that cancels whichever is pending.
 */
export function whenNearAndIdle(element: Element, start: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    start();
    return () => {};
  }
  let cancelIdle = () => {};
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(start, { timeout: 1000 });
        cancelIdle = () => cancelIdleCallback(id);
      } else {
        const id = setTimeout(start, 0);
        cancelIdle = () => clearTimeout(id);
      }
    },
    { rootMargin: '50% 0px' },
  );
  observer.observe(element);
  return () => {
    observer.disconnect();
    cancelIdle();
  };
}
