/**
 * The real-Tk recordings' format: one interface per trace and run. The checks that validate a file
 * against it are in trace-checks.ts, bound to these interfaces by their types; the figures the app
 * shows, recomputed from the raw samples, are in trace-figures.ts.
 *
 * The traces (`src/tk-traces/<trace>.json`) are written by `scripts/record-tk.mjs`, which runs the
 * Python in `python/` under Xvfb. The recorder also stores a `summary` per run, computed in Python
 * (`python/harness/summarize.py`); `summarizeRun` (trace-figures.ts) computes the same figures again from the
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
  'offered',
  'one-thread',
  'one-thread-guest',
  'freeze-finder',
] as const;
export type TraceId = (typeof TRACE_IDS)[number];

export const STALL_THRESHOLD_MS = 8;
export const HEARTBEAT_MS = 5;

export const TOLERANCES = {
  blockingStall: 0.1,
  pollMedian: [0.3, 0.7],
  eventMedianMs: 5,
} as const;

/**
 * How the input of a trace was made: XTEST clicks from another process (X11), `event generate
 * -when tail` from one helper thread per click (where XTEST is missing: macOS, Windows),
 * button.invoke() on the Tk thread, or none.
 */
export type Injection = 'xtest' | 'event_generate' | 'invoke' | 'none';

export const INJECTIONS = ['xtest', 'event_generate', 'invoke', 'none'] as const;

