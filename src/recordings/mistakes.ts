/**
 * The evidence for each mistake in "What goes wrong", taken from the recorded traces with the trace
 * traces' own figure functions. Only selection and wording happen here.
 */
import { blockingFigures, round1, shutdownFigures, summarizeRun } from '../tk-traces/trace-figures';
import { type ThreadCallRun, type TraceOf } from '../tk-traces/trace-types';
import { formatRecordedMs, formatSeconds } from '../format/format';

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

const THREAD_CALL_STATES: Record<ThreadCallRun['variant'], string> = {
  mainloop: 'the Tk thread is in mainloop()',
  'before-mainloop': 'the Tk thread is still busy before mainloop()',
  'update-loop': 'the Tk thread runs its own loop of root.update() calls',
  'after-close': 'the window has closed and mainloop() has returned',
};

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

// ---- the offered files: each mistake as shown, beside its fix (offered.json) -------------------

type OfferedRun = RunOf<'offered'>;
type OfferedVariant = OfferedRun['variant'];

function offeredRun(trace: TraceOf<'offered'>, variant: OfferedVariant, form: OfferedRun['form']) {
  const run = trace.runs.find((r) => r.variant === variant && r.form === form);
  if (!run) throw new Error(`offered.json has no ${variant} ${form} run`);
  return run;
}

/** One recorded file: how its process ended, what it printed, what Tk went through. */
function offeredFigures(run: OfferedRun) {
  return {
    script: run.script,
    signal: run.process.signal,
    /** Everything it wrote to stderr, tracebacks included (null for nothing). */
    output: printed(run.process.stderr),
    ...summarizeRun('offered', run),
  };
}

export type OfferedFigures = ReturnType<typeof offeredFigures>;

/** A time after the close: milliseconds while short, seconds once it is over a second. */
function afterClose(ms: number | null): string {
  if (ms === null) return '';
  return ` ${ms < 1000 ? formatRecordedMs(ms) : formatSeconds(ms)} after the window closed`;
}

/** How a recorded file's process ended, as a phrase: "exited cleanly 1.8 s after the window closed". */
export function endedPhrase(f: OfferedFigures): string {
  const after = afterClose(f.endedAfterCloseMs);
  switch (f.outcome) {
    case 'exited':
      return f.exitCode === 0
        ? `exited cleanly${after}`
        : `exited with status ${String(f.exitCode)}${after}`;
    case 'aborted':
      return `aborted with ${f.signal ?? 'a signal'}${after}`;
    case 'killed':
      return `was killed by ${f.signal ?? 'a signal'}${after}`;
    case 'hang':
      return `never ended; the recorder killed it${after}`;
  }
}

/** A mistake's run and its fix's run, recorded with the same steps. */
function mistakeAndFix(trace: TraceOf<'offered'>, variant: OfferedVariant) {
  return {
    meta: trace.meta,
    mistake: offeredFigures(offeredRun(trace, variant, 'mistake')),
    fix: offeredFigures(offeredRun(trace, variant, 'fix')),
  };
}

/** The first Tk call a worker thread made, and how long after the window closed (if it had). */
function firstTkCallFromThread(run: OfferedRun) {
  const call = run.tkCallsFromThreads[0];
  if (!call) return null;
  const [atMs, thread, method, tookMs, outcome] = call;
  const closedMs = run.steps.find(([, step]) => step === 'close')?.[0];
  return {
    thread,
    method,
    tookMs,
    outcome,
    raised: outcome !== 'ok',
    afterCloseMs: closedMs === undefined || closedMs > atMs ? null : round1(atMs - closedMs),
  };
}

/** When each button was pressed, in order: [ms, button]. */
function presses(run: OfferedRun): [number, string][] {
  return run.steps
    .filter(([, step]) => step.startsWith('press '))
    .map(([ms, step]) => [ms, step.slice('press '.length)]);
}

/**
 * The window closed while a worker holding the app still runs: the faulty form aborts, the fixed
 * file, the Queue strategy's own file and the recommended program exit.
 */
export function closeWhileRunningEvidence(trace: TraceOf<'offered'>) {
  return {
    ...mistakeAndFix(trace, 'close-while-running'),
    strategy: offeredFigures(offeredRun(trace, 'close-while-running', 'strategy')),
    recommended: offeredFigures(offeredRun(trace, 'close-while-running', 'recommended')),
  };
}

/** time.sleep() and a synchronous HTTP request in a command, then the same calls in a thread. */
export function blockingCallEvidence(trace: TraceOf<'offered'>) {
  const both = mistakeAndFix(trace, 'blocking-call');
  return {
    ...both,
    buttons: presses(offeredRun(trace, 'blocking-call', 'mistake')).map(([, button]) => button),
  };
}

/** A loop made once, run from a new thread per click: the second click's thread dies. */
export function loopPerClickEvidence(trace: TraceOf<'offered'>) {
  const run = offeredRun(trace, 'loop-per-click', 'mistake');
  const [first, second] = presses(run);
  return {
    ...mistakeAndFix(trace, 'loop-per-click'),
    secondClickAfterMs: first && second ? round1(second[0] - first[0]) : null,
    error: run.threadErrors[0] ?? null,
    warnings: run.warnings.map((w) => w.warning),
  };
}

/** A connection cached by the first worker's asyncio.run() loop, used from the second's. */
export function clientFirstLoopEvidence(trace: TraceOf<'offered'>) {
  const run = offeredRun(trace, 'client-first-loop', 'mistake');
  const both = mistakeAndFix(trace, 'client-first-loop');
  return {
    ...both,
    labels: run.labelTexts.map(([, , text]) => text),
    error: both.mistake.printed[0] ?? null,
  };
}

/** root.after(0, …) from a worker once the window has closed. */
export function afterCloseEvidence(trace: TraceOf<'offered'>) {
  return {
    ...mistakeAndFix(trace, 'after-close'),
    call: firstTkCallFromThread(offeredRun(trace, 'after-close', 'mistake')),
  };
}

/** A widget's configure() from a worker while the Tk thread is still starting up. */
export function widgetFromThreadEvidence(trace: TraceOf<'offered'>) {
  const run = offeredRun(trace, 'widget-from-thread', 'mistake');
  return {
    ...mistakeAndFix(trace, 'widget-from-thread'),
    call: firstTkCallFromThread(run),
    /** When mainloop() began: the Tk thread was elsewhere until then. */
    mainloopAfterMs: run.mainloopEnteredMs,
  };
}
