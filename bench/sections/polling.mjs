// Queue polling: the Queue panel's delivery latency against the uniform 0…P theory (p50 = P/2,
// p95 = 0.95 P, plus up to a frame before the result is on screen), and its idle wake-ups per
// second against 1000/P, read from the panel itself, embedded alone.
import { summarize } from '../lib/stats.mjs';

const POLLS = [10, 50, 100, 250];

async function once(browser, appUrl, poll, idleMs) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const region = page.getByRole('region', { name: /Queue/ });
  const text = async (id) => (await region.getByTestId(id).innerText()).replace(/\s+/g, ' ');
  await page.goto(`${appUrl}?panel=queue&embed=1&kind=stream&duration=3000&rate=27&poll=${poll}`);
  await region.getByRole('button', { name: 'Run' }).click();
  await region
    .getByTestId('queue-output')
    .filter({ hasText: 'streamed 81 updates' })
    .waitFor({ timeout: 30_000 });
  const delivery = await text('queue-delivery');
  const ms = (label) =>
    Number(
      new RegExp(`${label}\\s*([\\d,.]+)\\s*ms`).exec(delivery)?.[1]?.replace(/,/g, '') ?? NaN,
    );
  await page.waitForTimeout(idleMs); // idle, polling
  const idle = Number(
    /Idle wake-ups ([\d.]+) per second/.exec(await text('queue-idle'))?.[1] ?? NaN,
  );
  await context.close();
  return { p50: ms('p50'), p95: ms('p95'), idle };
}

/** P for the One thread panel: async-tkinter-loop's 10 ms, tkinter's 20 ms, and 50 ms. */
const ONE_THREAD_POLLS = [10, 20, 50];

/**
 * The One thread panel alone: Tk-button clicks at irregular moments, so they fall at every phase
 * of the drain, then its idle wake-ups. Latency runs from the click's event time to its Tk
 * callback in a drain. Theory: uniform over 0…P.
 */
async function oneThreadOnce(browser, appUrl, poll, idleMs) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const region = page.getByRole('region', { name: /One thread/ });
  const text = async (id) => (await region.getByTestId(id).innerText()).replace(/\s+/g, ' ');
  await page.goto(`${appUrl}?panel=one-thread&embed=1&poll=${poll}`);
  const button = region.getByTestId('one-thread-tk-button');
  for (let i = 0; i < 30; i++) {
    await button.click();
    await page.waitForTimeout(23 + ((i * 37) % 41)); // spread over the drain's phase
  }
  await region.getByTestId('one-thread-clicks').filter({ hasText: '30 clicks' }).waitFor();
  await page.waitForTimeout(idleMs); // idle: only the driver wakes
  const latency = await text('one-thread-latency');
  const ms = (label) =>
    Number(new RegExp(`${label}\\s*([\\d,.]+)\\s*ms`).exec(latency)?.[1]?.replace(/,/g, '') ?? NaN);
  const idle = Number(/wakes ([\d.]+) times/.exec(await text('one-thread-idle'))?.[1] ?? NaN);
  await context.close();
  return { p50: ms('p50'), p95: ms('p95'), idle };
}

export async function measurePolling({ browser, appUrl, runs, quick }) {
  const idleMs = quick ? 2_000 : 3_000;
  const results = {};
  for (const poll of POLLS) {
    const list = [];
    for (let i = 0; i < runs; i++) list.push(await once(browser, appUrl, poll, idleMs));
    results[poll] = {
      p50: summarize(list.map((r) => r.p50)),
      p95: summarize(list.map((r) => r.p95)),
      idle: summarize(list.map((r) => r.idle)),
    };
  }
  const oneThread = {};
  for (const poll of ONE_THREAD_POLLS) {
    const list = [];
    for (let i = 0; i < runs; i++) list.push(await oneThreadOnce(browser, appUrl, poll, idleMs));
    oneThread[poll] = {
      p50: summarize(list.map((r) => r.p50)),
      p95: summarize(list.map((r) => r.p95)),
      idle: summarize(list.map((r) => r.idle)),
    };
  }
  const n = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const table = [
    '## 6. Queue polling',
    '',
    'The Queue panel alone (`embed=1`), a 3 s stream at 27 updates per second, so updates fall at every phase of the poll tick. Delivery latency runs from the moment a result exists in the worker to the first frame after the tick that shows it. Theory: uniform over 0…P, so p50 = P/2 and p95 = 0.95 P, plus up to one frame (≈ 17 ms) for the paint; idle, the page wakes 1000/P times a second (browsers clamp repeated timers to 4 ms, so P = 1 wakes at most about 250 times).',
    '',
    '| P | p50 (theory) | p95 (theory) | idle wake-ups per second (1000/P) |',
    '| --- | --- | --- | --- |',
    ...POLLS.map((p) => {
      const r = results[p];
      return `| ${p} ms | ${n(r.p50.median)} ms (${n(p / 2)} + ≤ 17) | ${n(r.p95.median)} ms (${n(0.95 * p)} + ≤ 17) | ${n(r.idle.median)} (${n(1000 / p)}) |`;
    }),
    '',
    'Beside it, the One thread panel alone (asyncio drives Tk on the main thread): 30 clicks on its Tk button at irregular moments, each timed from the event to its Tk callback in a drain (no paint included). Theory: uniform over 0…P; idle, the loop wakes 1000/P times a second.',
    '',
    '| P | click p50 (P/2) | click p95 (0.95 P) | idle wake-ups per second (1000/P) |',
    '| --- | --- | --- | --- |',
    ...ONE_THREAD_POLLS.map((p) => {
      const r = oneThread[p];
      return `| ${p} ms | ${n(r.p50.median)} ms (${n(p / 2)}) | ${n(r.p95.median)} ms (${n(0.95 * p)}) | ${n(r.idle.median)} (${n(1000 / p)}) |`;
    }),
    '',
    'Guest mode, the event-driven answer to polling, has its own section (6b).',
    '',
  ];
  return { polls: POLLS, results, oneThreadPolls: ONE_THREAD_POLLS, oneThread, table };
}
