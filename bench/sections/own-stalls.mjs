// The page's own stalls: a scripted visit (load, scroll through everything, open every disclosure,
// one wait task in the Queue and Dedicated panels, a theme switch and back), traced end to end.
// Reports the longest main-thread task after first paint and how many ran over 50 ms, beside an
// empty page's floor under the same visit, and names what each long task spent its time on.
import { threadKeys, trace } from '../lib/trace.mjs';
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
  const main = threadKeys(events, 'CrRendererMain');
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
      what: top.join(', '),
    };
  });
}

async function visitOnce(browser, url, everything) {
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
    longest: tasks[0]?.duration ?? 0,
    over50: tasks.filter((t) => t.duration > 50).length,
    worst: tasks.slice(0, 6),
  };
}

export async function measureOwnStalls({ browser, appUrl, pagesUrl, runs }) {
  const app = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    app.push(await visitOnce(browser, appUrl, visitEverything));
    floor.push(
      await visitOnce(browser, `${pagesUrl}floor.html`, async (page) => {
        // The same scrolling over an empty page: what the browser itself costs.
        await page.mouse.wheel(0, 2_000);
        await page.waitForTimeout(1_000);
      }),
    );
  }
  const median = [...app].sort((a, b) => a.longest - b.longest)[Math.floor(app.length / 2)];
  return {
    longest: summarize(app.map((r) => r.longest)),
    over50: summarize(app.map((r) => r.over50)),
    floorLongest: summarize(floor.map((r) => r.longest)),
    // The median run's longest tasks, with what each spent its time on.
    worst: median?.worst ?? [],
  };
}
