/**
 * What the "Find the freeze" section says about its recording (src/tk-traces/freeze-finder.json):
 * per mistake, when the watchdog printed, what it printed and the line it named. Every figure is
 * recomputed from the recording's raw lines (freezeFinderFigures), never read from its summary.
 */
import { formatRecordedMs } from '../format/format';
import { freezeFinderFigures } from '../tk-traces/trace-figures';
import type { FreezeFinderVariant, PrintedFrame, TraceOf } from '../tk-traces/trace-types';

/** The page's own name for each recorded mistake, and where "What goes wrong" shows it. */
const MISTAKES: Record<FreezeFinderVariant, { title: string; href: string }> = {
  'blocking-call': { title: 'a blocking call in a command', href: '#mistake-blocking-call-title' },
  'wait-on-future': {
    title: 'waiting for a future inside a Tk callback',
    href: '#mistake-deadlock-title',
  },
};

/** One recorded run, as the section shows it: every value is text. */
export interface FreezeFinderRow {
  variant: FreezeFinderVariant;
  title: string;
  href: string;
  script: string;
  button: string;
  /** From the XTEST click to the watchdog's first line, formatted (`208 ms`). */
  printedAfter: string;
  /** Everything the watchdog printed, one line each, as a terminal shows it; '' when nothing. */
  printout: string;
  /** The deepest frame of the printed stack in the mistake's file: the line that blocked. */
  named: PrintedFrame | null;
  /** How long the freeze lasted, by the recorder's own 5 ms heartbeat and by the tool. */
  freeze: string;
}

/** The rows of `trace`, in the recording's order. */
export function freezeFinderRows(trace: TraceOf<'freeze-finder'>): FreezeFinderRow[] {
  const figures = freezeFinderFigures(trace);
  return trace.runs.map((run, i) => {
    const f = figures[i]!;
    const heartbeat = formatRecordedMs(f.freezeMs);
    const freeze = f.freezeEnded
      ? `The freeze lasted ${heartbeat} by the recorder’s own 5 ms heartbeat; once Tk ran again the tool printed ${formatRecordedMs(f.reportedFreezeMs)} (it counts from its last 50 ms beat, so it can read up to 50 ms long).`
      : `Tk never ran again: the recorder ended the process ${heartbeat} after the Tk thread last ran, and the tool printed nothing more. The frames under the named line are Python’s own, where future.result() waits.`;
    return {
      variant: f.variant,
      ...MISTAKES[f.variant],
      script: f.script,
      button: f.button,
      printedAfter: formatRecordedMs(f.printedAfterClickMs),
      printout: run.printed.map(([, line]) => line).join('\n'),
      named: f.named,
      freeze,
    };
  });
}
