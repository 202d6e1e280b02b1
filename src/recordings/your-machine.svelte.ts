/**
 * The "Your machine" section's state: reads the file a reader chose or dropped, in this browser
 * only, checks it with the trace checks (readRecording), and hands an accepted recording to every
 * recorded view (reader-recording.svelte.ts). A refused file leaves the page, and any recording
 * accepted before it, as they were.
 */
import { readRecording, MAX_RECORDING_BYTES } from '../tk-traces/trace-checks';
import { TRACE_IDS, type TraceId, type TraceOf } from '../tk-traces/trace-types';
import { loadTrace } from './load';
import { headlineRows, type HeadlineRow } from './reader-figures';
import type { ReaderRecordingState } from './reader-context.svelte';
import { machineLabel } from './reader-recording';

const SHOWN_PROBLEMS = 3;

export type FileMessage = { kind: 'ok' | 'refused' | 'reading'; text: string } | null;

export class YourMachineState {
  /** What happened to the last file, said in the section's live region. */
  message = $state<FileMessage>(null);
  /** The project's traces, loaded once a reader's recording is there to compare them with. */
  ours = $state.raw<Partial<Record<TraceId, TraceOf<TraceId>>>>({});
  rows = $derived.by((): HeadlineRow[] =>
    this.reader.current ? headlineRows(this.ours, this.reader.current.recording) : [],
  );

  readonly reader: ReaderRecordingState;

  /** The rows, one group per trace, in the order of TRACE_IDS. */
  groups = $derived.by(() => {
    const groups: { trace: TraceId; rows: HeadlineRow[] }[] = [];
    for (const row of this.rows) {
      const last = groups.at(-1);
      if (last?.trace === row.trace) last.rows.push(row);
      else groups.push({ trace: row.trace, rows: [row] });
    }
    return groups;
  });

  /** `reader`: the page's shared recording (readerRecordingContext), which this section sets. */
  constructor(reader: ReaderRecordingState) {
    this.reader = reader;
  }

  /** Reads, checks and (if it passes) shows `file`. Never throws. */
  async accept(file: File): Promise<void> {
    const name = file.name.slice(0, 120);
    if (file.size > MAX_RECORDING_BYTES) {
      // Refused before reading: a huge file is not even loaded into memory.
      this.refuse(name, readRecording('', file.size));
      return;
    }
    this.message = { kind: 'reading', text: `Reading ${name}…` };
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.message = { kind: 'refused', text: `${name} could not be read (${String(error)}).` };
      return;
    }
    const reading = readRecording(text, file.size);
    if (!reading.ok) {
      this.refuse(name, reading);
      return;
    }
    this.reader.current = { recording: reading.recording, fileName: name };
    const made = reading.recording.scenarios.filter((s) => s.status === 'recorded').length;
    this.message = {
      kind: 'ok',
      text: `Your recording (${machineLabel(reading.recording.meta)}; ${made} runs) is shown beside ours in the panels’ recordings, and every run in the table below.`,
    };
    this.loadOurs();
  }

  clear(): void {
    this.reader.current = null;
    this.message = { kind: 'ok', text: 'Your recording is no longer shown. Only ours is.' };
  }

  private refuse(name: string, reading: ReturnType<typeof readRecording>): void {
    if (reading.ok) return;
    const shown = reading.problems.slice(0, SHOWN_PROBLEMS).join('; ');
    const more =
      reading.problems.length > SHOWN_PROBLEMS
        ? ` (${reading.problems.length} problems in all)`
        : '';
    const kept = this.reader.current ? ' The recording shown before stays.' : '';
    this.message = {
      kind: 'refused',
      text: `${name} was refused: ${shown}${more}. Nothing from it is shown.${kept}`,
    };
  }

  private loadOurs(): void {
    for (const id of TRACE_IDS) {
      if (this.ours[id]) continue;
      void loadTrace(id).then((loaded) => {
        if (loaded.ok) this.ours = { ...this.ours, [id]: loaded.value };
      });
    }
  }
}
