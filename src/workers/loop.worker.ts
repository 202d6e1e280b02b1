/**
 * The loop worker: a long-lived thread running an event loop of tasks, as an asyncio loop in its
 * own thread does. The page submits tasks by message and is answered by message.
 */
import { asExecutorMessage, asLoopCommand } from './guards';
import type { ExecutorJob, LoopToPage } from './protocol';
import { TaskLoop } from './task-loop';
import { workerScope as scope } from './worker-scope';

let executor: Worker | null = null;
let nextJob = 1;
const jobs = new Map<
  number,
  { resolve: (value: number) => void; reject: (error: Error) => void }
>();

/** The executor starts on first use, like a pool created lazily by run_in_executor(None, …). */
function runInExecutor(durationMs: number): Promise<number> {
  if (!executor) {
    executor = new Worker(new URL('./executor.worker.ts', import.meta.url), {
      type: 'module',
      name: 'executor',
    });
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

const loop = new TaskLoop({
  post: (message: LoopToPage, transfer?: Transferable[]) => scope.postMessage(message, transfer),
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  runInExecutor,
  close: () => {
    executor?.terminate();
    scope.close();
  },
});

scope.onmessage = (event) => {
  const command = asLoopCommand(event.data);
  // A command that fails the check is dropped here; the page counts what it sent and what came back.
  if (command) loop.handle(command);
};
