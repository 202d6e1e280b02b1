import type { Component } from 'svelte';
import type { StrategyFigures } from '../strategies/strategy-figures';
import type { TaskKind } from '../tasks/params';
import type { ReaderRecording } from '../tk-traces/trace-types';
import { withTraces } from './lazy.svelte';

export type RecordingStrategy = 'blocking' | 'queue' | 'dedicated';

/**
 * One freeze of the Blocking panel: a Run click and every Run click made while it held the thread,
 * each of which ran the command again afterwards. The panel's status and the side-by-side table
 * both read these, so each figure has one definition.
 */
export interface FreezeFigures {
  /** Runs of the command in the freeze: the first click's, then one per click made during it. */
  runs: number;
  /** Longest wait (ms) of a Run click made during the freeze, from the click to its run starting; null when there was none. */
  longestClickWaitMs: number | null;
}

export interface RecordingProps {
  strategy: RecordingStrategy;
  /** The panel's own figures, measured live, shown beside the recorded ones. */
  live?: StrategyFigures | null;
  /** Blocking: the task kind and D the reader chose; the nearest recording is shown. */
  kind?: TaskKind | undefined;
  durationMs?: number | undefined;
  /** Blocking: the reader's last freeze, as the panel's status describes it; null before a run. */
  freeze?: FreezeFigures | null | undefined;
  /** Queue: the poll interval P the reader chose. */
  pollMs?: number | undefined;
  /** Show what the GIL does to the Tk thread (by default with the queue strategy only). */
  gil?: boolean | undefined;
  /** A reader's recording to show instead of the project's (their figures, beside ours). */
  source?: ReaderRecording | null | undefined;
}

/**
 * Each view is its own chunk, with the figure code, the validator and the loaders of the traces it
 * needs: none of it is part of the page's first load.
 */
export const VIEWS: Record<
  RecordingStrategy,
  () => Promise<{ default: Component<RecordingProps> }>
> = {
  blocking: withTraces(['blocking'], () => import('./BlockingRecording.svelte')),
  queue: withTraces(['polling', 'gil'], () => import('./QueueRecording.svelte')),
  dedicated: withTraces(['dedicated', 'shutdown'], () => import('./DedicatedRecording.svelte')),
};
