/**
 * The real-Tk recordings: their types, a validator, and the figures the app shows, computed from
 * the raw samples.
 *
 * The traces (`src/tk-traces/<trace>.json`) are written by `scripts/record-tk.mjs`, which runs the
 * Python in `python/` under Xvfb. The recorder also stores a `summary` per run, computed in Python
 * (`python/harness/summarize.py`); `summarizeRun` below computes the same figures again from the
 * raw samples, and the unit test checks that both agree, so neither can drift from the data.
 *
 * Conventions: every time is in milliseconds, rounded to 0.1 ms, on the run's own clock (0 = when
 * the run's Python process started measuring). Percentiles are nearest-rank.
 *
 * Tolerances the recorder checks (`--quick`): a blocking run holds the Tk thread for D ±10 %;
 * polling every P ms delivers with a median within [0.3P, 0.7P]; event-driven delivery has a
 * median under 5 ms; the never-stopped loop thread hangs the process.
 */

export const TRACE_IDS = [
  'blocking',
  'polling',
  'gil',
  'dedicated',
  'shutdown',
  'thread-call',
  'deadlock',
  'mistakes',
] as const;
export type TraceId = (typeof TRACE_IDS)[number];

export const STALL_THRESHOLD_MS = 8;
export const HEARTBEAT_MS = 5;

export const TOLERANCES = {
  blockingStall: 0.1,
  pollMedian: [0.3, 0.7],
  eventMedianMs: 5,
} as const;

/** How the input of a trace was made: XTEST clicks from another process, button.invoke() on the Tk thread, or none. */
export type Injection = 'xtest' | 'invoke' | 'none';

export interface TkTraceMeta {
  recordedAt: string;
  quick: boolean;
  python: string;
  pythonImplementation: string;
  /** sys.getswitchinterval(): how long a thread may keep the GIL while another waits. */
  switchIntervalMs: number;
  tcl: string;
  tk: string;
  /** tcl_platform(threaded): tkinter then hands calls from other threads to the Tk thread. */
  tclThreaded: boolean;
  machine: { os: string; cpu: string; cores: number; arch: string };
  display: string;
  injection: Injection;
  recorder: string;
}

export interface ProcessOutcome {
  /** The process did not end within timeoutMs and was killed: a hang. */
  timedOut: boolean;
  timeoutMs: number;
  exitCode: number | null;
  signal: string | null;
  /** When the process ended (or was killed), on the run's clock. */
  endedMs: number;
  /** What it printed, with repo-relative paths and object addresses removed. */
  stderr: string;
}

/** [ms when the gap began, gap ms]: heartbeat gaps above STALL_THRESHOLD_MS. */
export type Stall = [number, number];

