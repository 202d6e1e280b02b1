import type { CDPSession, Page } from '@playwright/test';
import type { TraceEvent } from '../../../bench/lib/trace.mjs';

/**
 * Records a DevTools trace around `action` through the Chrome DevTools Protocol, the same data the
 * Performance panel shows, so the page's own figures can be checked against Chromium's.
 */
export async function traceAround(page: Page, action: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  try {
    await action();
  } finally {
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  return events;
}

function threadIds(events: TraceEvent[], threadName: string): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === threadName)
      ids.add(`${e.pid}:${e.tid}`);
  }
  return ids;
}

/** The longest task on the renderer's main thread, in milliseconds. */
export function longestMainThreadTask(events: TraceEvent[]): number {
  const main = threadIds(events, 'CrRendererMain');
  let longest = 0;
  for (const e of events) {
    if (e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)) {
      longest = Math.max(longest, (e.dur ?? 0) / 1000);
    }
  }
  return longest;
}

/**
 * The main-thread task that dispatched a click (`EventDispatch` of type `click` inside it), in
 * milliseconds, or null when the trace holds none. A test that clicks Run reads the task its click
 * ran in: the longest task of the trace can be another one, such as a part the run opened
 * mounting after it.
 */
export function clickTask(events: TraceEvent[]): number | null {
  const main = threadIds(events, 'CrRendererMain');
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const clicks = onMain.filter(
    (e) => e.name === 'EventDispatch' && (e.args?.data as { type?: string })?.type === 'click',
  );
  let longest: number | null = null;
  for (const click of clicks) {
    const task = onMain.find(
      (e) =>
        e.name === 'RunTask' &&
        e.ts <= click.ts &&
        e.ts + (e.dur ?? 0) >= click.ts + (click.dur ?? 0),
    );
    if (task) longest = Math.max(longest ?? 0, (task.dur ?? 0) / 1000);
  }
  return longest;
}

export async function newCdp(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}
