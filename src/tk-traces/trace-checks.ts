/**
 * The checks that validate a recording against trace-types.ts: every problem in a file, each as
 * "path: what was expected", for the committed traces and for any file a reader brings.
 *
 * Each check carries the type it checks (`Check<T>`), and each object's check is written as
 * `shape<Interface>({...})`, which must name every field of the interface, and only those, each with
 * a check of the field's exact type. So a check cannot drift from its interface: a field added,
 * removed or retyped on one side fails the type check until the other side follows.
 */
import {
  INJECTIONS,
  RECORDING_FORMAT,
  RECORDING_SCHEMA,
  TRACE_IDS,
  type ReaderRecording,
  type RecordedScenario,
  type RecordingMeta,
  type GilWindow,
  type GilWindowSummary,
  type IdleWindow,
  type ProcessOutcome,
  type RecordedDistribution,
  type RecordedStall,
  type RunByTrace,
  type TaskOutcome,
  type TkTrace,
  type TkTraceMeta,
  type TraceId,
  type BlockingRun,
  type PollingRun,
  type GilRun,
  type DedicatedRun,
  type ShutdownRun,
  type ThreadCallRun,
  type DeadlockRun,
  type MistakeRun,
  type OfferedRun,
  type OfferedSummary,
  type OneThreadRun,
  type GuestRun,
  type Injection,
  type TkCallFromThread,
  type FreezeFinderRun,
  type FreezeFinderVariant,
  type PrintedFrame,
  type TraceOf,
} from './trace-types';
import { summarizeRun } from './trace-figures';

/** A check of any type: adds one line per problem with `value` at `path` to `problems`. */
type RawCheck = (value: unknown, path: string, problems: string[]) => void;

/**
 * A check that `value` is a `T`. The two phantom members are never set; they only make `Check<A>`
 * and `Check<B>` incompatible unless A and B are the same type.
 */
export interface Check<T> extends RawCheck {
  /** Set on checks of fields that may be absent. */
  readonly optional?: boolean;
  readonly __in?: (value: T) => void;
  readonly __out?: T;
}

/** The check of each field of `T`, optional fields included (their checks are `optional(…)`). */
type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

const check = <T>(fn: RawCheck): Check<T> => fn;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const num = check<number>((v, p, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v))
    out.push(`${p}: expected a number, got ${JSON.stringify(v)}`);
});
const nonNegative = check<number>((v, p, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    out.push(`${p}: expected a number ≥ 0, got ${JSON.stringify(v)}`);
});
const int = check<number>((v, p, out) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    out.push(`${p}: expected a whole number ≥ 0, got ${JSON.stringify(v)}`);
});
const str = check<string>((v, p, out) => {
  if (typeof v !== 'string') out.push(`${p}: expected a string`);
});
const bool = check<boolean>((v, p, out) => {
  if (typeof v !== 'boolean') out.push(`${p}: expected true or false`);
});

