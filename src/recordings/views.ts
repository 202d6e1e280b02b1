import type { Component } from 'svelte';
import type { StrategyFigures } from '../strategies/strategy-figures';
import type { TaskKind } from '../tasks/params';
import { withTraces } from './lazy.svelte';

export type RecordingStrategy = 'blocking' | 'queue' | 'dedicated';

export interface RecordingProps {
  strategy: RecordingStrategy;
  /** The panel's own figures, measured live, shown beside the recorded ones. */
  live?: StrategyFigures | null;
  /** Blocking: the task kind and D the reader chose; the nearest recording is shown. */
  kind?: TaskKind | undefined;
  durationMs?: number | undefined;
  /** Queue: the poll interval P the reader chose. */
  pollMs?: number | undefined;
  /** Show what the GIL does to the Tk thread (by default with the queue strategy only). */
  gil?: boolean | undefined;
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