export interface Distribution {
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export interface IdleWindow {
  windowMs: number;
  /** Strategy callbacks run on the Tk thread in the window (polls, for polling). */
  wakeups: number;
  /** Process CPU time (time.process_time) spent in the window. */
  cpuMs: number;
}

interface RunBase {
  process: ProcessOutcome;
  /** When the interpreter got past waiting for non-daemon threads (absent if it never did). */
  interpreterExitMs?: number;
}

// ---- blocking ----------------------------------------------------------------------------------

export interface BlockingSummary {
  runs: number;
  /** How long each run of the command held the Tk thread. */
  runMs: number[];
  /**
   * The queued clicks' runs follow each other into one freeze: every heartbeat stall overlapping
   * the runs, added up. (Tk may run one timer between two runs: a blink, not a recovery.)
   */
  mergedStallMs: number;
  longestStallMs: number;
  /** For each click, from the click to its command starting. */
  clickDelayMs: number[];
  repaintedBetweenRuns: boolean;
}

export interface BlockingRun extends RunBase {
  kind: 'wait' | 'cpu';
  durationMs: number;
  windowMappedMs: number | null;
  clicksSentMs: number[];
  runs: { startMs: number; endMs: number }[];
  /** For each run after the first: had Tk's idle queue (where it repaints) run since the last? */
  repaintedBetweenRuns: boolean[];
  heartbeatStalls: Stall[];
  heartbeatSpanMs: number;
  summary: BlockingSummary;
}

// ---- polling -----------------------------------------------------------------------------------

export interface PollingSummary {
  delivered: number;
  latencyMs: Distribution;
  longestStallMs: number;
  wakeupsPerS: number;
  cpuMsPerS: number;
}

export interface PollingRun extends RunBase {
  pollMs: number;
  rate: number;
  expected: number;
  windowMappedMs: number | null;
  /** Each message: put in the queue by the worker -> label updated by the Tk thread. */
  latencyMs: number[];
  heartbeatStalls: Stall[];
  heartbeatSpanMs: number;
  idle: IdleWindow;
  summary: PollingSummary;
}

// ---- GIL ---------------------------------------------------------------------------------------

export interface GilWindow {
  fromMs: number;
  toMs: number;
  /** Every heartbeat interval in the window (5 ms when nothing interferes). */
  heartbeatGapsMs: number[];
  /** XTEST click -> the probe button's command running. */
  clickDelayMs: number[];
}

export interface GilWindowSummary {
  heartbeatMs: Distribution;
  clickDelayMs: Distribution;
}

export interface GilSummary {
  idle: GilWindowSummary;
  busy: GilWindowSummary;
}

export interface GilRun extends RunBase {
  durationMs: number;
  pollMs: number;
  switchIntervalMs: number;
  clicksSent: number;
  clicksHandled: number;
  workerMs: [number, number] | null;
  idle: GilWindow;
  busy: GilWindow;
  summary: GilSummary;
}

// ---- dedicated loop ----------------------------------------------------------------------------

export interface TaskOutcome {
  label: string;
  afterMs: number;
  cleanupRan: boolean;
}

export interface DedicatedSummary {
  delivered: number;
  latencyMs: Distribution;
  handoffMs: Distribution;
  longestStallMs: number;
  wakeupsPerS: number;
  cpuMsPerS: number;
}

export interface DedicatedRun extends RunBase {
  method: 'after' | 'event';
  rate: number;
  expected: number;
  windowMappedMs: number | null;
  /** Loop thread hands a result over -> label updated on the Tk thread. */
  latencyMs: number[];
  /** How long the loop thread itself waited inside the hand-over call. */
  handoffMs: number[];
  /** A deliberate Tk-thread stall while a stream runs: how long the loop thread then waited. */
  tkStall: { stallMs: number; longestHandoffMs: number | null };
  heartbeatStalls: Stall[];
  cancel: TaskOutcome | null;
  failure: TaskOutcome | null;
  idle: IdleWindow;
  closeMs: number | null;
  loopThreadAlive: boolean;
  summary: DedicatedSummary;
}

// ---- scripts watched from outside (shutdown, deadlock, mistakes) --------------------------------

export interface Observed {
  tkCreatedMs: number | null;
  mainloopEnteredMs: number | null;
  windowMappedMs: number | null;
  mainloopReturnedMs: number | null;
  /** Every change of a Label's text: [ms, thread name, text]. */
  labelTexts: [number, string, string][];
  threadErrors: { atMs: number; thread: string | null; error: string }[];
  warnings: { atMs: number; warning: string }[];
}

export interface ShutdownSummary {
  outcome: 'hang' | 'exited';
  /** From the window closing to the process ending, or to it being killed for hanging. */
  endedAfterCloseMs: number;
}

export interface ShutdownRun extends RunBase, Observed {
  variant: 'never-stopped' | 'daemon' | 'stop-join';
  closeRequestedMs: number;
  loopRunningAfterMainloop: boolean;
  tasksPendingAfterMainloop: number;
  /** Threads other than the main one still alive when mainloop() had returned. */
  threadsAfterMainloop: { name: string; daemon: boolean }[];
  /** Whether the in-flight task's cleanup ran (known for stop-join only). */
  taskCleanupRan: boolean | null;
  summary: ShutdownSummary;
}

export interface ThreadCallSummary {
  raised: boolean;
  callMs: number;
}

export interface ThreadCallRun extends RunBase {
  variant: 'mainloop' | 'before-mainloop' | 'update-loop';
  outcome: string;
  callMs: number;
  summary: ThreadCallSummary;
}

export interface DeadlockSummary {
  deadlocked: boolean;
  detectedAfterPressMs: number | null;
}

export interface DeadlockRun extends RunBase, Observed {
  pressedMs: number | null;
  lastBeatMs: number | null;
  detectedMs: number | null;
  stuckForMs: number | null;
  /** Where each thread was waiting when the deadlock was detected. */
  stuck: { thread: string; function: string; line: string }[];
  summary: DeadlockSummary;
}

export interface MistakeSummary {
  lastLabel: string | null;
  windowAppearsAfterMs: number | null;
  threadErrors: number;
  warnings: number;
}

export interface MistakeRun extends RunBase, Observed {
  variant: 'asyncio-queue' | 'before-mainloop';
  script: string;
  summary: MistakeSummary;
}

// ---- traces ------------------------------------------------------------------------------------

interface RunByTrace {
  blocking: BlockingRun;
  polling: PollingRun;
  gil: GilRun;
  dedicated: DedicatedRun;
  shutdown: ShutdownRun;
  'thread-call': ThreadCallRun;
  deadlock: DeadlockRun;
  mistakes: MistakeRun;
}

export type SummaryOf<K extends TraceId> = RunByTrace[K]['summary'];

export interface TraceOf<K extends TraceId> {
  schema: 1;
  trace: K;
  meta: TkTraceMeta;
  runs: RunByTrace[K][];
}

export type TkTrace = { [K in TraceId]: TraceOf<K> }[TraceId];

// ---- the figures, from the raw samples --------------------------------------------------------

/** Rounds to 0.1 with the same float operations as python/harness/probe.py. */
export function round1(x: number): number {
  return Math.floor(x * 10 + 0.5) / 10;
}

/** Nearest-rank percentile; null for no samples. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const ordered = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * ordered.length));
  return ordered[rank - 1] ?? null;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length > 0 ? Math.max(...values) : null,
  };
}

function longest(stalls: readonly Stall[]): number {
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

const SUMMARIZERS: { [K in TraceId]: (run: RunByTrace[K]) => SummaryOf<K> } = {
  blocking: summarizeBlocking,
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

// ---- validation --------------------------------------------------------------------------------

type Check = (value: unknown, path: string, problems: string[]) => void;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const num: Check = (v, p, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v))
    out.push(`${p}: expected a number, got ${JSON.stringify(v)}`);
};
const nonNegative: Check = (v, p, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    out.push(`${p}: expected a number ≥ 0, got ${JSON.stringify(v)}`);
};
const int: Check = (v, p, out) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    out.push(`${p}: expected a whole number ≥ 0, got ${JSON.stringify(v)}`);
};
const str: Check = (v, p, out) => {
  if (typeof v !== 'string') out.push(`${p}: expected a string`);
};
const bool: Check = (v, p, out) => {
  if (typeof v !== 'boolean') out.push(`${p}: expected true or false`);
};
const oneOf =
  (...values: readonly (string | number)[]): Check =>
  (v, p, out) => {
    if (!values.includes(v as string | number))
      out.push(`${p}: expected one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  };
const nullable =
  (check: Check): Check =>
  (v, p, out) => {
    if (v !== null) check(v, p, out);
  };
const arrayOf =
  (check: Check): Check =>
  (v, p, out) => {
    if (!Array.isArray(v)) out.push(`${p}: expected an array`);
    else v.forEach((item, i) => check(item, `${p}[${i}]`, out));
  };
const tuple =
  (...checks: Check[]): Check =>
  (v, p, out) => {
    if (!Array.isArray(v) || v.length !== checks.length)
      out.push(`${p}: expected [${checks.length} items]`);
    else checks.forEach((check, i) => check(v[i], `${p}[${i}]`, out));
  };
/** An object with exactly these keys; keys listed in `optional` may be absent. */
const shape =
  (fields: Record<string, Check>, optional: readonly string[] = []): Check =>
  (v, p, out) => {
    if (!isRecord(v)) {
      out.push(`${p}: expected an object`);
      return;
    }
    for (const [key, check] of Object.entries(fields)) {
      if (key in v) check(v[key], `${p}.${key}`, out);
      else if (!optional.includes(key)) out.push(`${p}.${key}: missing`);
    }
    for (const key of Object.keys(v))
      if (!(key in fields)) out.push(`${p}.${key}: unexpected field`);
  };

const stall = tuple(num, nonNegative);
const dist = shape({ n: int, p50: nullable(num), p95: nullable(num), max: nullable(num) });
const idleWindow = shape({ windowMs: nonNegative, wakeups: int, cpuMs: nonNegative });
const taskOutcome = shape({ label: str, afterMs: nonNegative, cleanupRan: bool });

const meta = shape({
  recordedAt: str,
  quick: bool,
  python: str,
  pythonImplementation: str,
  switchIntervalMs: nonNegative,
  tcl: str,
  tk: str,
  tclThreaded: bool,
  machine: shape({ os: str, cpu: str, cores: int, arch: str }),
  display: str,
  injection: oneOf('xtest', 'invoke', 'none'),
  recorder: str,
});

const base = {
  process: shape({
    timedOut: bool,
    timeoutMs: nonNegative,
    exitCode: nullable(num),
    signal: nullable(str),
    endedMs: num,
    stderr: str,
  }),
  interpreterExitMs: num,
};
const baseOptional = ['interpreterExitMs'];

const observed = {
  tkCreatedMs: nullable(num),
  mainloopEnteredMs: nullable(num),
  windowMappedMs: nullable(num),
  mainloopReturnedMs: nullable(num),
  labelTexts: arrayOf(tuple(num, str, str)),
  threadErrors: arrayOf(shape({ atMs: num, thread: nullable(str), error: str })),
  warnings: arrayOf(shape({ atMs: num, warning: str })),
};

const gilWindow = shape({
  fromMs: num,
  toMs: num,
  heartbeatGapsMs: arrayOf(nonNegative),
  clickDelayMs: arrayOf(num),
});
const gilWindowSummary = shape({ heartbeatMs: dist, clickDelayMs: dist });

const RUN_CHECKS: Record<TraceId, Check> = {
  blocking: shape(
    {
      ...base,
      kind: oneOf('wait', 'cpu'),
      durationMs: nonNegative,
      windowMappedMs: nullable(nonNegative),
      clicksSentMs: arrayOf(num),
      runs: arrayOf(shape({ startMs: num, endMs: num })),
      repaintedBetweenRuns: arrayOf(bool),
      heartbeatStalls: arrayOf(stall),
      heartbeatSpanMs: nonNegative,
      summary: shape({
        runs: int,
        runMs: arrayOf(num),
        mergedStallMs: nonNegative,
        longestStallMs: nonNegative,
        clickDelayMs: arrayOf(num),
        repaintedBetweenRuns: bool,
      }),
    },
    baseOptional,
  ),
  polling: shape(
    {
      ...base,
      pollMs: nonNegative,
      rate: nonNegative,
      expected: int,
      windowMappedMs: nullable(nonNegative),
      latencyMs: arrayOf(nonNegative),
      heartbeatStalls: arrayOf(stall),
      heartbeatSpanMs: nonNegative,
      idle: idleWindow,
      summary: shape({
        delivered: int,
        latencyMs: dist,
        longestStallMs: nonNegative,
        wakeupsPerS: nonNegative,
        cpuMsPerS: nonNegative,
      }),
    },
    baseOptional,
  ),
  gil: shape(
    {
      ...base,
      durationMs: nonNegative,
      pollMs: nonNegative,
      switchIntervalMs: nonNegative,
      clicksSent: int,
      clicksHandled: int,
      workerMs: nullable(tuple(num, num)),
      idle: gilWindow,
      busy: gilWindow,
      summary: shape({ idle: gilWindowSummary, busy: gilWindowSummary }),
    },
    baseOptional,
  ),
  dedicated: shape(
    {
      ...base,
      method: oneOf('after', 'event'),
      rate: nonNegative,
      expected: int,
      windowMappedMs: nullable(nonNegative),
      latencyMs: arrayOf(nonNegative),
      handoffMs: arrayOf(nonNegative),
      tkStall: shape({ stallMs: nonNegative, longestHandoffMs: nullable(nonNegative) }),
      heartbeatStalls: arrayOf(stall),
      cancel: nullable(taskOutcome),
      failure: nullable(taskOutcome),
      idle: idleWindow,
      closeMs: nullable(nonNegative),
      loopThreadAlive: bool,
      summary: shape({
        delivered: int,
        latencyMs: dist,
        handoffMs: dist,
        longestStallMs: nonNegative,
        wakeupsPerS: nonNegative,
        cpuMsPerS: nonNegative,
      }),
    },
    baseOptional,
  ),
  shutdown: shape(
    {
      ...base,
      ...observed,
      variant: oneOf('never-stopped', 'daemon', 'stop-join'),
      closeRequestedMs: num,
      loopRunningAfterMainloop: bool,
      tasksPendingAfterMainloop: int,
      threadsAfterMainloop: arrayOf(shape({ name: str, daemon: bool })),
      taskCleanupRan: nullable(bool),
      summary: shape({ outcome: oneOf('hang', 'exited'), endedAfterCloseMs: num }),
    },
    baseOptional,
  ),
  'thread-call': shape(
    {
      ...base,
      variant: oneOf('mainloop', 'before-mainloop', 'update-loop'),
      outcome: str,
      callMs: nonNegative,
      summary: shape({ raised: bool, callMs: nonNegative }),
    },
    baseOptional,
  ),
  deadlock: shape(
    {
      ...base,
      ...observed,
      pressedMs: nullable(num),
      lastBeatMs: nullable(num),
      detectedMs: nullable(num),
      stuckForMs: nullable(nonNegative),
      stuck: arrayOf(shape({ thread: str, function: str, line: str })),
      summary: shape({ deadlocked: bool, detectedAfterPressMs: nullable(num) }),
    },
    baseOptional,
  ),
  mistakes: shape(
    {
      ...base,
      ...observed,
      variant: oneOf('asyncio-queue', 'before-mainloop'),
      script: str,
      summary: shape({
        lastLabel: nullable(str),
        windowAppearsAfterMs: nullable(num),
        threadErrors: int,
        warnings: int,
      }),
    },
    baseOptional,
  ),
};

/** Everything wrong with `x` as a trace; an empty list means it is a valid TkTrace. */
export function validateTkTrace(x: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(x)) return ['trace: expected an object'];
  if (x.schema !== 1) problems.push(`schema: expected 1, got ${JSON.stringify(x.schema)}`);
  const id = x.trace;
  if (typeof id !== 'string' || !(TRACE_IDS as readonly string[]).includes(id)) {
    problems.push(`trace: expected one of ${TRACE_IDS.join(', ')}, got ${JSON.stringify(id)}`);
    return problems;
  }
  meta(x.meta, 'meta', problems);
  const runs = x.runs;
  if (!Array.isArray(runs) || runs.length === 0) problems.push('runs: expected a non-empty array');
  else runs.forEach((run, i) => RUN_CHECKS[id as TraceId](run, `runs[${i}]`, problems));
  for (const key of Object.keys(x)) {
    if (!['schema', 'trace', 'meta', 'runs'].includes(key))
      problems.push(`${key}: unexpected field`);
  }
  return problems;
}

export function isTkTrace(x: unknown): x is TkTrace {
  return validateTkTrace(x).length === 0;
}

/** The trace, typed, or an error listing every problem. */
export function parseTkTrace(x: unknown): TkTrace {
  const problems = validateTkTrace(x);
  if (problems.length > 0) throw new Error(`invalid Tk trace:\n${problems.join('\n')}`);
  return x as TkTrace;
}
