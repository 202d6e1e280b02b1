/**
 * Strategy 2 — a thread, a queue and a timer: the browser form of a worker thread that puts its
 * results in a `queue.Queue` while the Tk thread drains it with `root.after(P, poll)`.
 *
 * A worker runs the tasks and posts every result and progress update. The page's message handler
 * does one thing only: it appends the message to a queue. A timer every P ms drains the queue and
 * updates the DOM. Nothing blocks the page, but every result waits for the next tick (0…P ms, P/2
 * on average), and the page wakes up every P ms even when there is nothing to deliver.
 */
import type { TaskSpec } from '../tasks/params';
import { checkLoopPost } from '../workers/guards';
import type { LoopToPage, PageToLoopPost } from '../workers/protocol';
import { startModuleWorker } from '../workers/start';
import loopWorkerUrl from './loop/loop.worker.ts?worker&url';
import type { PhaseListener, QueuePhase } from './phases';

/** The parts of a Worker this strategy uses, so that tests can hand it a fake one. */
export interface WorkerLike {
  postMessage(post: PageToLoopPost): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Throws where the host forbids workers (see startModuleWorker); the panel says so. */
export function startWorker(): WorkerLike {
  return startModuleWorker(loopWorkerUrl, 'queue-polling');
}

/** One worker — one thread, started for one run — and the answers still expected from it. */
export interface Job {
  readonly worker: WorkerLike;
  readonly tasks: Set<number>;
  domAttempt: boolean;
}

/** What the queue holds: a message, the worker that sent it, when the handler received it. */
export interface Queued {
  readonly job: Job;
  readonly message: LoopToPage;
  readonly receivedAt: number;
}

export interface PollTick {
  start: number;
  end: number;
  /** Something was in flight when the tick began; a tick with nothing in flight wakes for nothing. */
  busy: boolean;
  delivered: readonly Queued[];
  /** Messages about a task this page is not waiting for (an unknown id, a second result). */
  unmatched: number;
  /** Answers still expected after the tick. */
  owed: number;
}

export interface QueuePollingHooks {
  /** The DOM update: called at most once per tick, with everything the tick drained, in order. */
  deliver(batch: readonly Queued[]): void;
  onTick?(tick: PollTick): void;
  /** Messages that failed the protocol check: dropped and counted, never guessed at. */
  onRejected?(count: number): void;
  onPhase?: PhaseListener<QueuePhase>;
}

export interface QueuePollingOptions {
  pollMs: number;
  /** The fix for idle wake-ups: poll only while something is in flight. */
  stopWhenIdle: boolean;
}

export class QueuePolling {
  pollMs: number;
  readonly #hooks: QueuePollingHooks;
  readonly #spawn: () => WorkerLike;
  /** queue.Queue: filled by the message handler, emptied by the poll tick. */
  readonly #queue: Queued[] = [];
  readonly #jobs = new Set<Job>();
  #stopWhenIdle: boolean;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #started = false;
  #nextId = 1;

  constructor(
    options: QueuePollingOptions,
    hooks: QueuePollingHooks,
    spawn: () => WorkerLike = startWorker,
  ) {
    this.pollMs = options.pollMs;
    this.#stopWhenIdle = options.stopWhenIdle;
    this.#hooks = hooks;
    this.#spawn = spawn;
  }

