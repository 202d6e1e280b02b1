/**
 * Readers' recordings as two_loops_record.py would write them on machines this project cannot run:
 * macOS (Aqua, clicks by event_generate, the one-thread and guest-mode clicks skipped), Windows (win32, no
 * signals: an abort is exit status 3), Tk 9 and a free-threaded 3.14t (GIL disabled). Each is
 * built from the committed Linux traces, relabelled and reshaped where that platform differs: the
 * shapes are what matters here, not the numbers, which are ours.
 */
import { readFileSync } from 'node:fs';
import { runClicked } from '../../src/tk-traces/trace-checks';
import {
  RECORDING_FORMAT,
  RECORDING_SCHEMA,
  TRACE_IDS,
  type ReaderRecording,
  type RecordedScenario,
  type RecordingMeta,
  type TkTrace,
} from '../../src/tk-traces/trace-types';

const SCENARIO_OF: Record<string, string> = {
  'one-thread-guest': 'one_thread_guest',
  blocking: 'blocking_stall',
  polling: 'polling_latency',
  gil: 'gil_contention',
  dedicated: 'dedicated_delivery',
  shutdown: 'shutdown',
  'thread-call': 'thread_call',
  deadlock: 'deadlock',
  mistakes: 'mistakes',
  offered: 'offered',
  'one-thread': 'one_thread',
  'freeze-finder': 'freeze_finder_watch',
};

/** Our committed traces, gathered into one file as the recorder writes it on Linux/X11. */
export function linuxRecording(): ReaderRecording {
  const traces = Object.fromEntries(
    TRACE_IDS.map((id) => [
      id,
      JSON.parse(readFileSync(`src/tk-traces/${id}.json`, 'utf8')) as TkTrace,
    ]),
  ) as ReaderRecording['traces'];
  const { injection: _injection, ...meta } = traces.blocking!.meta;
  const scenarios: RecordedScenario[] = TRACE_IDS.flatMap((id) =>
    traces[id]!.runs.map((run) => ({
      trace: id,
      scenario: SCENARIO_OF[id]!,
      options: 'variant' in run ? { variant: run.variant } : {},
      status: 'recorded' as const,
      // A clicked run's input is its trace's; the one-thread runs without clicks make none
      // (python/harness/record.py RUNS).
      input:
        runClicked(id, run) || !id.startsWith('one-thread') ? traces[id]!.meta.injection : 'none',
      note: null,
    })),
  );
  return {
    format: RECORDING_FORMAT,
    schema: RECORDING_SCHEMA,
    meta: { ...meta, recorder: 'two_loops_record.py' },
    scenarios,
    traces,
  };
}

function relabel(recording: ReaderRecording, meta: Partial<RecordingMeta>): ReaderRecording {
  const copy = structuredClone(recording);
  copy.meta = { ...copy.meta, ...meta };
  for (const trace of Object.values(copy.traces))
    trace.meta = { ...trace.meta, ...copy.meta, injection: trace.meta.injection };
  return copy;
}

/**
 * Where XTEST is missing: blocking and gil click with event_generate; the one-thread clicks and the
 * guest-mode clicks are skipped (record.py plan()), and those traces keep their runs without input.
 */
function withoutXTest(recording: ReaderRecording): ReaderRecording {
  const copy = structuredClone(recording);
  const note =
    'clicks while asyncio drives Tk need XTEST (X11 with libXtst): there mainloop() never runs, so tkinter refuses event_generate() from another thread';
  for (const id of ['blocking', 'gil'] as const) copy.traces[id]!.meta.injection = 'event_generate';
  const oneThread = copy.traces['one-thread']!;
  oneThread.runs = oneThread.runs.filter((run) => !runClicked('one-thread', run));
  oneThread.meta.injection = 'none';
  const guest = copy.traces['one-thread-guest']!;
  guest.runs = guest.runs.filter((run) => !runClicked('one-thread-guest', run));
  guest.meta.injection = 'none';
  copy.scenarios = copy.scenarios.map((s) => {
    if (s.trace === 'blocking' || s.trace === 'gil') return { ...s, input: 'event_generate' };
    if (
      (s.trace === 'one-thread' && ['clicks', 'chunked'].includes(String(s.options.variant))) ||
      (s.trace === 'one-thread-guest' && s.options.variant === 'clicks')
    )
      return { ...s, status: 'skipped', input: null, note };
    return s;
  });
  return copy;
}

