/**
 * The recording a reader brought (two_loops_record.py's file), held for this page's lifetime. It
 * never leaves the browser: the file is read locally and nothing is sent anywhere. Every recorded
 * view reads it here to show the reader's figures beside the project's.
 */
import type { ReaderRecording, RecordingMeta, TraceId, TraceOf } from '../tk-traces/trace-types';
import type { Loaded } from './load';

export interface BroughtRecording {
  recording: ReaderRecording;
  /** The file's name as the reader's system gave it (shown as text only). */
  fileName: string;
}

export class ReaderRecordingState {
  /** The reader's recording, or null before one is accepted (and after Clear). */
  current = $state.raw<BroughtRecording | null>(null);
}

export const readerRecording = new ReaderRecordingState();

/** "CPython 3.14.0, free-threaded, GIL disabled · Tcl/Tk 9.0.1 (aqua) · macOS 15.2, …": who recorded it. */
export function machineLabel(meta: RecordingMeta): string {
  const python = `${meta.pythonImplementation} ${meta.python}${meta.freeThreadedBuild ? ', free-threaded' : ''}, ${meta.gilEnabled ? 'GIL enabled' : 'GIL disabled'}`;
  const tk = meta.tcl === meta.tk ? `Tcl/Tk ${meta.tk}` : `Tcl ${meta.tcl}, Tk ${meta.tk}`;
  return `${python} · ${tk} (${meta.windowSystem}${meta.tclThreaded ? '' : ', Tcl not threaded'}) · ${meta.machine.os}`;
}

/** One trace of the reader's recording, or a sentence saying why the recorder did not make it. */
export function readerTrace<K extends TraceId>(
  recording: ReaderRecording,
  id: K,
): Loaded<TraceOf<K>> {
  const trace = recording.traces[id] as TraceOf<K> | undefined;
  if (trace) return { ok: true, value: trace };
  const unmade = recording.scenarios.find((s) => s.trace === id && s.status !== 'recorded');
  return {
    ok: false,
    message: unmade?.note
      ? `Your recording has no ${id} runs: ${unmade.status} (${unmade.note}).`
      : `Your recording has no ${id} runs (the recorder was run without them).`,
  };
}
