/**
 * The recording a reader brought (two_loops_record.py's file), shared by every recorded view on
 * the page through context: the "Your machine" section sets it, each view reads it to show the
 * reader's figures beside the project's. It never leaves the browser: the file is read locally and
 * nothing is sent anywhere. Kept apart from the figure code so that the page's first load, which
 * creates the state, carries only this class.
 */
import type { ReaderRecording } from '../tk-traces/trace-types';
import { defineContext } from '../ui/define-context';

export interface BroughtRecording {
  recording: ReaderRecording;
  /** The file's name as the reader's system gave it (shown as text only). */
  fileName: string;
}

export class ReaderRecordingState {
  /** The reader's recording, or null before one is accepted (and after Clear). */
  current = $state.raw<BroughtRecording | null>(null);
}

export const readerRecordingContext = defineContext<ReaderRecordingState>(
  'the reader’s recording (Your machine)',
);
