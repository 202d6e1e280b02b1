/**
 * Every strategy reports what its task is doing as phase events. The panels highlight the lines of
 * the current phase in both languages, and the lane timeline draws them.
 */

export const BLOCKING_PHASES = ['submitted', 'running', 'delivered'] as const;
export type BlockingPhase = (typeof BLOCKING_PHASES)[number];

export interface PhaseEvent<P extends string = string> {
  phase: P;
  taskId: number;
  /** Main-thread timeline (performance.now()). */
  at: number;
}

export type PhaseListener<P extends string = string> = (event: PhaseEvent<P>) => void;
