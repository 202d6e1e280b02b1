/**
 * Every message that crosses a thread boundary in Two Loops, as one tagged union per direction.
 * Types only: the runtime checks that guard each boundary live in ./guards.ts.
 *
 * Times in messages are epoch milliseconds (performance.timeOrigin + performance.now()), because
 * each thread's performance.now() counts from its own origin.
 */
import type { TaskSpec } from '../tasks/params';

// ── Page → monitor worker ────────────────────────────────────────────────────────────────────

export interface ChartTheme {
  background: string;
  grid: string;
  text: string;
  frame: string;
  stall: string;
  live: string;
  /** The main thread's dial hand (the page's accent colour). */
  hand: string;
  font: string;
}

export interface MonitorInit {
  type: 'init';
  canvas: OffscreenCanvas;
  width: number;
  height: number;
  dpr: number;
  theme: ChartTheme;
  reducedMotion: boolean;
}

/**
 * Sent from the page's requestAnimationFrame callback: the main thread is alive. A postMessage is
 * the instrument's largest cost per frame, so a heartbeat goes every few frames and carries the
 * frames since the last one; a frame that ends a stall is sent at once.
 */
export interface MonitorHeartbeat {
  type: 'heartbeat';
  /** The latest frame's time. */
  at: number;
  /** The frames since the last heartbeat, as [end, interval] pairs, flattened. */
  frames: number[];
  /** How many frames a heartbeat covers while frames are on time. */
  every: number;
  /** The page's id of the stall the last of these frames ended, or null when it ended none. */
  stall: number | null;
}

/** A stall the page has measured and refined with the browser's long-task entries. */
export interface MonitorStall {
  type: 'stall';
  start: number;
  end: number;
  duration: number;
}

export interface MonitorResize {
  type: 'resize';
  width: number;
  height: number;
  dpr: number;
}

export interface MonitorSettings {
  type: 'settings';
  theme: ChartTheme;
  reducedMotion: boolean;
}

/**
 * The canvas of the main thread's dial (see instrument/chart/dial.ts): the worker draws its hand
 * at the time of the page's latest frame. `size` is its side in CSS px.
 */
export interface MonitorDial {
  type: 'dial';
  /** The page's name for this dial, to release it by. */
  id: number;
  canvas: OffscreenCanvas;
  size: number;
  dpr: number;
}

/** A dial the page took off the screen: the worker stops drawing it. */
export interface MonitorDialRelease {
  type: 'dial-release';
  id: number;
}

export interface MonitorVisibility {
  type: 'visibility';
  hidden: boolean;
}

export type PageToMonitor =
  | MonitorInit
  | MonitorHeartbeat
  | MonitorStall
  | MonitorResize
  | MonitorSettings
  | MonitorDial
  | MonitorDialRelease
  | MonitorVisibility;

// ── Monitor worker → page ────────────────────────────────────────────────────────────────────

export interface MonitorReady {
  type: 'ready';
}

/** After a stall: how many chart frames the monitor drew while the main thread was blocked. */
export interface MonitorStallDrawn {
  type: 'stall-drawn';
  /** The page's id of the stall (from the heartbeat that ended it): a sequence number, not a time. */
  stall: number;
  gap: number;
  frames: number;
}

export type MonitorToPage = MonitorReady | MonitorStallDrawn;

// ── Page → loop worker ───────────────────────────────────────────────────────────────────────
// The worker that runs tasks on its own event loop, like an asyncio loop in its own thread. The
// Queue and Dedicated panels both talk to it; they differ in what the page does with the answers.

/** Submit a task; every answer about it carries the same id (the future's identity). */
export interface RunTask {
  type: 'run';
  id: number;
  task: TaskSpec;
  /** Run a `cpu` task in the executor worker instead of on the loop itself. */
  executor: boolean;
  /** Raise inside the task once its work is done, to show a failure travelling back. */
  raise: boolean;
}

/** Cancel one task: like `future.cancel()`, it takes effect at the task's next await. */
export interface CancelTask {
  type: 'cancel';
  id: number;
}

/** Shut the loop down: cancel what is pending, answer `stopped`, close the worker. */
export interface StopLoop {
  type: 'stop';
}

