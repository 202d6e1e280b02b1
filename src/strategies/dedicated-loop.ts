/**
 * Strategy 3 — one long-lived worker runs an event loop of tasks, the way an asyncio loop runs in a
 * thread of its own for the whole life of a Tk window.
 *
 * The page keeps its own thread and event loop. A task goes to the worker in a message with an id,
 * and every answer about it carries the same id, so the page can hand out one Promise per task: the
 * future that `asyncio.run_coroutine_threadsafe()` returns. Answers are handled by the message
 * handler the moment they arrive, as events; nothing polls.
 *
 * Raw postMessage on purpose: an RPC library would hide the very hand-off this panel is about.
 * Each side gathers what one turn of its loop sends into one postMessage (see Outbox): a hand-off
 * costs the receiving thread a task of its own, however little it carries.
 */
import { fromEpoch } from '../instrument/clock';
import type { TaskSpec } from '../tasks/params';
import { checkLoopPost } from '../workers/guards';
import { Outbox } from '../workers/outbox';
import type { LoopToPage, PageToLoop, PageToLoopPost } from '../workers/protocol';
import { startModuleWorker } from '../workers/start';
import loopWorkerUrl from './loop/loop.worker.ts?worker&url';
import type { DedicatedPhase, PhaseEvent } from './phases';

/** The parts of a Worker this module uses, so that a test can hand it a fake one. */
export interface LoopWorker {
  postMessage(post: PageToLoopPost): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Throws where the host forbids workers (see startModuleWorker); the panel says so. */
export function startLoopWorker(): LoopWorker {
  return startModuleWorker(loopWorkerUrl, 'asyncio-loop');
}

export interface TaskDone {
  id: number;
  value: number;
  /** Progress updates the worker says it sent, and how many of them arrived here. */
  sent: number;
  received: number;
  /** When the result existed in the worker, and when it reached this thread (page timeline). */
  readyAt: number;
  arrivedAt: number;
}

/**
 * - `failed`: the task raised; `message` is its error.
 * - `cancelled`: cancel(), cancelAll() or stop() reached the task at an await.
 * - `killed`: kill() terminated the worker while the task was in flight.
 * - `crashed`: the worker had an uncaught error, so it was ended with the task in flight.
 * - `timeout`: the worker stayed silent past its deadline (see `replyMarginMs`), so it was ended.
 */
export type FailureReason = 'failed' | 'cancelled' | 'killed' | 'crashed' | 'timeout';

/** What a task's promise rejects with, as `future.result()` raises. */
export class TaskFailure extends Error {
  override readonly name = 'TaskFailure';
  constructor(
    readonly id: number,
    readonly reason: FailureReason,
    message: string,
    /** When the worker reported it, if the worker could (page timeline). */
    readonly readyAt: number | null,
    readonly arrivedAt: number,
  ) {
    super(message);
  }
}

export interface TaskHandle {
  readonly id: number;
  /** Resolves with the task's result; rejects with a TaskFailure. */
  readonly result: Promise<TaskDone>;
}

export interface LoopCounts {
  /** Messages posted to workers, and checked messages received from them. */
  posted: number;
  received: number;
  /** The postMessage calls that carried them, each way: one per turn that had something to say. */
  postsOut: number;
  postsIn: number;
  /** Messages that failed the protocol check: counted and dropped, never acted on. */
  malformed: number;
  /** Checked messages about a task this page is not waiting for. */
  unmatched: number;
  /** Stream updates: numbered by the worker, so a gap in the numbers is an update lost. */
  updatesSent: number;
  updatesReceived: number;
  updatesLost: number;
}

export function emptyCounts(): LoopCounts {
  return {
    posted: 0,
    received: 0,
    postsOut: 0,
    postsIn: 0,
    malformed: 0,
    unmatched: 0,
    updatesSent: 0,
    updatesReceived: 0,
    updatesLost: 0,
  };
}

export type WorkerChange = 'started' | 'stopped' | 'killed' | 'crashed' | 'timeout';

/** A batch of stream updates `first` … `first + values.length - 1`, as it arrived. */
export interface ProgressBatch {
  first: number;
  values: Float64Array;
  total: number;
  /** When the worker sent it and when it arrived (page timeline). */
  sentAt: number;
  receivedAt: number;
}

/** Everything else the page may want to hear about, as it happens. */
export interface LoopListener {
  phase?(event: PhaseEvent<DedicatedPhase>): void;
  started?(id: number, at: number): void;
  progress?(id: number, batch: ProgressBatch): void;
  /** Every message from a worker, valid or not: each one woke the page's main thread. */
  message?(receivedAt: number): void;
  worker?(change: WorkerChange, detail: string): void;
}

interface Pending {
  worker: LoopWorker;
  resolve(done: TaskDone): void;
  reject(failure: TaskFailure): void;
  /** The number of the next stream update expected, counting from 1. */
  nextUpdate: number;
  received: number;
}

export interface LoopOptions {
  /**
   * How long a worker with tasks in flight may stay silent beyond the longest of those tasks'
   * durations before it is taken for hung, ended, and its tasks rejected. Anything the worker
   * sends restarts the count.
   */
  replyMarginMs?: number;
}

/** Generous: a busy machine delays answers by far less than this. */
export const REPLY_MARGIN_MS = 5_000;

/**
 * How much longer a worker that has not said anything yet may stay silent (ms): until its first
 * message it may still be fetching and compiling its script, which a loaded machine or a slow
 * engine stretches to seconds. That is a slow start, not a hung loop. A worker whose script fails
 * to load reports it through `onerror` long before this.
 */
export const START_ALLOWANCE_MS = 30_000;

/** What the page keeps for each worker it has started and not yet retired. */
interface WorkerLink {
  /** What this turn will post to it. */
  outbox: Outbox<PageToLoop>;
  /** For the watchdog: when it was last heard from (page timeline); submitting counts as hearing. */
  heardAt: number;
  /** Whether it has sent anything yet: until then it may still be starting. */
  spoken: boolean;
  inFlight: number;
  /**
   * The longest task it has had in flight since it was last idle. Never shrinking while tasks are
   * in flight keeps the bookkeeping constant-time per message; the price is that a hang may be
   * noticed later than it could be, never sooner.
   */
  longestMs: number;
}

export class DedicatedLoop {
  readonly counts: LoopCounts = emptyCounts();
  readonly #createWorker: () => LoopWorker;
  readonly #listener: LoopListener;
  /** The worker new tasks go to; null until the next submit starts one. */
  #worker: LoopWorker | null = null;
  /** Workers asked to stop that have not answered yet: their tasks may still report. */
  readonly #stopping = new Map<LoopWorker, (cancelled: number[]) => void>();
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  readonly #links = new Map<LoopWorker, WorkerLink>();
  /** Read once: the clock's origin never moves, and the getter is not free. */
  readonly #timeOrigin = performance.timeOrigin;
  readonly #replyMarginMs: number;
  #watchdog: ReturnType<typeof setTimeout> | null = null;
  /** When the watchdog timer is due (page timeline). */
  #watchdogAt = Infinity;

