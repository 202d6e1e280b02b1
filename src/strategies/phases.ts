/**
 * Every strategy reports what its task is doing as phase events. The panels highlight the lines of
 * the current phase in both languages, and the lane timeline draws them.
 */

export const BLOCKING_PHASES = ['submitted', 'running', 'delivered'] as const;
export type BlockingPhase = (typeof BLOCKING_PHASES)[number];

/** The same names as the markers in python/strategies/dedicated_loop.py. */
export const DEDICATED_PHASES = [
  'submitted',
  'running',
  'progress',
  'delivered',
  'cancelled',
  'stopped',
] as const;
export type DedicatedPhase = (typeof DEDICATED_PHASES)[number];

/** The same names as the markers in python/strategies/queue_polling.py. */
export const QUEUE_PHASES = [
  'submitted',
  'running',
  'result-queued',
  'polled',
  'delivered',
] as const;
export type QueuePhase = (typeof QUEUE_PHASES)[number];

export interface PhaseEvent<P extends string = string> {
  phase: P;
  taskId: number;
  /** Main-thread timeline (performance.now()). */
  at: number;
}

export type PhaseListener<P extends string = string> = (event: PhaseEvent<P>) => void;

/** The same names as the markers in python/strategies/one_thread.py. */
export const ONE_THREAD_PHASES = ['submitted', 'running', 'drained', 'dialog'] as const;
export type OneThreadPhase = (typeof ONE_THREAD_PHASES)[number];

/** The same names as the markers in python/strategies/one_thread_guest.py. */
export const GUEST_PHASES = ['submitted', 'running', 'handed-off', 'dialog'] as const;
export type GuestPhase = (typeof GUEST_PHASES)[number];
