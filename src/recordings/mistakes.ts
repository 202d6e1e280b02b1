/**
 * The evidence for each mistake in "What goes wrong", taken from the recorded traces with the trace
 * traces' own figure functions. Only selection and wording happen here.
 */
import { blockingFigures, shutdownFigures, summarizeRun } from '../tk-traces/trace-figures';
import { type TraceOf } from '../tk-traces/trace-types';

type RunOf<K extends Parameters<typeof summarizeRun>[0]> = TraceOf<K>['runs'][number];

/** What a script printed, or null when it printed nothing at all. */
function printed(stderr: string): string | null {
  return stderr.trim() === '' ? null : stderr;
}

/** asyncio.run() in a command: the wait task of about 1 s, the one the Blocking panel opens with. */
export function blockingEvidence(trace: TraceOf<'blocking'>) {
  const all = blockingFigures(trace);
  const waits = all.filter((row) => row.kind === 'wait');
  const row =
    waits.find((w) => w.durationMs === 1000) ?? waits[0] ?? (all[0] as (typeof all)[number]);
  const run = trace.runs[all.indexOf(row)] as RunOf<'blocking'>;
  return {
    meta: trace.meta,
    durationMs: row.durationMs,
    runs: row.runs,
    clicksDuring: row.clickDelayMs.length - 1,
    mergedStallMs: row.mergedStallMs,
    lastClickMs: Math.max(...row.clickDelayMs),
    repainted: row.repaintedBetweenRuns,
    printed: printed(run.process.stderr),
  };
}

function mistakeRun(trace: TraceOf<'mistakes'>, variant: RunOf<'mistakes'>['variant']) {
  const run = trace.runs.find((r) => r.variant === variant);
  if (!run) throw new Error(`mistakes.json has no ${variant} run`);
  return { run, summary: summarizeRun('mistakes', run) };
}

/** An asyncio.Queue between a thread and a coroutine, its coroutine methods never awaited. */
export function asyncioQueueEvidence(trace: TraceOf<'mistakes'>) {
  const { run, summary } = mistakeRun(trace, 'asyncio-queue');
  const shown = run.labelTexts.at(-1);
  return {
    meta: trace.meta,
    script: run.script,
    label: summary.lastLabel,
    labelThread: shown?.[1] ?? null,
    threadErrors: run.threadErrors,
    warnings: run.warnings,
    printed: printed(run.process.stderr),
  };
}

/** asyncio.run() before mainloop(): how long the window takes to appear at all. */
export function beforeMainloopEvidence(trace: TraceOf<'mistakes'>) {
  const { run, summary } = mistakeRun(trace, 'before-mainloop');
  return {
    meta: trace.meta,
    script: run.script,
    windowAppearsAfterMs: summary.windowAppearsAfterMs,
    label: summary.lastLabel,
    printed: printed(run.process.stderr),
  };
}

const THREAD_CALL_STATES = {
  mainloop: 'the Tk thread is in mainloop()',
  'before-mainloop': 'the Tk thread is still busy before mainloop()',
  'update-loop': 'the Tk thread runs its own loop of root.update() calls',
} as const;

/** A widget call from another thread, with the Tk thread in each state. */
export function threadCallEvidence(trace: TraceOf<'thread-call'>) {
  return {
    meta: trace.meta,
    rows: trace.runs.map((run) => ({
      variant: run.variant,
      state: THREAD_CALL_STATES[run.variant],
      outcome: run.outcome,
      ...summarizeRun('thread-call', run),
    })),
  };
}

/** A loop thread nobody stops, and the future of a failing task that nobody reads. */
export function neverStoppedEvidence(trace: TraceOf<'shutdown'>) {
  const rows = shutdownFigures(trace).map((figures, i) => {
    const run = trace.runs[i] as RunOf<'shutdown'>;
    return {
      ...figures,
      timeoutMs: run.process.timeoutMs,
      pending: run.tasksPendingAfterMainloop,
      cleanupRan: run.taskCleanupRan,
    };
  });
  const mistake = trace.runs.find((r) => r.variant === 'never-stopped');
  if (!mistake) throw new Error('shutdown.json has no never-stopped run');
  return {
    meta: trace.meta,
    rows,
    /** The failing task's label: it never changes, whatever happened to the task. */
    labels: [...new Set(mistake.labelTexts.map(([, , text]) => text))],
    printed: printed(mistake.process.stderr),
  };
}

/** future.result() on the Tk thread for a coroutine that needs the Tk thread. */
export function deadlockEvidence(trace: TraceOf<'deadlock'>) {
  const run = trace.runs[0];
  if (!run) throw new Error('deadlock.json has no run');
  return {
    meta: trace.meta,
    ...summarizeRun('deadlock', run),
    stuck: run.stuck,
    printed: printed(run.process.stderr),
  };
}
