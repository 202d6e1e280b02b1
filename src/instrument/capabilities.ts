/**
 * What this browser lets the page measure, found by feature detection (never by the user agent),
 * and the one-line notes that say so beside the figures that depend on it. Pure functions over a
 * scope object, so the table below is tested without a browser and checked in every engine by the
 * cross-browser suite (tests/cross) against the README's support table.
 */

export interface Capabilities {
  /** `longtask` entries: a stall is the browser's own span of the task, not a frame gap. */
  longtask: boolean;
  /** `long-animation-frame` entries: the script behind a stall is named. */
  longAnimationFrame: boolean;
  /** Event Timing (`event` entries): the browser confirms how long an input waited. */
  eventTiming: boolean;
  /** `scheduler.yield()`. The page does not use it; the support table reports it. */
  schedulerYield: boolean;
  /** A canvas can be handed to a worker (`transferControlToOffscreen`), so the chart can draw during a stall. */
  offscreenCanvas: boolean;
}

export type Capability = keyof Capabilities;

export const CAPABILITIES: readonly Capability[] = [
  'longtask',
  'longAnimationFrame',
  'eventTiming',
  'schedulerYield',
  'offscreenCanvas',
];

/** The parts of a browser's global scope the detection reads. */
export interface DetectionScope {
  PerformanceObserver?: { supportedEntryTypes?: readonly string[] };
  scheduler?: { yield?: unknown };
  OffscreenCanvas?: unknown;
  HTMLCanvasElement?: { prototype: object };
}

export function detectCapabilities(
  scope: DetectionScope = globalThis as unknown as DetectionScope,
): Capabilities {
  const types = scope.PerformanceObserver?.supportedEntryTypes ?? [];
  const canvas = scope.HTMLCanvasElement?.prototype as
    { transferControlToOffscreen?: unknown } | undefined;
  return {
    longtask: types.includes('longtask'),
    longAnimationFrame: types.includes('long-animation-frame'),
    eventTiming: types.includes('event'),
    schedulerYield: typeof scope.scheduler?.yield === 'function',
    offscreenCanvas:
      typeof scope.OffscreenCanvas === 'function' &&
      typeof canvas?.transferControlToOffscreen === 'function',
  };
}

/** The capabilities present, space-separated, for a data attribute tests can read. */
export function capabilityList(capabilities: Capabilities): string {
  return CAPABILITIES.filter((name) => capabilities[name]).join(' ');
}

/** Where a figure is shown, and so which notes belong beside it. */
export type NoteSite = 'stalls' | 'probe';

/**
 * One line per missing API, in the reader's terms, for the figures shown at `site`. The stall
 * chart's own fallback (no OffscreenCanvas) is said by the chart, which also knows when the worker
 * died; scheduler.yield is not used by the page, so its absence changes no figure.
 */
export function capabilityNotes(capabilities: Capabilities, site: NoteSite): string[] {
  const notes: string[] = [];
  if (site === 'stalls') {
    if (!capabilities.longtask)
      notes.push(
        'In this browser stalls are measured from the pause between two redraws (the frame gap), so each can read up to one redraw (about 17 ms) long; the Blocking panel’s own runs are timed exactly, from marks it sets around its task. A stall that ran no strategy’s code is listed as “cause unknown”: with no long task reports from this browser, the page cannot tell its own work from another program’s.',
      );
    if (!capabilities.longAnimationFrame)
      notes.push(
        'Naming what held up a freeze (a click handler, a redraw callback) needs Chromium’s long animation frame reports.',
      );
  } else if (!capabilities.eventTiming) {
    notes.push(
      'These waits are the page’s own measurements: this browser has no Event Timing, so no figure from the browser stands beside them.',
    );
  }
  return notes;
}