/** Ask the worker to update the page's DOM, which a worker cannot do. */
export interface TouchDom {
  type: 'touch-dom';
}

/** Throw outside any task, to show what an uncaught worker error does to the page. */
export interface CrashLoop {
  type: 'crash';
}

export type PageToLoop = RunTask | CancelTask | StopLoop | TouchDom | CrashLoop;

/**
 * What one postMessage to a loop worker carries: every command the page issued in one turn of its
 * event loop, in order. Each postMessage wakes the other thread and costs far more than the few
 * fields it carries, so a turn that submits a hundred tasks pays for one hand-off, not a hundred.
 */
export type PageToLoopPost = PageToLoop[];

// ── Loop worker → page ───────────────────────────────────────────────────────────────────────

/** The task has started running on the worker's loop. */
export interface TaskStarted {
  type: 'started';
  id: number;
  at: number;
}

/**
 * A batch of stream progress: updates `first` … `first + values.length - 1` (1-based), their
 * values in a transferred Float64Array. Batching on the worker side and transferring the buffer
 * is what lets the page absorb hundreds of thousands of updates a second.
 */
export interface TaskProgress {
  type: 'progress';
  id: number;
  first: number;
  values: Float64Array;
  total: number;
  /** When the last update in the batch was produced. */
  at: number;
}

export interface TaskResult {
  type: 'result';
  id: number;
  value: number;
  /** Progress updates the task sent in all (0 for wait and cpu). */
  sent: number;
  /** The moment the result existed in the worker: delivery latency starts here. */
  readyAt: number;
}

export interface TaskFailed {
  type: 'failed';
  id: number;
  message: string;
  readyAt: number;
}

export interface TaskCancelled {
  type: 'cancelled';
  id: number;
  at: number;
}

export interface LoopStopped {
  type: 'stopped';
  /** Tasks that were still pending and were cancelled by the shutdown. */
  cancelled: number[];
  at: number;
}

/** What the worker got when it tried to touch the DOM. */
export interface DomAttempt {
  type: 'dom-attempt';
  error: string;
}

export type LoopToPage =
  TaskStarted | TaskProgress | TaskResult | TaskFailed | TaskCancelled | LoopStopped | DomAttempt;

/** What one postMessage from a loop worker carries: every answer of one turn of its loop, in order. */
export type LoopToPagePost = LoopToPage[];

// ── Loop worker ↔ executor worker ────────────────────────────────────────────────────────────
// CPU work handed off the loop, like `loop.run_in_executor(pool, work)`.

export interface ExecutorJob {
  type: 'job';
  id: number;
  durationMs: number;
}

export interface ExecutorDone {
  type: 'done';
  id: number;
  value: number;
}

// ── Page ↔ guest-mode helper worker ─────────────────────────────────────────────────────────
// Guest mode (Trio's `start_guest_run`): the page's main thread is the Tk thread and runs every
// step of the coroutines; the helper thread only waits, as Trio's I/O thread blocks in `select()`
// until the next deadline, and hands "run one step" back with a thread-safe call.

/** The main thread finished a step and has nothing to run before `timeoutMs`: wait, then answer. */
export interface GuestWait {
  type: 'wait';
  /** Which wait this is; the answer carries it back, so a late answer to an old wait is known. */
  seq: number;
  /** How long to wait (ms); -1: no deadline, wait until woken (Trio waits up to a day). */
  timeoutMs: number;
}

/** Something became runnable on the main thread (a Tk callback started a task): end the wait now. */
export interface GuestWake {
  type: 'wake';
  seq: number;
}

export type PageToGuest = GuestWait | GuestWake;

/** The wait ended: the main thread should run one step (`run_sync_soon_threadsafe(guest_tick)`). */
export interface GuestReady {
  type: 'ready';
  seq: number;
  /** Epoch ms the helper posted this, so the page can tell how long the hand-off took. */
  at: number;
  /** Ended by a wake, not by the deadline. */
  woken: boolean;
}

/** The helper could not read a command of the page's: it says so instead of guessing. */
export interface GuestRefused {
  type: 'refused';
  message: string;
}

export type GuestToPage = GuestReady | GuestRefused;
