/**
 * The executor: a second worker that takes CPU-bound work off the loop worker, as
 * `loop.run_in_executor()` hands it to a thread or process pool. While it computes, the loop
 * worker's other tasks keep running.
 */
import { computeFor } from '../../tasks/work';
import type { ExecutorDone, ExecutorJob } from '../../workers/protocol';

self.onmessage = (event) => {
  // Only the loop worker talks to this worker; see protocol.ts.
  const job = event.data as ExecutorJob;
  const done: ExecutorDone = { type: 'done', id: job.id, value: computeFor(job.durationMs) };
  self.postMessage(done);
};
