// The page's own stalls: a scripted visit (load, scroll through everything, open every disclosure,
// one wait task in the Queue and Dedicated panels, a theme switch and back), traced end to end.
// Reports the longest main-thread task after first paint and how many ran over 50 ms (from the
// browser's long-task entries, untraced), beside an empty page's floor, and names what the long
// tasks of one traced visit spent their time on.
import { pageMainThreads, trace } from '../lib/trace.mjs';
import { summarize } from '../lib/stats.mjs';
import { visitEverything } from '../lib/visit.mjs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'loading',
  'blink.user_timing',
].join(',');

/** Trace events inside a task that say what it was doing; the rest are bookkeeping. */
const WORK = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'EventDispatch',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'HitTest',
  'ScrollLayer',
  'IntersectionObserverController::computeIntersections',
]);

/**
 * Main-thread tasks of the page's renderer after its first contentful paint, longest first, each
 * with the milliseconds its direct kinds of work took (a nested event counts in its own kind and
 * in its parent's).
 */
export function tasksAfterFirstPaint(events) {
  const main = pageMainThreads(events);
  const fcp = events.find(
    (e) => e.name === 'firstContentfulPaint' && main.has(`${e.pid}:${e.tid}`),
  );
  const from = fcp ? fcp.ts : 0;
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const tasks = onMain
    .filter((e) => e.name === 'RunTask' && e.ts >= from)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const inside = {};
    for (const e of onMain) {
      if (e === task || !WORK.has(e.name) || e.ts < task.ts || e.ts >= end) continue;
      const url = e.args?.data?.url ? ` ${String(e.args.data.url).replace(/^.*\//, '')}` : '';
      const key = `${e.name}${e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? url : ''}`;
      inside[key] = (inside[key] ?? 0) + (e.dur ?? 0) / 1000;
    }
    const top = Object.entries(inside)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`);
    return {
      at: fcp ? (task.ts - from) / 1000 : null,
      duration: (task.dur ?? 0) / 1000,
      // Thread time: what the task cost the page's thread, whatever else the machine was doing.
      cpu: (task.tdur ?? task.dur ?? 0) / 1000,
      what: top.join(', '),
    };
  });
}

/**
 * One visit, untraced: the page's long tasks (the browser's own `longtask` entries, every
 * main-thread task over 50 ms) after its first contentful paint, in ms. Tracing the timeline
 * slows every task by a third to a half on this machine, so the headline figures come from visits
 * that are not traced; the trace below only says what the long tasks were made of.
 */
async function visitUntraced(browser, url, everything) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await everything(page);
  const tasks = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    return window.__longTasks.filter(([start]) => start >= paint).map(([, d]) => d);
  });
  await context.close();
  return { longest: Math.max(0, ...tasks), over50: tasks.length };
}

/** One traced visit: its longest tasks after first paint, with what each spent its time on. */
async function visitTraced(browser, url, everything) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const events = await trace(
    page,
    async () => {
      await page.goto(url);
      await everything(page);
    },
    CATEGORIES,
  );
  await context.close();
  const tasks = tasksAfterFirstPaint(events);
  return {
    worst: tasks.slice(0, 8),
    // Longest by thread time: on a busy machine the longest by wall time is whichever task a
    // neighbour held up most.
    byCpu: [...tasks].sort((a, b) => b.cpu - a.cpu).slice(0, 8),
  };
}

export async function measureOwnStalls({ browser, appUrl, pagesUrl, runs }) {
  const app = [];
  const floor = [];
  // The same scrolling over an empty page: what the browser itself costs.
  const scrollOnly = async (page) => {
    await page.mouse.wheel(0, 2_000);
    await page.waitForTimeout(1_000);
  };
  for (let i = 0; i < runs; i++) {
    app.push(await visitUntraced(browser, appUrl, visitEverything));
    floor.push(await visitUntraced(browser, `${pagesUrl}floor.html`, scrollOnly));
  }
  return {
    longest: summarize(app.map((r) => r.longest)),
    over50: summarize(app.map((r) => r.over50)),
    floorLongest: summarize(floor.map((r) => r.longest)),
    // One traced visit's longest tasks, with what each spent its time on (tracing slows them).
    ...(await visitTraced(browser, appUrl, visitEverything)),
  };
}
