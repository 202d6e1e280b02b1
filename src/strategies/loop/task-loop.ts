import { streamCount, type TaskSpec } from '../../tasks/params';
import { computeFor } from '../../tasks/work';
import type { LoopToPage, PageToLoop, RunTask } from '../../workers/protocol';

/**
 * The page's `document`, as code that forgets which thread it runs on reaches for it. Declared for
 * the type check only: in a worker the name is unbound, so touching it throws, which is the lesson.
 */
declare const document: { title: string };

/** What the loop needs from its thread; injected so the loop can be tested with fake time. */
export interface LoopEnvironment {
  post(message: LoopToPage, transfer?: Transferable[]): void;
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** CPU work on another thread; resolves with the work's value. */
  runInExecutor(durationMs: number): Promise<number>;
  close(): void;
}

/** How often a stream wakes to send what is due: about once a frame, whatever the rate. */
export const STREAM_TICK_MS = 16;

class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Cancellation reaches a task only at an await, exactly as asyncio's does. */
class CancelToken {
  cancelled = false;
  #wakers = new Set<() => void>();

  cancel(): void {
    this.cancelled = true;
    for (const wake of this.#wakers) wake();
  }

  onCancel(wake: () => void): () => void {
    this.#wakers.add(wake);
    return () => this.#wakers.delete(wake);
  }
}

/**
 * The worker's event loop of tasks. Each task is an async function that awaits timers, so many run
 * at once on one thread; a `cpu` task computes without awaiting, and holds up every other task on
 * this loop until it is done — unless it is sent to the executor.
 */
export class TaskLoop {
  readonly #env: LoopEnvironment;
  readonly #tasks = new Map<number, { token: CancelToken; done: Promise<void> }>();
  #stopping = false;

  constructor(env: LoopEnvironment) {
    this.#env = env;
  }

  get pending(): number {
    return this.#tasks.size;
  }

  handle(message: PageToLoop): void {
    switch (message.type) {
      case 'run':
        if (!this.#stopping) this.#start(message);
        break;
      case 'cancel':
        this.#tasks.get(message.id)?.token.cancel();
        break;
      case 'stop':
        void this.#stop();
        break;
      case 'touch-dom':
        this.#touchDom();
        break;
      case 'crash':
        // Thrown from a timer so that it escapes every handler, as an uncaught error would.
        this.#env.setTimeout(() => {
          throw new Error('The loop worker crashed outside any task');
        }, 0);
        break;
    }
  }

  #start(message: RunTask): void {
    if (this.#tasks.has(message.id)) return;
    const { id, task, executor } = message;
    const env = this.#env;
    env.post({ type: 'started', id, at: env.now() });
    // A zero wait answers in the same turn, with no await: what is left is the cost of the round
    // trip itself, which is what the messaging benchmark measures. The page's forms never ask
    // for one.
    if (task.kind === 'wait' && task.durationMs <= 0) {
      this.#finish(message, { value: 0, sent: 0 });
      return;
    }
    const token = new CancelToken();
    const done = this.#work(id, task, executor, token)
      .then(
        (outcome) => this.#finish(message, outcome),
        (error: unknown) => this.#fail(id, error),
      )
      .finally(() => this.#tasks.delete(id));
    this.#tasks.set(id, { token, done });
  }

  #finish({ id, raise }: RunTask, { value, sent }: { value: number; sent: number }): void {
    if (raise)
      return this.#fail(id, new Error(`ValueError: task ${id} raised after its work, on purpose`));
    this.#env.post({ type: 'result', id, value, sent, readyAt: this.#env.now() });
  }

  #fail(id: number, error: unknown): void {
    const env = this.#env;
    if (error instanceof Cancelled) env.post({ type: 'cancelled', id, at: env.now() });
    else
      env.post({
        type: 'failed',
        id,
        message: error instanceof Error ? error.message : String(error),
        readyAt: env.now(),
      });
  }

  async #work(
    id: number,
    task: TaskSpec,
    executor: boolean,
    token: CancelToken,
  ): Promise<{ value: number; sent: number }> {
    switch (task.kind) {
      case 'wait':
        await this.#sleep(task.durationMs, token);
        return { value: task.durationMs, sent: 0 };
      case 'cpu':
        if (executor) {
          // Awaiting the executor is an await like any other: cancelling stops the wait, though
          // the computation itself runs to its end on the other thread.
          return {
            value: await this.#cancellable(this.#env.runInExecutor(task.durationMs), token),
            sent: 0,
          };
        }
        await this.#sleep(0, token);
        return { value: computeFor(task.durationMs), sent: 0 };
      case 'stream':
        return this.#stream(id, task, token);
    }
  }

  async #stream(
    id: number,
    task: TaskSpec,
    token: CancelToken,
  ): Promise<{ value: number; sent: number }> {
    const env = this.#env;
    const total = streamCount(task.durationMs, task.ratePerSecond);
    const start = env.now();
    let sent = 0;
    while (sent < total) {
      const elapsed = env.now() - start;
      // Wake when the next update falls due, but not more often than once a tick: at high rates
      // a tick's worth of updates travels in one message instead of one per timer firing.
      await this.#sleep(
        Math.max(
          (task.durationMs * (sent + 1)) / total - elapsed,
          Math.min(STREAM_TICK_MS, task.durationMs - elapsed),
        ),
        token,
      );
      const now = env.now();
      const due = Math.min(total, Math.floor(((now - start) * total) / task.durationMs));
      if (due <= sent) continue;
      // One message per tick carrying every update that fell due, in a buffer handed over
      // (transferred) rather than copied.
      const values = new Float64Array(due - sent);
      for (let i = 0; i < values.length; i++)
        values[i] = ((sent + i + 1) * task.durationMs) / total;
      env.post({ type: 'progress', id, first: sent + 1, values, total, at: now }, [values.buffer]);
      sent = due;
    }
    return { value: total, sent };
  }

  #sleep(ms: number, token: CancelToken): Promise<void> {
    return this.#cancellable(
      new Promise<void>((resolve) => {
        this.#env.setTimeout(resolve, Math.max(0, ms));
      }),
      token,
    );
  }

  #cancellable<T>(work: Promise<T>, token: CancelToken): Promise<T> {
    if (token.cancelled) return Promise.reject(new Cancelled());
    return new Promise<T>((resolve, reject) => {
      const forget = token.onCancel(() => reject(new Cancelled()));
      work.then(
        (value) => {
          forget();
          resolve(value);
        },
        (error: unknown) => {
          forget();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  async #stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const pending = [...this.#tasks.keys()];
    for (const { token } of this.#tasks.values()) token.cancel();
    await Promise.allSettled([...this.#tasks.values()].map((t) => t.done));
    this.#env.post({ type: 'stopped', cancelled: pending, at: this.#env.now() });
    this.#env.close();
  }

  #touchDom(): void {
    try {
      // A worker has no document: this line is the whole demonstration.
      document.title = 'Updated from a worker';
      this.#env.post({ type: 'dom-attempt', error: 'No error: this thread could reach the DOM.' });
    } catch (error) {
      this.#env.post({
        type: 'dom-attempt',
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
}