function oneOf<const V extends readonly (string | number)[]>(...values: V): Check<V[number]> {
  return check((v, p, out) => {
    if (!values.includes(v as string | number))
      out.push(`${p}: expected one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  });
}

function nullable<T>(inner: Check<T>): Check<T | null> {
  return check((v, p, out) => {
    if (v !== null) inner(v, p, out);
  });
}

/** A field that may be absent; when present it must pass `inner`. */
function optional<T>(inner: Check<T>): Check<T | undefined> {
  return Object.assign(
    check<T | undefined>((v, p, out) => inner(v, p, out)),
    { optional: true },
  );
}

function arrayOf<T>(item: Check<T>): Check<T[]> {
  return check((v, p, out) => {
    if (!Array.isArray(v)) out.push(`${p}: expected an array`);
    else v.forEach((value, i) => item(value, `${p}[${i}]`, out));
  });
}

function tuple<T extends unknown[]>(...items: { [I in keyof T]: Check<T[I]> }): Check<T> {
  return check((v, p, out) => {
    if (!Array.isArray(v) || v.length !== items.length)
      out.push(`${p}: expected [${items.length} items]`);
    else items.forEach((item: RawCheck, i) => item(v[i], `${p}[${i}]`, out));
  });
}

/** An object with exactly the fields of `T`; fields checked by `optional(…)` may be absent. */
function shape<T>(fields: Fields<T>): Check<T> {
  const entries: [string, Check<unknown>][] = Object.entries(fields);
  return check((v, p, out) => {
    if (!isRecord(v)) {
      out.push(`${p}: expected an object`);
      return;
    }
    // Own properties only: "constructor" or "toString" in a file is an unexpected field, not a
    // name every object inherits.
    for (const [key, field] of entries) {
      if (Object.hasOwn(v, key)) field(v[key], `${p}.${key}`, out);
      else if (!field.optional) out.push(`${p}.${key}: missing`);
    }
    for (const key of Object.keys(v))
      if (!Object.hasOwn(fields, key)) out.push(`${p}.${key}: unexpected field`);
  });
}

const stall: Check<RecordedStall> = tuple(num, nonNegative);
const dist = shape<RecordedDistribution>({
  n: int,
  p50: nullable(num),
  p95: nullable(num),
  max: nullable(num),
});
const idleWindow = shape<IdleWindow>({ windowMs: nonNegative, wakeups: int, cpuMs: nonNegative });
const taskOutcome = shape<TaskOutcome>({ label: str, afterMs: nonNegative, cleanupRan: bool });

const machineFacts = {
  recordedAt: str,
  quick: bool,
  python: str,
  pythonImplementation: str,
  switchIntervalMs: nonNegative,
  gilEnabled: bool,
  freeThreadedBuild: bool,
  tcl: str,
  tk: str,
  tclThreaded: bool,
  windowSystem: str,
  machine: shape({ os: str, cpu: str, cores: int, arch: str }),
  display: str,
  recorder: str,
};
const meta = shape<TkTraceMeta>({ ...machineFacts, injection: oneOf(...INJECTIONS) });

const base = {
  process: shape<ProcessOutcome>({
    timedOut: bool,
    timeoutMs: nonNegative,
    exitCode: nullable(num),
    signal: nullable(str),
    endedMs: num,
    stderr: str,
  }),
  interpreterExitMs: optional(num),
};

const observed = {
  tkCreatedMs: nullable(num),
  mainloopEnteredMs: nullable(num),
  windowMappedMs: nullable(num),
  mainloopReturnedMs: nullable(num),
  labelTexts: arrayOf(tuple(num, str, str)),
  threadErrors: arrayOf(shape({ atMs: num, thread: nullable(str), error: str })),
  warnings: arrayOf(shape({ atMs: num, warning: str })),
};

const gilWindow = shape<GilWindow>({
  fromMs: num,
  toMs: num,
  heartbeatGapsMs: arrayOf(nonNegative),
  clickDelayMs: arrayOf(num),
});
const gilWindowSummary = shape<GilWindowSummary>({ heartbeatMs: dist, clickDelayMs: dist });

const printedFrame = shape<PrintedFrame>({ file: str, line: int, function: str, text: str });

const tkCallFromThread: Check<TkCallFromThread> = tuple(num, str, str, nonNegative, str);
const offeredSummary = shape<OfferedSummary>({
  outcome: oneOf('hang', 'aborted', 'killed', 'exited'),
  exitCode: nullable(num),
  printed: arrayOf(str),
  lastLabel: nullable(str),
  longestStallMs: nonNegative,
  threadErrors: int,
  tkCallsFromThreads: int,
  slowestTkCallFromThreadMs: nullable(nonNegative),
  endedAfterCloseMs: nullable(num),
});

/** One check per trace's run type: a field added to a run's interface fails the type check here. */
const RUN_CHECKS: { [K in TraceId]: Check<RunByTrace[K]> } = {
  blocking: shape<BlockingRun>({
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
  }),
  polling: shape<PollingRun>({
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
  }),
  gil: shape<GilRun>({
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
  }),
  dedicated: shape<DedicatedRun>({
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
  }),
  shutdown: shape<ShutdownRun>({
    ...base,
    ...observed,
    variant: oneOf('never-stopped', 'daemon', 'stop-join'),
    closeRequestedMs: num,
    loopRunningAfterMainloop: bool,
    tasksPendingAfterMainloop: int,
    threadsAfterMainloop: arrayOf(shape({ name: str, daemon: bool })),
    taskCleanupRan: nullable(bool),
    summary: shape({ outcome: oneOf('hang', 'exited'), endedAfterCloseMs: num }),
  }),
  'thread-call': shape<ThreadCallRun>({
    ...base,
    variant: oneOf('mainloop', 'before-mainloop', 'update-loop', 'after-close'),
    outcome: str,
    callMs: nonNegative,
    summary: shape({ raised: bool, callMs: nonNegative }),
  }),
  deadlock: shape<DeadlockRun>({
    ...base,
    ...observed,
    pressedMs: nullable(num),
    lastBeatMs: nullable(num),
    detectedMs: nullable(num),
    stuckForMs: nullable(nonNegative),
    stuck: arrayOf(shape({ thread: str, function: str, line: str })),
    summary: shape({ deadlocked: bool, detectedAfterPressMs: nullable(num) }),
  }),
  mistakes: shape<MistakeRun>({
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
  }),
  offered: shape<OfferedRun>({
    ...base,
    ...observed,
    variant: oneOf(
      'close-while-running',
      'blocking-call',
      'loop-per-click',
      'client-first-loop',
      'after-close',
      'widget-from-thread',
      'recommended',
      'recommended-cancel',
      'recommended-error',
    ),
    form: oneOf('mistake', 'fix', 'strategy', 'recommended'),
    script: str,
    expect: str,
    steps: arrayOf(tuple(num, str)),
    tkCallsFromThreads: arrayOf(tkCallFromThread),
    heartbeatStalls: arrayOf(stall),
    heartbeatSpanMs: nonNegative,
    threadsAfterMainloop: arrayOf(shape({ name: str, daemon: bool })),
    threadsAliveAtEnd: nullable(int),
    summary: offeredSummary,
  }),
  'one-thread': shape<OneThreadRun>({
    ...base,
    variant: oneOf(
      'idle',
      'mainloop-idle',
      'clicks',
      'compute',
      'chunked',
      'dialog',
      'dedicated-dialog',
    ),
    pollMs: nullable(nonNegative),
    durationMs: nullable(nonNegative),
    chunkMs: nullable(nonNegative),
    dialogMs: nullable(nonNegative),
    idle: nullable(idleWindow),
    latencyMs: arrayOf(nonNegative),
    heartbeatStalls: arrayOf(stall),
    dialogOpenMs: nullable(tuple(num, num)),
    asyncioTicksMs: arrayOf(num),
    tkTicksMs: arrayOf(num),
    deliveriesMs: arrayOf(num),
    summary: shape({
      wakeupsPerS: nullable(nonNegative),
      cpuMsPerS: nullable(nonNegative),
      latencyMs: dist,
      longestStallMs: nonNegative,
      asyncioLongestGapMs: nullable(nonNegative),
      tkLongestGapMs: nullable(nonNegative),
      deliveryLongestGapMs: nullable(nonNegative),
    }),
  }),
  'one-thread-guest': shape<GuestRun>({
    ...base,
    variant: oneOf('idle', 'clicks', 'sleeps', 'chain', 'chain-trio-run', 'compute', 'dialog'),
    interpreter: str,
    trio: str,
    durationMs: nullable(nonNegative),
    dialogMs: nullable(nonNegative),
    idle: nullable(idleWindow),
    latencyMs: arrayOf(nonNegative),
    taskLatencyMs: arrayOf(nonNegative),
    heartbeatStalls: arrayOf(stall),
    dialogOpenMs: nullable(tuple(num, num)),
    trioTicksMs: arrayOf(num),
    tkTicksMs: arrayOf(num),
    chain: nullable(shape({ steps: int, windowMs: nonNegative })),
    summary: shape({
      wakeupsPerS: nullable(nonNegative),
      cpuMsPerS: nullable(nonNegative),
      latencyMs: dist,
      taskLatencyMs: dist,
      longestStallMs: nonNegative,
      trioLongestGapMs: nullable(nonNegative),
      tkLongestGapMs: nullable(nonNegative),
      stepsPerS: nullable(nonNegative),
    }),
  }),
  'freeze-finder': shape<FreezeFinderRun>({
    ...base,
    variant: oneOf('blocking-call', 'wait-on-future'),
    script: str,
    button: str,
    thresholdMs: nonNegative,
    clickSentMs: nullable(num),
    heartbeatStalls: arrayOf(stall),
    frozenAtEndMs: nullable(nonNegative),
    printed: arrayOf(tuple(num, str)),
    summary: shape({
      printedAfterClickMs: nullable(num),
      reportedLateMs: nullable(nonNegative),
      stack: arrayOf(str),
      named: nullable(printedFrame),
      freezeEnded: bool,
      freezeMs: nonNegative,
      reportedFreezeMs: nullable(nonNegative),
    }),
  }),
};

// ---- what the freeze finder's recording must show ---------------------------------------------

/** The call on the Tk thread that each freeze-finder variant's mistake file blocks in. */
export const FREEZE_FINDER_BLOCKING_CALL: Record<FreezeFinderVariant, string> = {
  'blocking-call': 'time.sleep(1)',
  'wait-on-future': 'future.result()',
};

/** The 1-based number of the line in `source` that makes `call` and is marked `# MISTAKE`. */
export function blockingLine(source: string, call: string): number | null {
  const index = source.split('\n').findIndex((l) => l.includes(call) && l.includes('# MISTAKE'));
  return index < 0 ? null : index + 1;
}

/**
 * Everything the freeze-finder recording gets wrong about its mistakes: each run's printout,
 * read again from the raw lines (not the stored summary), must name the mistake file's blocking
 * line (file, line number and source text, as `source(script)` gives the file now), and must have
 * been printed while the Tk thread was frozen. `source` returns a file's text by repository path,
 * or undefined when it has none. An empty list means the recording shows what the page says.
 */
export function freezeFinderProblems(
  trace: TraceOf<'freeze-finder'>,
  source: (script: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  trace.runs.forEach((run, i) => {
    const p = `runs[${i}] (${run.variant})`;
    const s = summarizeRun('freeze-finder', run);
    const text = source(run.script);
    if (text === undefined) {
      problems.push(`${p}: no file ${run.script} to compare with`);
      return;
    }
    const expected = blockingLine(text, FREEZE_FINDER_BLOCKING_CALL[run.variant]);
    if (expected === null)
      problems.push(
        `${p}: ${run.script} has no line marked # MISTAKE that calls ${FREEZE_FINDER_BLOCKING_CALL[run.variant]}`,
      );
    const named = s.named;
    if (!named) {
      problems.push(`${p}: the printed stack names no line of ${run.script}`);
      return;
    }
    if (named.line !== expected)
      problems.push(
        `${p}: the printed stack names line ${named.line}, the blocking call is line ${String(expected)}`,
      );
    const actual = text.split('\n')[named.line - 1]?.trim();
    if (named.text !== actual)
      problems.push(
        `${p}: line ${named.line} printed as ${JSON.stringify(named.text)}, the file has ${JSON.stringify(actual)}`,
      );
    if (s.reportedLateMs === null || s.reportedLateMs < run.thresholdMs)
      problems.push(
        `${p}: reported ${String(s.reportedLateMs)} ms late, under its ${run.thresholdMs} ms threshold`,
      );
    if (s.printedAfterClickMs === null || s.printedAfterClickMs >= s.freezeMs)
      problems.push(
        `${p}: printed ${String(s.printedAfterClickMs)} ms after the click, not within the ${s.freezeMs} ms freeze`,
      );
    if (s.freezeEnded !== (s.reportedFreezeMs !== null))
      problems.push(
        `${p}: the freeze ${s.freezeEnded ? 'ended' : 'never ended'}, and the tool ${s.reportedFreezeMs === null ? 'never said it ended' : 'said it ended'}`,
      );
    if (
      s.reportedFreezeMs !== null &&
      (s.reportedFreezeMs < 0.9 * s.freezeMs || s.reportedFreezeMs > 1.5 * s.freezeMs)
    )
      problems.push(
        `${p}: the tool said ${s.reportedFreezeMs} ms, the heartbeat measured ${s.freezeMs} ms`,
      );
  });
  return problems;
}

// ---- input: what the meta says against what the runs did ---------------------------------------

/** The input methods that click (a click made while the Tk thread may be busy). */
const CLICKING: readonly Injection[] = ['xtest', 'event_generate'];

/**
 * Whether a run of trace `id` was clicked: blocking, gil and the freeze finder's always are; the one-thread clicks and
 * chunked runs and the guest-mode clicks run are; nothing else is (python/harness/record.py's
 * RUNS say the same with each entry's injection).
 */
export function runClicked(id: TraceId, run: unknown): boolean {
  if (id === 'blocking' || id === 'gil' || id === 'freeze-finder') return true;
  const variant = isRecord(run) ? run.variant : undefined;
  if (id === 'one-thread') return variant === 'clicks' || variant === 'chunked';
  if (id === 'one-thread-guest') return variant === 'clicks';
  return false;
}

/**
 * A trace's `meta.injection` must say how its clicks were made when any run was clicked, and must
 * not claim clicks when none was: the recorder once wrote "none" for guest mode, whose clicks run
 * used XTEST, because most of its runs make no input.
 */
function injectionAgrees(id: TraceId, injection: unknown, runs: unknown[], out: string[]): void {
  const clicked = runs.findIndex((run) => runClicked(id, run));
  const says = CLICKING.includes(injection as Injection);
  if (clicked >= 0 && !says) {
    const variant = (runs[clicked] as { variant?: unknown }).variant;
    out.push(
      `meta.injection: ${JSON.stringify(injection)}, but runs[${clicked}]${typeof variant === 'string' ? ` (${variant})` : ''} was clicked: expected ${CLICKING.join(' or ')}`,
    );
  } else if (clicked < 0 && says)
    out.push(
      `meta.injection: ${JSON.stringify(injection)}, but no run was clicked: expected invoke or none`,
    );
}

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
  else {
    const check: RawCheck = RUN_CHECKS[id as TraceId];
    runs.forEach((run, i) => check(run, `runs[${i}]`, problems));
    if (isRecord(x.meta)) injectionAgrees(id as TraceId, x.meta.injection, runs, problems);
  }
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

// ---- a reader's recording ----------------------------------------------------------------------

/** The largest recording file read (bytes): a full recording is about 300 kB. */
export const MAX_RECORDING_BYTES = 4_000_000;
/** No time, count or rate in a recording comes near this: a run lasts seconds, not hours. */
export const MAX_ABS_NUMBER = 10_000_000;
/** Longer than anything the recorder writes (it trims what a run printed to 2 000 characters). */
export const MAX_STRING_LENGTH = 10_000;
const MAX_DEPTH = 16;
const MAX_PROBLEMS = 50;

/**
 * HTML that a file has no reason to carry. The page renders every string from a file as text, so
 * this is refusal, not defence: a file with markup in it was made by hand, not by the recorder.
 * Python's own angle brackets pass (`<module>`, `<coroutine object …>`, `<stdlib>`); `object` is
 * left out for `<object object at 0x…>`.
 */
const MARKUP =
  /<\s*\/?\s*(?:script|style|iframe|frame|img|svg|math|embed|link|meta|base|a|form|input|button|textarea|select|video|audio|source|body|html|head|template|details|div|span|p|table|marquee)(?=[\s/>])|javascript:/i;

/** Problems anywhere in a parsed file: absurd numbers, strings too long or with markup, too deep. */
function scan(v: unknown, p: string, out: string[], depth = 0): void {
  if (out.length >= MAX_PROBLEMS) return;
  if (depth > MAX_DEPTH) out.push(`${p}: nested deeper than ${MAX_DEPTH} levels`);
  else if (typeof v === 'number') {
    if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS_NUMBER)
      out.push(`${p}: absurd number ${String(v)} (beyond ±${MAX_ABS_NUMBER})`);
  } else if (typeof v === 'string') {
    if (v.length > MAX_STRING_LENGTH)
      out.push(`${p}: a string of ${v.length} characters (at most ${MAX_STRING_LENGTH})`);
    else if (MARKUP.test(v)) out.push(`${p}: contains markup, which a recording never has`);
  } else if (Array.isArray(v)) v.forEach((item, i) => scan(item, `${p}[${i}]`, out, depth + 1));
  else if (isRecord(v))
    for (const [key, item] of Object.entries(v)) scan(item, `${p}.${key}`, out, depth + 1);
}

const recordingMeta = shape<RecordingMeta>(machineFacts);
const options = check<Record<string, unknown>>((v, p, out) => {
  if (!isRecord(v)) out.push(`${p}: expected an object`);
});
const scenario = shape<RecordedScenario>({
  trace: oneOf(...TRACE_IDS),
  scenario: str,
  options,
  status: oneOf('recorded', 'skipped', 'failed'),
  input: nullable(oneOf(...INJECTIONS)),
  note: nullable(str),
});

/**
 * Everything wrong with `x` as a reader's recording (what two_loops_record.py writes); an empty
 * list means it is one. Each trace in it passes the same checks as the committed traces.
 */
export function validateRecording(x: unknown): string[] {
  if (!isRecord(x)) return ['the file: expected a JSON object'];
  if (x.format !== RECORDING_FORMAT)
    return [
      `format: expected "${RECORDING_FORMAT}", got ${JSON.stringify(x.format) ?? 'nothing'}: not a file two_loops_record.py wrote`,
    ];
  if (x.schema !== RECORDING_SCHEMA)
    return [
      `schema: version ${JSON.stringify(x.schema) ?? 'missing'}, and this page reads version ${RECORDING_SCHEMA}: download the recorder again`,
    ];
  const problems: string[] = [];
  scan(x, 'recording', problems);
  if (problems.length > 0) return problems;
  recordingMeta(x.meta, 'meta', problems);
  arrayOf(scenario)(x.scenarios, 'scenarios', problems);
  const traces = x.traces;
  if (!isRecord(traces)) problems.push('traces: expected an object');
  else {
    const ids = Object.keys(traces);
    if (ids.length === 0) problems.push('traces: none recorded');
    for (const id of ids) {
      if (!(TRACE_IDS as readonly string[]).includes(id)) {
        problems.push(`traces.${id}: not a trace this page knows`);
        continue;
      }
      const trace = traces[id];
      const found = validateTkTrace(trace).map((problem) => `traces.${id}.${problem}`);
      problems.push(...found);
      if (found.length === 0 && (trace as { trace: string }).trace !== id)
        problems.push(`traces.${id}.trace: expected "${id}"`);
      if (found.length === 0 && Array.isArray(x.scenarios))
        scenarioInputsAgree(id as TraceId, trace as TkTrace, x.scenarios, problems);
    }
  }
  for (const key of Object.keys(x))
    if (!['format', 'schema', 'meta', 'scenarios', 'traces'].includes(key))
      problems.push(`${key}: unexpected field`);
  return problems.slice(0, MAX_PROBLEMS);
}

/** The input methods, from the one that clicks from outside the process down to none. */
const INPUT_RANK: readonly Injection[] = ['xtest', 'event_generate', 'invoke', 'none'];

/**
 * In a reader's file, a trace's `meta.injection` is the strongest input its recorded scenarios
 * used (record.py: XTEST over event_generate over invoke over none), so the two cannot disagree.
 */
function scenarioInputsAgree(
  id: TraceId,
  trace: TkTrace,
  scenarios: unknown[],
  out: string[],
): void {
  const inputs = scenarios
    .filter((s): s is RecordedScenario => isRecord(s) && s.trace === id && s.status === 'recorded')
    .map((s) => s.input);
  const strongest = INPUT_RANK.find((method) => inputs.includes(method));
  if (strongest && strongest !== trace.meta.injection)
    out.push(
      `traces.${id}.meta.injection: "${trace.meta.injection}", but its scenarios were recorded with ${strongest}`,
    );
}

/** A reader's file, read: the recording, or every problem that keeps it off the page. */
export type RecordingReading =
  { ok: true; recording: ReaderRecording } | { ok: false; problems: string[] };

/**
 * Reads a file a reader brought: `text` is its content, `bytes` its size. Checks the size before
 * parsing, then the JSON, then validateRecording. Never throws.
 */
export function readRecording(text: string, bytes: number): RecordingReading {
  if (bytes > MAX_RECORDING_BYTES)
    return {
      ok: false,
      problems: [
        `too big: ${(bytes / 1e6).toFixed(1)} MB, and a recording is at most ${MAX_RECORDING_BYTES / 1e6} MB`,
      ],
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`not JSON (${reason.slice(0, 200)})`] };
  }
  const problems = validateRecording(parsed);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, recording: parsed as ReaderRecording };
}
