// Stall accuracy (the page's figure against Chromium's trace) and live drawing (frames the
// monitor worker commits during a 1 s stall, from the trace's worker thread).
import { longestTask, pageMainThreads, threadKeys, trace } from '../lib/trace.mjs';
import { summarize } from '../lib/stats.mjs';

const BLOCKS = [50, 100, 500, 1000, 2000];

async function blockOnce(browser, appUrl, duration) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${appUrl}?panel=blocking&kind=cpu&duration=${duration}`);
  await page
    .getByText(/[1-9]\d* fps/)
    .first()
    .waitFor();
  await page.waitForTimeout(1_000);
  // The stall this Run caused, whatever the page did before: the list is capped and start-up
  // stalls may fill it, so it is found by time (its frame gap ends after the click), not by count.
  const clickedAt = await page.evaluate(() => performance.now());
  const stallOfRun = `[data-testid="stall-list"] li[data-frame-end]`;
  let handle = null;
  const events = await trace(
    page,
    async () => {
      await page
        .getByRole('region', { name: /Blocking/ })
        .getByRole('button', { name: 'Run' })
        .click();
      handle = await page.waitForFunction(
        ({ selector, after, least }) =>
          [...document.querySelectorAll(selector)].find(
            (item) =>
              Number(item.dataset.frameEnd) > after &&
              item.textContent.includes('long-task') &&
              Number(
                item
                  .querySelector('[data-testid="stall-duration"]')
                  .textContent.replace(/[^\d]/g, ''),
              ) >= least,
          ),
        { selector: stallOfRun, after: clickedAt, least: duration * 0.5 },
        { timeout: 60_000 },
      );
    },
    'devtools.timeline,disabled-by-default-devtools.timeline,blink',
  );
  const text = await handle.evaluate(
    (item) => item.querySelector('[data-testid="stall-duration"]').textContent,
  );
  const shown = Number(text.replace(/[^\d]/g, ''));
  const traced = longestTask(events);
  const workers = threadKeys(events, 'DedicatedWorker thread');
  const finalize = events
    .filter(
      (e) =>
        e.name === 'OffscreenCanvasRenderingContext2D::FinalizeFrame' &&
        workers.has(`${e.pid}:${e.tid}`),
    )
    .map((e) => e.ts / 1000);
  // The stall's window on the trace clock: the longest main-thread task.
  const main = pageMainThreads(events);
  const task = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .reduce((a, b) => ((b.dur ?? 0) > (a?.dur ?? 0) ? b : a), null);
  const during = task
    ? finalize.filter((t) => t >= task.ts / 1000 && t <= (task.ts + task.dur) / 1000).length
    : 0;
  await context.close();
  return {
    shown,
    traced,
    error: Math.abs(shown - traced),
    workerFramesPerSecond: task ? (during * 1e6) / task.dur : 0,
  };
}

export async function measureStalls({ browser, appUrl, runs }) {
  const accuracy = {};
  let drawing = null;
  for (const duration of BLOCKS) {
    const list = [];
    for (let i = 0; i < runs; i++) list.push(await blockOnce(browser, appUrl, duration));
    accuracy[duration] = {
      shown: summarize(list.map((r) => r.shown)),
      traced: summarize(list.map((r) => r.traced)),
      error: summarize(list.map((r) => r.error)),
    };
    if (duration === 1000) drawing = summarize(list.map((r) => r.workerFramesPerSecond));
  }
  const worst = Math.max(...Object.values(accuracy).map((a) => a.error.max));
  return { accuracy, worstError: worst, liveDrawingFps: drawing };
}
