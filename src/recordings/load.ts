import type { ReaderRecording, TraceId, TraceOf } from '../tk-traces/trace-types';
import { readerTrace } from './reader-recording';

/** What a lazy step gives a component: the value, or a sentence to show instead of it. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

export type TraceFile = () => Promise<{ default: unknown }>;

/**
 * One chunk per trace, fetched only when a recording is shown: together the traces weigh several
 * times the page's own first-load budget.
 */
export const TRACE_FILES: Record<TraceId, TraceFile> = {
  blocking: () => import('../tk-traces/blocking.json'),
  polling: () => import('../tk-traces/polling.json'),
  gil: () => import('../tk-traces/gil.json'),
  dedicated: () => import('../tk-traces/dedicated.json'),
  shutdown: () => import('../tk-traces/shutdown.json'),
  'thread-call': () => import('../tk-traces/thread-call.json'),
  deadlock: () => import('../tk-traces/deadlock.json'),
  mistakes: () => import('../tk-traces/mistakes.json'),
  offered: () => import('../tk-traces/offered.json'),
  'one-thread': () => import('../tk-traces/one-thread.json'),
  'one-thread-guest': () => import('../tk-traces/one-thread-guest.json'),
  'freeze-finder': () => import('../tk-traces/freeze-finder.json'),
};

const SHOWN_PROBLEMS = 3;

function problemsOf(error: unknown): string[] {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').filter((line) => line !== '' && line !== 'invalid Tk trace:');
}

/**
 * Imports one trace and validates it. Never throws: a trace that fails validation (a hand edit, a
 * recorder from another version) becomes a message the panel shows in place of the recording.
 */
export async function readTrace<K extends TraceId>(
  id: K,
  file: TraceFile = TRACE_FILES[id],
): Promise<Loaded<TraceOf<K>>> {
  let raw: unknown;
  // The validator is not needed before the first trace arrives, so it loads alongside it.
  let checks: typeof import('../tk-traces/trace-checks');
  try {
    [checks, { default: raw }] = await Promise.all([import('../tk-traces/trace-checks'), file()]);
  } catch (error) {
    return {
      ok: false,
      message: `The Tk recording ${id}.json could not be loaded (${String(error)}).`,
    };
  }
  try {
    const trace = checks.parseTkTrace(raw);
    if (trace.trace !== id) throw new Error(`trace: expected "${id}", got "${trace.trace}"`);
    return { ok: true, value: trace as TraceOf<K> };
  } catch (error) {
    const problems = problemsOf(error);
    const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
    const more = problems.length > SHOWN_PROBLEMS ? ` (${problems.length} problems in all)` : '';
    return {
      ok: false,
      message: `The Tk recording ${id}.json failed validation and is not shown: ${shown}${more}.`,
    };
  }
}

const cache = new Map<TraceId, Promise<Loaded<unknown>>>();

/** The trace, loaded once per page however many components show it. */
export function loadTrace<K extends TraceId>(id: K): Promise<Loaded<TraceOf<K>>> {
  let pending = cache.get(id) as Promise<Loaded<TraceOf<K>>> | undefined;
  if (!pending) {
    pending = readTrace(id);
    cache.set(id, pending);
    // A failed download may succeed later (a flaky network); a failed validation will not, but
    // costs nothing to repeat.
    void pending.then((loaded) => loaded.ok || cache.delete(id));
  }
  return pending;
}

/** The trace from the reader's recording when `source` is one, else the project's own. */
export function traceFor<K extends TraceId>(
  id: K,
  source: ReaderRecording | null | undefined,
): Promise<Loaded<TraceOf<K>>> {
  return source ? Promise.resolve(readerTrace(source, id)) : loadTrace(id);
}
