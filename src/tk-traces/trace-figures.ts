/**
 * The figures the app shows from the real-Tk recordings, recomputed from each run's raw samples
 * (never read from the `summary` the recorder stores; the unit tests check that both agree).
 */
import { nearestRank } from '../instrument/percentile';
import type {
  BlockingRun,
  FreezeFinderRun,
  FreezeFinderSummary,
  PrintedFrame,
  BlockingSummary,
  GilWindow,
  GilWindowSummary,
  IdleWindow,
  OfferedRun,
  OfferedSummary,
  OneThreadRun,
  OneThreadSummary,
  GuestRun,
  GuestSummary,
  RecordedDistribution,
  RecordedStall,
  RunByTrace,
  SummaryOf,
  TraceId,
  TraceOf,
} from './trace-types';

/** Rounds to 0.1 with the same float operations as python/harness/probe.py. */
export function round1(x: number): number {
  return Math.floor(x * 10 + 0.5) / 10;
}

/** The recorder's distribution of `values` (ms): nearest-rank p50 and p95, and the maximum. */
export function distribution(values: readonly number[]): RecordedDistribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: values.length,
    p50: nearestRank(sorted, 0.5) ?? null,
    p95: nearestRank(sorted, 0.95) ?? null,
    max: sorted.at(-1) ?? null,
  };
}

function longest(stalls: readonly RecordedStall[]): number {
  return stalls.reduce((m, [, gap]) => Math.max(m, gap), 0);
}

function perSecond(count: number, windowMs: number): number {
  return round1((count * 1000) / windowMs);
}

function idleRates(window: IdleWindow): { wakeupsPerS: number; cpuMsPerS: number } {
  return {
    wakeupsPerS: perSecond(window.wakeups, window.windowMs),
    cpuMsPerS: perSecond(window.cpuMs, window.windowMs),
  };
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : round1(a - b);
}

function summarizeBlocking(run: BlockingRun): BlockingSummary {
  const clicks = run.clicksSentMs.slice(0, run.runs.length);
  const first = run.runs[0]?.startMs ?? 0;
  const last = run.runs.at(-1)?.endMs ?? 0;
  const overlapping = run.heartbeatStalls.filter(([at, gap]) => at < last && at + gap > first);
  return {
    runs: run.runs.length,
    runMs: run.runs.map((r) => round1(r.endMs - r.startMs)),
    mergedStallMs: round1(overlapping.reduce((sum, [, gap]) => sum + gap, 0)),
    longestStallMs: longest(run.heartbeatStalls),
    clickDelayMs: clicks.map((sent, i) => round1((run.runs[i]?.startMs ?? NaN) - sent)),
    repaintedBetweenRuns: run.repaintedBetweenRuns.some(Boolean),
  };
}

function summarizeGilWindow(window: GilWindow): GilWindowSummary {
  return {
    heartbeatMs: distribution(window.heartbeatGapsMs),
    clickDelayMs: distribution(window.clickDelayMs),
  };
}

/** The stderr lines that name an error (python/harness/summarize.py PRINTED_ERROR). */
const PRINTED_ERROR = /^(?:\w+\.)*\w+(?:Error|Exception|Warning): |^Tcl_\w+: /;

/** An offered file's run: how the process ended, what it printed, how long Tk stalled. */
function summarizeOffered(run: OfferedRun): OfferedSummary {
  const p = run.process;
  // The recorder kills a hang with a signal of its own; SIGABRT is the process aborting itself.
  const outcome = p.timedOut
    ? 'hang'
    : p.signal === 'SIGABRT'
      ? 'aborted'
      : p.signal
        ? 'killed'
        : 'exited';
  const closedMs = run.steps.find(([, step]) => step === 'close')?.[0];
  const calls = run.tkCallsFromThreads;
  return {
    outcome,
    exitCode: p.exitCode,
    printed: p.stderr.split('\n').filter((line) => PRINTED_ERROR.test(line)),
    lastLabel: run.labelTexts.at(-1)?.[2] ?? null,
    longestStallMs: longest(run.heartbeatStalls),
    threadErrors: run.threadErrors.length,
    tkCallsFromThreads: calls.length,
    slowestTkCallFromThreadMs: calls.length > 0 ? Math.max(...calls.map((c) => c[3])) : null,
    endedAfterCloseMs: closedMs === undefined ? null : round1(p.endedMs - closedMs),
  };
}

