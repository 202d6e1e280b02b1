/**
 * The loop worker: a long-lived thread running an event loop of tasks, as an asyncio loop in its
 * own thread does. The page submits tasks by message and is answered by message.
 */
import { asExecutorMessage, checkLoopCommands } from '../../workers/guards';
import { Outbox } from '../../workers/outbox';
import { workersBlocked } from '../../workers/blocked';
import type { ExecutorJob, LoopToPage, LoopToPagePost } from '../../workers/protocol';
import { startModuleWorker } from '../../workers/start';
import executorUrl from './executor.worker.ts?worker&url';
import { TaskLoop } from './task-loop';

let executor: Worker | null = null;
let nextJob = 1;
const jobs = new Map<
  number,
  { resolve: (value: number) => void; reject: (error: Error) => void }
>();

/** The executor starts on first use, like a pool created lazily by run_in_executor(None, …). */
function runInExecutor(durationMs: number): Promise<number> {
  if (!executor) {
    try {
      executor = startModuleWorker(executorUrl, 'executor');
    } catch (error) {
      // The host lets the page start this thread but not this thread start another: the task
      // fails with the reason, the loop and its other tasks go on.
      return Promise.reject(
        new Error(
          workersBlocked(
            error,
            "run_in_executor() hands CPU work to a second worker, which the loop's worker starts",
          ),
        ),
      );
    }
    executor.onmessage = (event: MessageEvent<unknown>) => {
      const done = asExecutorMessage(event.data);
      if (!done) return;
      jobs.get(done.id)?.resolve(done.value);
      jobs.delete(done.id);
    };
    executor.onerror = (event) => {
      event.preventDefault();
      for (const job of jobs.values())
        job.reject(new Error(`The executor failed: ${event.message}`));
      jobs.clear();
      executor = null;
    };
  }
  const id = nextJob++;
  const job: ExecutorJob = { type: 'job', id, durationMs };
  executor.postMessage(job);
  return new Promise((resolve, reject) => jobs.set(id, { resolve, reject }));
}

// Every answer of one turn goes to the page in one post (see LoopToPagePost).
const outbox = new Outbox<LoopToPage>((messages: LoopToPagePost, transfer) =>
  self.postMessage(messages, transfer),
);
/** Read once: the clock's origin never moves, and the getter is not free. */
const timeOrigin = performance.timeOrigin;

const loop = new TaskLoop({
  post: (message, transfer) => outbox.post(message, transfer),
  now: () => timeOrigin + performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  runInExecutor,
  close: () => {
    // The last answers (`stopped` among them) must leave before the thread does.
    outbox.flush();
    executor?.terminate();
    self.close();
  },
});

self.onmessage = (event) => {
  // A command that fails the check is dropped here; the page counts what it sent and what came back.
  // What the commands answer at once leaves as soon as they are handled.
  outbox.holding(() => {
    for (const command of checkLoopCommands(event.data).messages) loop.handle(command);
  });
};