  get polling(): boolean {
    return this.#timer !== null;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Results and answers the page still expects. */
  get inFlight(): number {
    let owed = 0;
    for (const job of this.#jobs) owed += job.tasks.size + (job.domAttempt ? 1 : 0);
    return owed;
  }

  get stopWhenIdle(): boolean {
    return this.#stopWhenIdle;
  }

  set stopWhenIdle(stop: boolean) {
    this.#stopWhenIdle = stop;
    if (stop && this.inFlight === 0) this.#stopPolling();
    else if (!stop && this.#started) this.#keepPolling();
  }

  /** Runs the tasks on a new worker, as `threading.Thread(target=work).start()`; returns their ids. */
  submit(tasks: readonly TaskSpec[], raise = false): number[] {
    if (tasks.length === 0) return [];
    // [phase submitted]
    const job = this.#startJob();
    const ids = tasks.map(() => this.#nextId++);
    // [/phase]
    // [phase running]
    // From here the tasks run on the worker's thread (src/strategies/loop/loop.worker.ts), which answers
    // each one by id: started, progress, then a result or a failure. All of them travel in one
    // postMessage: each post is a hand-off the worker pays for, however little it carries.
    for (const id of ids) job.tasks.add(id);
    job.worker.postMessage(
      tasks.map((task, i) => ({ type: 'run', id: ids[i] as number, task, executor: false, raise })),
    );
    // [/phase]
    // [phase submitted]
    // With "stop polling while idle", the timer may be off: forget to restart it here and the
    // results sit in the queue for ever.
    this.#keepPolling();
    for (const id of ids) this.#phase('submitted', id);
    // [/phase]
    return ids;
  }

  /** Asks a worker to write to the DOM; its answer comes back through the queue like any other. */
  touchDom(): void {
    const job = this.#startJob();
    job.domAttempt = true;
    job.worker.postMessage([{ type: 'touch-dom' }]);
    this.#keepPolling();
  }

  /** Stops the timer and every worker; what is still queued is dropped. */
  dispose(): void {
    this.#stopPolling();
    for (const job of this.#jobs) job.worker.terminate();
    this.#jobs.clear();
    this.#queue.length = 0;
  }

  #startJob(): Job {
    const job: Job = { worker: this.#spawn(), tasks: new Set(), domAttempt: false };
    this.#jobs.add(job);
    job.worker.onmessage = (event) => {
      const { messages, malformed } = checkLoopPost(event.data);
      if (malformed > 0) this.#hooks.onRejected?.(malformed);
      const receivedAt = performance.now();
      for (const message of messages) {
        // [phase result-queued]
        // queue.put(): the handler's whole job. No DOM here, not even for a finished task.
        this.#queue.push({ job, message, receivedAt });
        // [/phase]
        if (message.type === 'result' || message.type === 'failed')
          this.#phase('result-queued', message.id);
        else if (message.type === 'started' || message.type === 'progress')
          this.#phase('running', message.id);
      }
    };
    job.worker.onerror = (event) => {
      event.preventDefault();
      // A dead worker answers nothing more: its tasks fail through the queue, like any result.
      const readyAt = performance.timeOrigin + performance.now();
      const error = `The worker died: ${event.message || 'it could not start'}`;
      for (const id of job.tasks) {
        const message: LoopToPage = { type: 'failed', id, message: error, readyAt };
        this.#queue.push({ job, message, receivedAt: performance.now() });
      }
      if (job.domAttempt)
        this.#queue.push({
          job,
          message: { type: 'dom-attempt', error },
          receivedAt: performance.now(),
        });
    };
    return job;
  }

  #keepPolling(): void {
    // Like the self.poll() call in the app's __init__, but only once the panel is used, so an
    // unused panel costs the page nothing.
    this.#started = true;
    if (this.#timer === null) this.#timer = setTimeout(this.#poll, this.pollMs);
  }

  #stopPolling(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  readonly #poll = (): void => {
    this.#timer = null;
    const start = performance.now();
    const busy = this.inFlight > 0;
    // [phase polled]
    // Everything that arrived since the last tick, not one message: taking one per tick, a fast
    // stream would fall further behind with every tick.
    const drained = this.#queue.splice(0);
    const delivered = drained.filter((item) => this.#settle(item));
    this.#phase('polled', 0); // a tick is about no task in particular
    // [/phase]
    // [phase delivered]
    // One DOM update for the whole batch: the page paints once per frame whatever we do.
    if (delivered.length > 0) {
      this.#hooks.deliver(delivered);
      this.#phase('delivered', taskOf(delivered[delivered.length - 1] as Queued));
    }
    // [/phase]
    // [phase polled]
    // root.after(P, poll) — unless the fix is on and nothing is left to wait for.
    const owed = this.inFlight;
    if (owed > 0 || !this.#stopWhenIdle) this.#timer = setTimeout(this.#poll, this.pollMs);
    // [/phase]
    const unmatched = drained.length - delivered.length;
    this.#hooks.onTick?.({ start, end: performance.now(), busy, delivered, unmatched, owed });
  };

  /** Matches a drained message to what its worker owes; false for anything it does not owe. */
  #settle({ job, message }: Queued): boolean {
    if (!this.#jobs.has(job)) return false;
    if (message.type === 'dom-attempt') {
      if (!job.domAttempt) return false;
      job.domAttempt = false;
    } else if (message.type === 'stopped' || !job.tasks.has(message.id)) {
      return false;
    } else if (message.type !== 'started' && message.type !== 'progress') {
      job.tasks.delete(message.id);
    }
    if (job.tasks.size === 0 && !job.domAttempt) {
      // Its work is over: the thread would have returned from work() by now.
      job.worker.terminate();
      this.#jobs.delete(job);
    }
    return true;
  }

  #phase(phase: QueuePhase, taskId: number): void {
    this.#hooks.onPhase?.({ phase, taskId, at: performance.now() });
  }
}

/** The task a queued message is about; 0 for a message about no task. */
export function taskOf({ message }: Queued): number {
  return 'id' in message ? message.id : 0;
}