  constructor(
    createWorker: () => LoopWorker = startLoopWorker,
    listener: LoopListener = {},
    options: LoopOptions = {},
  ) {
    this.#createWorker = createWorker;
    this.#listener = listener;
    this.#replyMarginMs = options.replyMarginMs ?? REPLY_MARGIN_MS;
  }

  /** Tasks submitted and not yet settled. */
  get pending(): number {
    return this.#pending.size;
  }

  /** `running` while new tasks have a worker to go to; `stopping` while only a stop is pending. */
  get state(): 'none' | 'running' | 'stopping' {
    if (this.#worker) return 'running';
    return this.#stopping.size > 0 ? 'stopping' : 'none';
  }

  submit(task: TaskSpec, options: { executor?: boolean; raise?: boolean } = {}): TaskHandle {
    // [phase submitted]
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    const result = new Promise<TaskDone>((resolve, reject) =>
      this.#pending.set(id, { worker, resolve, reject, nextUpdate: 1, received: 0 }),
    );
    this.#expect(worker, task.durationMs);
    this.#post(worker, {
      type: 'run',
      id,
      task,
      executor: options.executor ?? false,
      raise: options.raise ?? false,
    });
    this.#phase('submitted', id);
    return { id, result };
    // [/phase]
  }

  cancel(id: number): void {
    // [phase cancelled]
    // A request, like future.cancel(): the task ends at its next await and the worker answers
    // `cancelled`. A task that finishes first keeps its result.
    const task = this.#pending.get(id);
    if (task) this.#post(task.worker, { type: 'cancel', id });
    // [/phase]
  }

