/**
 * What the recorded views show of a reader's recording (held by ReaderRecordingState, in
 * ./reader-context.svelte.ts): who recorded it, and each trace of it or why it has none.
 */
import type { ReaderRecording, RecordingMeta, TraceId, TraceOf } from '../tk-traces/trace-types';
import type { Loaded } from './load';

/** "CPython 3.14.0, free-threaded, GIL disabled · Tcl/Tk 9.0.1 (aqua) · macOS 15.2, …": who recorded it. */
export function machineLabel(meta: RecordingMeta): string {
  const python = `${meta.pythonImplementation} ${meta.python}${meta.freeThreadedBuild ? ', free-threaded' : ''}, ${meta.gilEnabled ? 'GIL enabled' : 'GIL disabled'}`;
  const tk = meta.tcl === meta.tk ? `Tcl/Tk ${meta.tk}` : `Tcl ${meta.tcl}, Tk ${meta.tk}`;
  return `${python} · ${tk} (${meta.windowSystem}${meta.tclThreaded ? '' : ', Tcl not threaded'}) · ${meta.machine.os}`;
}

/** The start of every sentence that says a reader's file lacks a run a view shows. */
export const NO_RUN = 'Your recording has no run of this scenario';

/**
 * Why `recording` has no run of trace `id` (of the given variant, when one is named): skipped on
 * the reader's machine (macOS and Windows cannot make XTEST clicks), failed there, or left out of
 * the pass (--quick, --only). A sentence, shown as text.
 */
export function noRunMessage(recording: ReaderRecording, id: TraceId, variant?: string): string {
  const unmade = recording.scenarios.find(
    (s) =>
      s.trace === id &&
      s.status !== 'recorded' &&
      (variant === undefined || s.options.variant === variant),
  );
  if (unmade?.status === 'skipped')
    return `${NO_RUN}: the recorder skipped it on your machine (${unmade.note ?? 'no reason given'}).`;
  if (unmade?.status === 'failed')
    return `${NO_RUN}: it failed on your machine (${unmade.note ?? 'no output'}).`;
  return `${NO_RUN}: the recorder was run without it (--quick or --only).`;
}

/** One trace of the reader's recording, or a sentence saying why the recorder did not make it. */
export function readerTrace<K extends TraceId>(
  recording: ReaderRecording,
  id: K,
): Loaded<TraceOf<K>> {
  const trace = recording.traces[id] as TraceOf<K> | undefined;
  return trace ? { ok: true, value: trace } : { ok: false, message: noRunMessage(recording, id) };
}

/**
 * What a view derives from one trace (`of`, the same function that derives ours), taken from the
 * reader's recording; or why it cannot be: no such trace, or no run of `variant` in it (`of`
 * throws when a run it needs is missing).
 */
export function readerEvidence<K extends TraceId, E>(
  recording: ReaderRecording,
  id: K,
  of: (trace: TraceOf<K>) => E,
  variant?: string,
): Loaded<E> {
  const loaded = readerTrace(recording, id);
  if (!loaded.ok) return loaded;
  try {
    return { ok: true, value: of(loaded.value) };
  } catch {
    return { ok: false, message: noRunMessage(recording, id, variant) };
  }
}
