import type { Page } from '@playwright/test';

/** A trace event as the DevTools protocol reports it (times in µs). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

/** Traces `page` (these categories) while `action` runs; resolves with every event (see trace.mjs). */
export function trace(
  page: Page,
  action: () => Promise<unknown>,
  categories?: string,
): Promise<TraceEvent[]>;
/** Thread CPU time (ms) of each main-thread task after first contentful paint, longest first. */
export function ownTaskCpuAfterFirstPaint(events: TraceEvent[]): number[];