/** summarize.py's longest_gap: the longest tick interval overlapping the dialog's span (ms). */
function longestGap(ticks: readonly number[], span: [number, number] | null): number | null {
  if (span === null || ticks.length === 0) return null;
  const [opened, closed] = span;
  let longestSeen: number | null = null;
  for (let i = 1; i < ticks.length; i++) {
    const a = ticks[i - 1] as number;
    const b = ticks[i] as number;
    if (b >= opened && a <= closed) longestSeen = Math.max(longestSeen ?? -Infinity, round1(b - a));
  }
  return longestSeen ?? round1(closed - opened);
}

function summarizeOneThread(run: OneThreadRun): OneThreadSummary {
  return {
    ...(run.idle ? idleRates(run.idle) : { wakeupsPerS: null, cpuMsPerS: null }),
    latencyMs: distribution(run.latencyMs),
    longestStallMs: longest(run.heartbeatStalls),
    asyncioLongestGapMs: longestGap(run.asyncioTicksMs, run.dialogOpenMs),
    tkLongestGapMs: longestGap(run.tkTicksMs, run.dialogOpenMs),
    deliveryLongestGapMs: longestGap(run.deliveriesMs, run.dialogOpenMs),
  };
}

/** One thread: the recorded figures by variant, P ascending where several P were recorded. */
export function oneThreadFigures(trace: TraceOf<'one-thread'>) {
  return trace.runs
    .map((run) => ({ ...run, figures: summarizeOneThread(run) }))
    .sort((a, b) => (a.pollMs ?? 0) - (b.pollMs ?? 0));
}

function summarizeGuest(run: GuestRun): GuestSummary {
  return {
    ...(run.idle ? idleRates(run.idle) : { wakeupsPerS: null, cpuMsPerS: null }),
    latencyMs: distribution(run.latencyMs),
    taskLatencyMs: distribution(run.taskLatencyMs),
    longestStallMs: longest(run.heartbeatStalls),
    trioLongestGapMs:
      run.trioTicksMs.length > 0 ? longestGap(run.trioTicksMs, run.dialogOpenMs) : null,
    tkLongestGapMs: run.tkTicksMs.length > 0 ? longestGap(run.tkTicksMs, run.dialogOpenMs) : null,
    stepsPerS: run.chain ? perSecond(run.chain.steps, run.chain.windowMs) : null,
  };
}

/** Guest mode: the recorded figures by variant, each run with its summary recomputed. */
export function guestFigures(trace: TraceOf<'one-thread-guest'>) {
  return trace.runs.map((run) => ({ ...run, figures: summarizeGuest(run) }));
}

/** A frame line of a printed stack (python/harness/summarize.py FRAME). */
const FRAME = /^ {2}File "(.+)", line (\d+), in (.+)$/;
const FROZEN = 'freeze finder: the Tk thread has not run for ';
const RAN_AGAIN = 'freeze finder: the Tk thread ran again after ';

function printedMs(line: string | undefined, pattern: RegExp): number | null {
  const match = line === undefined ? null : pattern.exec(line);
  return match ? Number(match[1]) : null;
}

/** The freeze finder's printout, read: the stack it printed and the mistake's line it names. */
function summarizeFreezeFinder(run: FreezeFinderRun): FreezeFinderSummary {
  const lines = run.printed.map(([, line]) => line);
  const first = lines.findIndex((line) => line.startsWith(FROZEN));
  const stack: string[] = [];
  if (first >= 0)
    for (const line of lines.slice(first + 1)) {
      if (line.startsWith('freeze finder: ')) break;
      stack.push(line);
    }
  let named: PrintedFrame | null = null;
  stack.forEach((line, i) => {
    const frame = FRAME.exec(line);
    if (!frame || frame[1] !== run.script) return;
    const following = stack[i + 1] ?? '';
    named = {
      file: frame[1],
      line: Number(frame[2]),
      function: frame[3] ?? '',
      text: FRAME.test(following) ? '' : following.trim(),
    };
  });
  const ended = run.frozenAtEndMs === null;
  return {
    printedAfterClickMs:
      first >= 0 ? difference(run.printed[first]?.[0] ?? null, run.clickSentMs) : null,
    reportedLateMs: printedMs(first >= 0 ? lines[first] : undefined, / for (\d+) ms/),
    stack,
    named,
    freezeEnded: ended,
    freezeMs: run.frozenAtEndMs ?? longest(run.heartbeatStalls),
    reportedFreezeMs: printedMs(
      lines.find((line) => line.startsWith(RAN_AGAIN)),
      / after (\d+) ms/,
    ),
  };
}

