// Streaming: the highest update rate the page absorbs — every update received, nothing left
// queued, p95 frame interval ≤ 20 ms — for each way of carrying updates from a worker.
import { summarize } from '../lib/stats.mjs';

export const METHODS = [
  'message-per-update-dom-per-message',
  'message-per-update-dom-per-frame',
  'worker-batches',
  'worker-batches-transferred',
];
const RATES = [10_000, 30_000, 100_000, 300_000, 700_000, 1_000_000, 2_000_000, 4_000_000];
const FRAME_GOAL_MS = 20;
/** Finishing this much later than the stream's own length means a backlog built up. */
const OVERRUN_MS = 100;

async function ramp(page, method, durationMs) {
  const steps = [];
  let best = 0;
  for (const rate of RATES) {
    const r = await page.evaluate(
      ([m, rt, d]) => window.runStream(m, rt, d),
      [method, rate, durationMs],
    );
    const absorbed = r.received === r.sent && r.p95 <= FRAME_GOAL_MS && r.overrunMs <= OVERRUN_MS;
    steps.push({ rate, ...r, absorbed });
    if (!absorbed) break;
    best = rate;
  }
  return { best, steps };
}

export async function measureStreaming({ browser, pagesUrl, runs, quick }) {
  const durationMs = quick ? 1_000 : 2_000;
  const results = {};
  for (const method of METHODS) {
    const bests = [];
    let lastSteps = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${pagesUrl}streaming.html`);
      await page.waitForFunction(() => typeof window.runStream === 'function');
      const { best, steps } = await ramp(page, method, durationMs);
      bests.push(best);
      lastSteps = steps;
      await context.close();
    }
    results[method] = { best: summarize(bests), steps: lastSteps };
  }
  return { durationMs, frameGoalMs: FRAME_GOAL_MS, rates: RATES, methods: results };
}