export interface TkTraceMeta {
  recordedAt: string;
  quick: boolean;
  python: string;
  pythonImplementation: string;
  /** sys.getswitchinterval(): how long a thread may keep the GIL while another waits. */
  switchIntervalMs: number;
  /** sys._is_gil_enabled() (3.13+); true before 3.13, where every build has the GIL. */
  gilEnabled: boolean;
  /** A free-threaded build (sysconfig Py_GIL_DISABLED, the "t" in python3.14t). */
  freeThreadedBuild: boolean;
  tcl: string;
  tk: string;
  /** tcl_platform(threaded): tkinter then hands calls from other threads to the Tk thread. */
  tclThreaded: boolean;
  /** `tk windowingsystem`: x11, win32 or aqua. */
  windowSystem: string;
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
export type RecordedStall = [number, number];

/** A recorded distribution, as the Python recorder writes it (nearest-rank, null for no samples). */
export interface RecordedDistribution {
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

export interface RunBase {
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
  heartbeatStalls: RecordedStall[];
  heartbeatSpanMs: number;
  summary: BlockingSummary;
}

// ---- polling -----------------------------------------------------------------------------------

export interface PollingSummary {
  delivered: number;
  latencyMs: RecordedDistribution;
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
  heartbeatStalls: RecordedStall[];
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
  heartbeatMs: RecordedDistribution;
  clickDelayMs: RecordedDistribution;
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
  latencyMs: RecordedDistribution;
  handoffMs: RecordedDistribution;
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
  heartbeatStalls: RecordedStall[];
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
  variant: 'mainloop' | 'before-mainloop' | 'update-loop' | 'after-close';
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

// ---- the offered files, run unchanged (python/mistakes, python/fixes, strategies, recommended) --

export type OfferedVariant =
  | 'close-while-running'
  | 'blocking-call'
  | 'loop-per-click'
  | 'client-first-loop'
  | 'after-close'
  | 'widget-from-thread'
  | 'recommended'
  | 'recommended-cancel'
  | 'recommended-error';

/** `signal` SIGABRT is an abort (Tcl_AsyncDelete); any other signal is the recorder killing it. */
export type OfferedOutcome = 'hang' | 'aborted' | 'killed' | 'exited';

/** A Tk call made from a thread other than the Tk thread: [ms it began, thread, method, ms it took, outcome]. */
export type TkCallFromThread = [number, string, string, number, string];

export interface OfferedSummary {
  outcome: OfferedOutcome;
  exitCode: number | null;
  /** The lines of stderr that name an error or warning (`…Error: …`, `Tcl_…: …`). */
  printed: string[];
  lastLabel: string | null;
  longestStallMs: number;
  threadErrors: number;
  tkCallsFromThreads: number;
  slowestTkCallFromThreadMs: number | null;
  /** From the harness closing the window to the process ending (null if it never closed it). */
  endedAfterCloseMs: number | null;
}

export interface OfferedRun extends RunBase, Observed {
  variant: OfferedVariant;
  /** The mistake as shown, its fix, a strategy's own file, or the recommended program. */
  form: 'mistake' | 'fix' | 'strategy' | 'recommended';
  /** The repository path of the file that was run, unchanged. */
  script: string;
  /** The file's header: what it must do (`exit-0`, `aborts`, `raises X`, …). */
  expect: string;
  /** What the harness did, and when: [ms, "press Run" | "close" | …]. */
  steps: [number, string][];
  tkCallsFromThreads: TkCallFromThread[];
  heartbeatStalls: RecordedStall[];
  heartbeatSpanMs: number;
  threadsAfterMainloop: { name: string; daemon: boolean }[];
  /** Threads still alive when the harness last looked (null when it could not look). */
  threadsAliveAtEnd: number | null;
  summary: OfferedSummary;
}

// ---- one thread: asyncio drives Tk -------------------------------------------------------------

export type OneThreadVariant =
  'idle' | 'mainloop-idle' | 'clicks' | 'compute' | 'chunked' | 'dialog' | 'dedicated-dialog';

export interface OneThreadSummary {
  /** Drains per second (each a wake-up of the thread) while idle; null if not measured. */
  wakeupsPerS: number | null;
  cpuMsPerS: number | null;
  /** XTEST click sent -> its command ran (ms). */
  latencyMs: RecordedDistribution;
  longestStallMs: number;
  /** Longest interval between ticks overlapping the dialog (ms); null when not measured. */
  asyncioLongestGapMs: number | null;
  tkLongestGapMs: number | null;
  deliveryLongestGapMs: number | null;
}

/**
 * One run of python/scenarios/one_thread.py: every variant has every field; the ones it does not
 * measure are null or empty.
 */
export interface OneThreadRun extends RunBase {
  variant: OneThreadVariant;
  pollMs: number | null;
  durationMs: number | null;
  chunkMs: number | null;
  dialogMs: number | null;
  idle: IdleWindow | null;
  latencyMs: number[];
  heartbeatStalls: RecordedStall[];
  /** [opened, closed] on the run's clock. */
  dialogOpenMs: [number, number] | null;
  /** The asyncio task's ticks (await asyncio.sleep(0.1)). */
  asyncioTicksMs: number[];
  /** Tk's own ticks (root.after(100, tick)). */
  tkTicksMs: number[];
  /** The Dedicated class's progress deliveries to Tk. */
  deliveriesMs: number[];
  summary: OneThreadSummary;
}

// ---- one thread, guest mode: Tk keeps mainloop(), Trio is its guest ---------------------------

export type GuestVariant =
  'idle' | 'clicks' | 'sleeps' | 'chain' | 'chain-trio-run' | 'compute' | 'dialog';

export interface GuestSummary {
  /** Steps Trio handed to the Tk thread per second while idle; null if not measured. */
  wakeupsPerS: number | null;
  cpuMsPerS: number | null;
  /** clicks: XTEST click sent -> its Tk command ran; sleeps: a sleep's deadline -> resumed (ms). */
  latencyMs: RecordedDistribution;
  /** clicks: XTEST click sent -> the Trio task its command started ran (ms). */
  taskLatencyMs: RecordedDistribution;
  longestStallMs: number;
  /** Longest interval between ticks overlapping the dialog (ms); null when not measured. */
  trioLongestGapMs: number | null;
  tkLongestGapMs: number | null;
  /** Steps per second of an `await trio.sleep(0)` chain; null when not measured. */
  stepsPerS: number | null;
}

/**
 * One run of python/scenarios/one_thread_guest.py: every variant has every field; the ones it does
 * not measure are null or empty.
 */
export interface GuestRun extends RunBase {
  variant: GuestVariant;
  /** sys.executable of the run: the interpreter Trio was installed for. */
  interpreter: string;
  /** trio.__version__. */
  trio: string;
  durationMs: number | null;
  dialogMs: number | null;
  idle: IdleWindow | null;
  latencyMs: number[];
  taskLatencyMs: number[];
  heartbeatStalls: RecordedStall[];
  dialogOpenMs: [number, number] | null;
  /** The Trio task's ticks (await trio.sleep(0.1)). */
  trioTicksMs: number[];
  /** Tk's own ticks (root.after(100, tick)). */
  tkTicksMs: number[];
  chain: { steps: number; windowMs: number } | null;
  summary: GuestSummary;
}

// ---- the freeze finder (python/tools/freeze_finder.py) watching a mistake ----------------------

export type FreezeFinderVariant = 'blocking-call' | 'wait-on-future';

/** A frame of a printed stack: `File "<file>", line <line>, in <function>`, and its source line. */
export interface PrintedFrame {
  file: string;
  line: number;
  function: string;
  /** The source line printed under the frame, stripped ('' when none was printed). */
  text: string;
}

export interface FreezeFinderSummary {
  /** From the click to the watchdog's first line (ms); null when it printed nothing. */
  printedAfterClickMs: number | null;
  /** The N of its "has not run for N ms" (the tool's own figure, from its 50 ms heartbeat). */
  reportedLateMs: number | null;
  /** The stack it printed: the lines after "It is here:", up to its next announcement. */
  stack: string[];
  /** The deepest frame of that stack in the mistake's own file (`script`); null when none. */
  named: PrintedFrame | null;
  /** Whether the Tk thread ran again before the run ended (false: frozen for good). */
  freezeEnded: boolean;
  /**
   * The freeze as the 5 ms heartbeat measured it, not the tool: its longest stall, or, when the
   * freeze never ended, how long Tk had not run when the run was ended (ms).
   */
  freezeMs: number;
  /** The N of its "ran again after N ms"; null when it never printed that. */
  reportedFreezeMs: number | null;
}

/**
 * One run of python/scenarios/freeze_finder_watch.py: a mistake file run as written with the
 * tool's watch_tk(root) attached, one XTEST click on `button`, and what the watchdog printed.
 */
export interface FreezeFinderRun extends RunBase {
  variant: FreezeFinderVariant;
  /** The mistake file that ran, repository path (the printed stack uses the same paths). */
  script: string;
  /** The text of the button clicked. */
  button: string;
  /** watch_tk's threshold_ms: how long Tk may not run before the watchdog prints. */
  thresholdMs: number;
  clickSentMs: number | null;
  heartbeatStalls: RecordedStall[];
  /** For a freeze that never ended: how long Tk had not run when the run was ended; else null. */
  frozenAtEndMs: number | null;
  /** Every line the watchdog printed: [ms it was printed, line], paths repository-relative. */
  printed: [number, string][];
  summary: FreezeFinderSummary;
}

// ---- traces ------------------------------------------------------------------------------------

export interface RunByTrace {
  blocking: BlockingRun;
  polling: PollingRun;
  gil: GilRun;
  dedicated: DedicatedRun;
  shutdown: ShutdownRun;
  'thread-call': ThreadCallRun;
  deadlock: DeadlockRun;
  mistakes: MistakeRun;
  offered: OfferedRun;
  'one-thread': OneThreadRun;
  'one-thread-guest': GuestRun;
  'freeze-finder': FreezeFinderRun;
}

export type SummaryOf<K extends TraceId> = RunByTrace[K]['summary'];

export interface TraceOf<K extends TraceId> {
  schema: 1;
  trace: K;
  meta: TkTraceMeta;
  runs: RunByTrace[K][];
}

export type TkTrace = { [K in TraceId]: TraceOf<K> }[TraceId];

// ---- a whole recording, as two_loops_record.py writes it ---------------------------------------

/** What `two_loops_record.py` writes: one file with every trace it could record on one machine. */
export const RECORDING_FORMAT = 'two-loops-recording';
export const RECORDING_SCHEMA = 1;

/** The machine's facts, as in each trace's meta but without the trace's input method. */
export type RecordingMeta = Omit<TkTraceMeta, 'injection'>;

/** One run the recorder planned, and whether it was made on that machine (and if not, why). */
export interface RecordedScenario {
  trace: TraceId;
  /** The Python module in python/scenarios/ that ran it. */
  scenario: string;
  options: Record<string, unknown>;
  status: 'recorded' | 'skipped' | 'failed';
  /** How its input was made, null when it did not run. */
  input: Injection | null;
  /** Why it was skipped, or the last line a failed run printed. */
  note: string | null;
}

export interface ReaderRecording {
  format: typeof RECORDING_FORMAT;
  schema: typeof RECORDING_SCHEMA;
  meta: RecordingMeta;
  scenarios: RecordedScenario[];
  /** Each trace in the same shape as src/tk-traces/<trace>.json; absent when none of its runs were made. */
  traces: { [K in TraceId]?: TraceOf<K> };
}