/** The freeze finder: per mistake, what the watchdog printed and the line it named. */
export function freezeFinderFigures(trace: TraceOf<'freeze-finder'>) {
  return trace.runs.map((run) => ({
    variant: run.variant,
    script: run.script,
    button: run.button,
    thresholdMs: run.thresholdMs,
    ...summarizeFreezeFinder(run),
  }));
}

const SUMMARIZERS: { [K in TraceId]: (run: RunByTrace[K]) => SummaryOf<K> } = {
  blocking: summarizeBlocking,
  'one-thread': summarizeOneThread,
  'one-thread-guest': summarizeGuest,
  polling: (run) => ({
    delivered: run.latencyMs.length,
    latencyMs: distribution(run.latencyMs),
    longestStallMs: longest(run.heartbeatStalls),
    ...idleRates(run.idle),
  }),
  gil: (run) => ({ idle: summarizeGilWindow(run.idle), busy: summarizeGilWindow(run.busy) }),
  dedicated: (run) => ({
    delivered: run.latencyMs.length,
    latencyMs: distribution(run.latencyMs),
    handoffMs: distribution(run.handoffMs),
    longestStallMs: longest(run.heartbeatStalls),
    ...idleRates(run.idle),
  }),
  shutdown: (run) => ({
    outcome: run.process.timedOut ? 'hang' : 'exited',
    endedAfterCloseMs: round1(run.process.endedMs - run.closeRequestedMs),
  }),
  'thread-call': (run) => ({ raised: run.outcome !== 'ok', callMs: run.callMs }),
  deadlock: (run) => ({
    deadlocked: run.detectedMs !== null,
    detectedAfterPressMs: difference(run.detectedMs, run.pressedMs),
  }),
  mistakes: (run) => ({
    lastLabel: run.labelTexts.at(-1)?.[2] ?? null,
    windowAppearsAfterMs: difference(run.windowMappedMs, run.tkCreatedMs),
    threadErrors: run.threadErrors.length,
    warnings: run.warnings.length,
  }),
  offered: summarizeOffered,
  'freeze-finder': summarizeFreezeFinder,
};

/** The figures of one run, recomputed from its raw samples (never read from `summary`). */
export function summarizeRun<K extends TraceId>(trace: K, run: RunByTrace[K]): SummaryOf<K> {
  return SUMMARIZERS[trace](run);
}

/** Every run's figures, recomputed, in the order of `trace.runs`. */
export function summarizeTrace<K extends TraceId>(trace: TraceOf<K>): SummaryOf<K>[] {
  return trace.runs.map((run) => summarizeRun(trace.trace, run));
}

// ---- what the panels show ---------------------------------------------------------------------

/** Blocking: per task kind and D, what the runs did to the Tk thread. */
export function blockingFigures(trace: TraceOf<'blocking'>) {
  return trace.runs.map((run) => ({
    kind: run.kind,
    durationMs: run.durationMs,
    ...summarizeBlocking(run),
  }));
}

/** Queue + polling: per poll interval P, delivery latency and the cost of waking up while idle. */
export function pollingFigures(trace: TraceOf<'polling'>) {
  return trace.runs
    .map((run) => ({ pollMs: run.pollMs, ...SUMMARIZERS.polling(run) }))
    .sort((a, b) => a.pollMs - b.pollMs);
}

/** GIL: the Tk heartbeat and click delay while idle and while a worker thread computes. */
export function gilFigures(trace: TraceOf<'gil'>) {
  return trace.runs.map((run) => ({
    switchIntervalMs: run.switchIntervalMs,
    durationMs: run.durationMs,
    ...SUMMARIZERS.gil(run),
  }));
}

/** Dedicated loop: delivery latency by hand-over method, and what a Tk stall does to the loop. */
export function dedicatedFigures(trace: TraceOf<'dedicated'>) {
  return trace.runs.map((run) => ({
    method: run.method,
    ...SUMMARIZERS.dedicated(run),
    loopWaitDuringTkStallMs: run.tkStall.longestHandoffMs,
    tkStallMs: run.tkStall.stallMs,
    cancel: run.cancel,
    failure: run.failure,
    closeMs: run.closeMs,
  }));
}

/** Shutdown: for each way of closing, whether the process ended and how long after the close. */
export function shutdownFigures(trace: TraceOf<'shutdown'>) {
  return trace.runs.map((run) => ({ variant: run.variant, ...SUMMARIZERS.shutdown(run) }));
}