  cancelAll(): void {
    for (const id of this.#pending.keys()) this.cancel(id);
  }

  /** Resolves with the ids of the tasks the shutdown cancelled. */
  stop(): Promise<number[]> {
    // [phase stopped]
    // loop.call_soon_threadsafe(loop.stop) and thread.join(): the worker cancels what is pending,
    // reports each task, answers `stopped` and closes itself. The next submit starts a new loop.
    const worker = this.#worker;
    if (!worker) return Promise.resolve([]);
    this.#worker = null;
    this.#post(worker, { type: 'stop' });
    return new Promise((resolve) => this.#stopping.set(worker, resolve));
    // [/phase]
  }

  /** Ends every worker now. Returns the ids of the tasks that were in flight. */
  kill(): number[] {
    // Python cannot do this to a thread. A browser can, mid-instruction: the worker's tasks never
    // answer, so they are rejected here, with the reason.
    const workers = [...this.#stopping.keys(), ...(this.#worker ? [this.#worker] : [])];
    const killed: number[] = [];
    for (const worker of workers) {
      worker.terminate();
      killed.push(
        ...this.#retire(
          worker,
          'killed',
          'Killed: worker.terminate() ended the worker while this task was in flight',
        ),
      );
    }
    if (workers.length > 0) this.#listener.worker?.('killed', `${killed.length} tasks in flight`);
    return killed;
  }

  /** Asks the worker to throw outside any task, to show what an uncaught worker error does. */
  crash(): boolean {
    if (!this.#worker) return false;
    this.#post(this.#worker, { type: 'crash' });
    return true;
  }

  #start(): LoopWorker {
    const worker = this.#createWorker();
    const outbox = new Outbox<PageToLoop>((post) => {
      worker.postMessage(post);
      this.counts.postsOut++;
    });
    this.#links.set(worker, { outbox, heardAt: 0, spoken: false, inFlight: 0, longestMs: 0 });
    worker.onmessage = (event) => this.#receive(worker, event.data);
    worker.onmessageerror = () => {
      // A message that could not even be deserialised.
      this.#listener.message?.(performance.now());
      this.counts.malformed++;
    };
    worker.onerror = (event) => {
      // An uncaught error: the worker may still be running, but in a state nobody planned for.
      // End it, tell its tasks why, and let the next submit start a fresh one.
      event.preventDefault();
      const why = event.message || 'an uncaught error';
      worker.terminate();
      this.#retire(worker, 'crashed', `The worker died: ${why}`);
      this.#listener.worker?.('crashed', why);
    };
    this.#worker = worker;
    this.#listener.worker?.('started', '');
    return worker;
  }

  #receive(worker: LoopWorker, data: unknown): void {
    const receivedAt = performance.now();
    const link = this.#links.get(worker);
    if (link) {
      link.heardAt = receivedAt;
      // Its first word ends the start allowance: the only message that brings a deadline forward.
      if (!link.spoken) {
        link.spoken = true;
        if (link.inFlight > 0) this.#arm(this.#deadline(link));
      }
    }
    this.#listener.message?.(receivedAt);
    this.counts.postsIn++;
    // Checked before anything acts on it: what fails the check is counted, never guessed at.
    const { messages, malformed } = checkLoopPost(data);
    this.counts.malformed += malformed;
    for (const message of messages) {
      this.counts.received++;
      this.#handle(worker, message, receivedAt);
      // A `stopped` or a crash handled above may have retired this worker: the rest is moot.
      if (!this.#links.has(worker)) break;
    }
  }

  #handle(worker: LoopWorker, message: LoopToPage, receivedAt: number): void {
    if (message.type === 'stopped') return this.#stopped(worker, message.cancelled);
    // Only the Queue panel asks a worker to touch the DOM.
    if (message.type === 'dom-attempt') return;
    const task = this.#pending.get(message.id);
    if (!task || task.worker !== worker) {
      this.counts.unmatched++;
      return;
    }
    switch (message.type) {
      case 'started':
        // [phase running]
        this.#listener.started?.(message.id, this.#local(message.at));
        this.#phase('running', message.id);
        // [/phase]
        break;
      case 'progress': {
        // [phase progress]
        // postMessage neither drops nor reorders: the numbering is here to prove it, not to repair.
        const end = message.first + message.values.length;
        this.counts.updatesLost += Math.max(0, message.first - task.nextUpdate);
        this.counts.updatesSent += Math.max(0, end - task.nextUpdate);
        task.nextUpdate = Math.max(task.nextUpdate, end);
        task.received += message.values.length;
        this.counts.updatesReceived += message.values.length;
        this.#listener.progress?.(message.id, {
          first: message.first,
          values: message.values,
          total: message.total,
          sentAt: this.#local(message.at),
          receivedAt,
        });
        this.#phase('progress', message.id);
        // [/phase]
        break;
      }
      case 'result': {
        // [phase delivered]
        // Updates the worker sent after the last one that arrived can only have been lost.
        const unseen = Math.max(0, message.sent - (task.nextUpdate - 1));
        this.counts.updatesSent += unseen;
        this.counts.updatesLost += unseen;
        this.#settled(message.id, worker);
        task.resolve({
          id: message.id,
          value: message.value,
          sent: message.sent,
          received: task.received,
          readyAt: this.#local(message.readyAt),
          arrivedAt: receivedAt,
        });
        this.#phase('delivered', message.id);
        // [/phase]
        break;
      }
      case 'failed':
        // [phase delivered]
        // The task's exception travels back and rejects its promise: it is not lost.
        this.#settled(message.id, worker);
        task.reject(
          new TaskFailure(
            message.id,
            'failed',
            message.message,
            this.#local(message.readyAt),
            receivedAt,
          ),
        );
        this.#phase('delivered', message.id);
        // [/phase]
        break;
      case 'cancelled':
        // [phase cancelled]
        this.#settled(message.id, worker);
        task.reject(
          new TaskFailure(
            message.id,
            'cancelled',
            this.#stopping.has(worker) ? 'Cancelled by Stop' : 'Cancelled',
            this.#local(message.at),
            receivedAt,
          ),
        );
        this.#phase('cancelled', message.id);
        // [/phase]
        break;
    }
  }

  #stopped(worker: LoopWorker, cancelled: number[]): void {
    // [phase stopped]
    // The worker has closed itself: this is thread.join() returning. Forget it.
    const resolve = this.#stopping.get(worker);
    this.#stopping.delete(worker);
    this.#retire(worker, 'cancelled', 'Cancelled by Stop');
    resolve?.(cancelled);
    this.#listener.worker?.('stopped', `${cancelled.length} tasks cancelled`);
    this.#phase('stopped', 0);
    // [/phase]
  }

  /**
   * The watchdog: one timer for all workers, due at the earliest moment a worker with tasks in
   * flight would have been silent too long. Messages only push deadlines later, so they leave the
   * timer alone; when it fires it judges, then sets itself for the next deadline, if any. It
   * costs a timer per deadline, not per message.
   */
  #expect(worker: LoopWorker, durationMs: number): void {
    const link = this.#links.get(worker);
    if (!link) return;
    link.heardAt = performance.now();
    link.inFlight++;
    link.longestMs = Math.max(link.longestMs, durationMs);
    this.#arm(this.#deadline(link));
  }

  /** A task has its answer: it no longer waits on its worker. */
  #settled(id: number, worker: LoopWorker): void {
    this.#pending.delete(id);
    const link = this.#links.get(worker);
    if (link && --link.inFlight === 0) link.longestMs = 0;
  }

  #deadline({ heardAt, spoken, longestMs }: WorkerLink): number {
    return heardAt + longestMs + this.#replyMarginMs + (spoken ? 0 : START_ALLOWANCE_MS);
  }

  /** Makes sure the timer fires no later than `at` (page timeline). */
  #arm(at: number): void {
    if (at >= this.#watchdogAt) return;
    if (this.#watchdog !== null) clearTimeout(this.#watchdog);
    this.#watchdogAt = at;
    this.#watchdog = setTimeout(
      () => this.#checkDeadlines(at),
      Math.max(0, at - performance.now()),
    );
  }

  #checkDeadlines(due: number): void {
    this.#watchdog = null;
    this.#watchdogAt = Infinity;
    const now = performance.now();
    // A timer that fires late means this thread was busy (a blocking task, a hidden tab): the
    // worker's answers may be queued right behind it. Let them arrive before judging.
    if (now - due > 1_000) return this.#arm(now + 250);
    let next = Infinity;
    for (const [worker, link] of this.#links) {
      if (link.inFlight === 0) continue;
      const deadline = this.#deadline(link);
      if (deadline > now) {
        next = Math.min(next, deadline);
        continue;
      }
      const silent = Math.round(now - link.heardAt);
      worker.terminate();
      this.#retire(
        worker,
        'timeout',
        `No answer: the worker was silent for ${silent} ms with this task in flight, so it was ended`,
      );
      this.#listener.worker?.('timeout', `silent for ${silent} ms`);
    }
    if (next < Infinity) this.#arm(next);
  }

  /** Forgets a worker that has ended, rejecting the tasks it can no longer answer. */
  #retire(worker: LoopWorker, reason: FailureReason, message: string): number[] {
    if (this.#worker === worker) this.#worker = null;
    this.#links.get(worker)?.outbox.discard();
    this.#links.delete(worker);
    worker.onmessage = worker.onmessageerror = worker.onerror = null;
    const now = performance.now();
    const ids: number[] = [];
    for (const [id, task] of this.#pending) {
      if (task.worker !== worker) continue;
      this.#pending.delete(id);
      task.reject(new TaskFailure(id, reason, message, null, now));
      ids.push(id);
    }
    const stopWaiting = this.#stopping.get(worker);
    this.#stopping.delete(worker);
    stopWaiting?.(ids);
    return ids;
  }

  #post(worker: LoopWorker, message: PageToLoop): void {
    this.#links.get(worker)?.outbox.post(message);
    this.counts.posted++;
  }

  /** Worker times are epoch milliseconds; the page's timeline starts at its own time origin. */
  #local(epochMs: number): number {
    return fromEpoch(epochMs, this.#timeOrigin);
  }

  #phase(phase: DedicatedPhase, taskId: number): void {
    this.#listener.phase?.({ phase, taskId, at: performance.now() });
  }
}