export function macOSRecording(): ReaderRecording {
  return withoutXTest(
    relabel(linuxRecording(), {
      python: '3.13.1',
      tcl: '8.6.15',
      tk: '8.6.15',
      windowSystem: 'aqua',
      machine: { os: 'macOS 15.2, Darwin 24.2.0', cpu: 'Apple M2', cores: 8, arch: 'arm64' },
      display: 'Aqua (macOS)',
    }),
  );
}

export function windowsRecording(): ReaderRecording {
  const recording = withoutXTest(
    relabel(linuxRecording(), {
      python: '3.13.1',
      tcl: '8.6.15',
      tk: '8.6.15',
      windowSystem: 'win32',
      machine: {
        os: 'Windows 11 (10.0.26100)',
        cpu: 'Intel64 Family 6 Model 154 Stepping 3, GenuineIntel',
        cores: 12,
        arch: 'AMD64',
      },
      display: 'Windows desktop',
    }),
  );
  // No signals on Windows: a hang is ended by TerminateProcess, and Tcl's abort() exits with 3.
  for (const trace of Object.values(recording.traces))
    for (const run of trace.runs) {
      if (run.process.timedOut) run.process.signal = 'TerminateProcess';
      else if (run.process.signal === 'SIGABRT') {
        run.process.signal = null;
        run.process.exitCode = 3;
      }
    }
  for (const run of recording.traces.offered!.runs)
    if (run.summary.outcome === 'aborted') {
      run.summary.outcome = 'exited';
      run.summary.exitCode = 3;
    }
  return recording;
}

export function tk9Recording(): ReaderRecording {
  return relabel(linuxRecording(), {
    python: '3.13.1',
    tcl: '9.0.1',
    tk: '9.0.1',
    machine: {
      os: 'Fedora Linux 42, Linux 6.14.0',
      cpu: 'AMD Ryzen 7 7840U',
      cores: 16,
      arch: 'x86_64',
    },
    display: 'X11 (XWayland)',
  });
}

export function freeThreadedRecording(): ReaderRecording {
  return relabel(linuxRecording(), {
    python: '3.14.0',
    gilEnabled: false,
    freeThreadedBuild: true,
    machine: {
      os: 'Ubuntu 24.04, Linux 6.8.0',
      cpu: 'Intel Core i7-1260P',
      cores: 16,
      arch: 'x86_64',
    },
    display: 'X11',
  });
}

/** Each platform's fixture, by the name the page labels it with. */
export const PLATFORM_FIXTURES = {
  'macOS (Aqua)': macOSRecording,
  Windows: windowsRecording,
  'Tk 9': tk9Recording,
  'free-threaded 3.14t': freeThreadedRecording,
} as const;

/**
 * macOS with a Tcl built without threads: no helper thread may call Tk, so blocking and gil (which
 * click with event_generate from helper threads there) are skipped along with the one-thread
 * clicks (record.py plan()).
 */
export function unthreadedMacOSRecording(): ReaderRecording {
  const copy = macOSRecording();
  copy.meta.tclThreaded = false;
  for (const trace of Object.values(copy.traces)) trace.meta.tclThreaded = false;
  delete copy.traces.blocking;
  delete copy.traces.gil;
  copy.scenarios = copy.scenarios.map((s) =>
    s.trace === 'blocking' || s.trace === 'gil'
      ? {
          ...s,
          status: 'skipped',
          input: null,
          note: 'clicks from a helper thread need a threaded Tcl',
        }
      : s,
  );
  return copy;
}
