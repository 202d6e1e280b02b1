/**
 * Strategy 1 — the mistake: run the task inside the click handler, the way `asyncio.run()` inside
 * a Tk button command does. The handler does not return until the task is over, and until it
 * returns the page can neither paint nor handle input: the same thread runs both.
 */
import { streamCount, type TaskSpec } from '../tasks/params';
import { computeFor, holdThread } from '../tasks/work';
import type { BlockingPhase, PhaseListener } from './phases';

/** The User Timing measure around each run: the instrument times the stall from it where the browser has no long tasks. */
export const BLOCKING_MEASURE = 'two-loops:blocking-run';

export interface BlockingView {
  /** Writes to the DOM. During the run nothing is painted, so only the last write is ever seen. */
  showProgress(text: string): void;
  showResult(text: string): void;
}

export function runBlocking(
  taskId: number,
  task: TaskSpec,
  view: BlockingView,
  onPhase: PhaseListener<BlockingPhase>,
): void {
  const phase = (name: BlockingPhase) => onPhase({ phase: name, taskId, at: performance.now() });
  const started = performance.now();

  // [phase submitted]
  phase('submitted');
  view.showProgress('Running…');
  // [/phase]

  // [phase running]
  phase('running');
  if (task.kind === 'wait') {
    // asyncio.run() is waiting on a timer, but inside the Tk callback: the thread is still held.
    holdThread(task.durationMs);
  } else if (task.kind === 'cpu') {
    computeFor(task.durationMs);
  } else {
    const steps = streamCount(task.durationMs, task.ratePerSecond);
    const start = performance.now();
    for (let i = 1; i <= steps; i++) {
      holdThread(start + (i * task.durationMs) / steps - performance.now());
      view.showProgress(`Step ${i} of ${steps}`);
    }
  }
  // [/phase]

  // [phase delivered]
  view.showResult(`Done after ${task.durationMs} ms`);
  phase('delivered');
  // [/phase]
  performance.measure(BLOCKING_MEASURE, { start: started, end: performance.now() });
  performance.clearMeasures(BLOCKING_MEASURE);
}
