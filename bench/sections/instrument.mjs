// The instrument's own cost: main-thread time per frame on an idle page with every panel shown,
// beside the floor (a page whose only work is an empty requestAnimationFrame loop), and the idle
// frame intervals against the display's refresh interval. A second floor adds one dial turned by a
// CSS animation, as the page's compositor dial is: what the design's animation costs on its own.
import { mainThreadCost, trace } from '../lib/trace.mjs';
import { percentile, summarize } from '../lib/stats.mjs';
import { settled } from '../lib/visit.mjs';

/** How long to let loading settle, to trace, and to sample frame intervals. */
const TIMING = { settle: 2_000, trace: 5_000, intervals: 3_000 };
const QUICK_TIMING = { settle: 1_000, trace: 3_000, intervals: 2_000 };

async function idleCost(browser, url, ready, timing) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  await page.waitForTimeout(timing.settle);
  const events = await trace(page, () => page.waitForTimeout(timing.trace));
  const intervals = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        const end = last + ms;
        const frame = () => {
          const now = performance.now();
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(frame);
          else resolve(out);
        };
        requestAnimationFrame(frame);
      }),
    timing.intervals,
  );
  await context.close();
  return {
    ...mainThreadCost(events),
    p95: percentile(intervals, 0.95),
    median: percentile(intervals, 0.5),
  };
}

/**
 * The page as it idles, with its compositor dial's CSS animation paused: what the page costs beside
 * what the design's dial costs. (Only the benchmark pauses it; on the page it always turns.)
 */
async function settledDialPaused(page) {
  await settled(page);
  await page.addStyleTag({
    content: '.hand.compositor { animation-play-state: paused !important; }',
  });
  // A renamed dial would leave this measuring the page with its dial turning: say so instead.
  const paused = await page.evaluate(() => {
    const hands = [...document.querySelectorAll('.hand.compositor')];
    return (
      hands.length > 0 && hands.every((h) => getComputedStyle(h).animationPlayState === 'paused')
    );
  });
  if (!paused)
    throw new Error('the compositor dial (.hand.compositor) was not found or not paused');
}

export async function measureInstrument({ browser, appUrl, floorUrl, floorDialUrl, runs, quick }) {
  const timing = quick ? QUICK_TIMING : TIMING;
  const app = [];
  const appDialPaused = [];
  const floor = [];
  const floorDial = [];
  for (let i = 0; i < runs; i++) {
    app.push(
      await idleCost(
        browser,
        appUrl,
        // Idle means after start-up: every lazy part mounted, the frames quiet again.
        settled,
        timing,
      ),
    );
    appDialPaused.push(await idleCost(browser, appUrl, settledDialPaused, timing));
    floor.push(await idleCost(browser, floorUrl, async () => {}, timing));
    floorDial.push(await idleCost(browser, floorDialUrl, async () => {}, timing));
  }
  const pick = (list, key) => summarize(list.map((r) => r[key]));
  return {
    appScriptPerFrame: pick(app, 'scriptPerFrame'),
    appBusyPerFrame: pick(app, 'busyPerFrame'),
    appCpuPerFrame: pick(app, 'cpuPerFrame'),
    appDialPausedBusyPerFrame: pick(appDialPaused, 'busyPerFrame'),
    appDialPausedCpuPerFrame: pick(appDialPaused, 'cpuPerFrame'),
    floorScriptPerFrame: pick(floor, 'scriptPerFrame'),
    floorBusyPerFrame: pick(floor, 'busyPerFrame'),
    floorCpuPerFrame: pick(floor, 'cpuPerFrame'),
    floorDialBusyPerFrame: pick(floorDial, 'busyPerFrame'),
    floorDialCpuPerFrame: pick(floorDial, 'cpuPerFrame'),
    idleP95: pick(app, 'p95'),
    refreshInterval: pick(app, 'median'),
  };
}
