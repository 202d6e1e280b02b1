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

/** A bare postMessage round trip (ms) to a worker that only echoes, in the same page: the floor. */
async function bareRoundTrip(page, trips) {
  return page.evaluate(async (count) => {
    const url = URL.createObjectURL(
      new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' }),
    );
    const worker = new Worker(url);
    const once = () =>
      new Promise((resolve) => {
        const start = performance.now();
        worker.onmessage = () => resolve(performance.now() - start);
        worker.postMessage(0);
      });
    await once(); // the worker's start-up is not a round trip
    const times = [];
    for (let i = 0; i < count; i++) times.push(await once());
    worker.terminate();
    URL.revokeObjectURL(url);
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  }, trips);
}

/**
 * The One thread panel in guest mode, alone: Run pressed while the loop is idle (each start wakes
 * the waiting helper: one round trip), sleeps resumed after the helper's timer and one hand-off,
 * Tk-button clicks handled by mainloop() at once, the steps per second of a sleep(0) chain, and the
 * idle wake-ups; beside a bare postMessage round trip in the same page.
 */
async function guestOnce(browser, appUrl, idleMs) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const region = page.getByRole('region', { name: /One thread/ });
  const text = async (id) => (await region.getByTestId(id).innerText()).replace(/\s+/g, ' ');
  const ms = (line, label) =>
    Number(new RegExp(`${label}\\s*([\\d,.]+)\\s*ms`).exec(line)?.[1]?.replace(/,/g, '') ?? NaN);
  await page.goto(`${appUrl}?panel=one-thread&embed=1&mode=guest&kind=wait&duration=50`);
  const run = region.getByRole('button', { name: 'Run', exact: true });
  for (let i = 0; i < 12; i++) {
    await run.click();
    await page.waitForTimeout(150 + ((i * 37) % 41)); // idle again before the next start
  }
  const button = region.getByTestId('one-thread-tk-button');
  for (let i = 0; i < 20; i++) {
    await button.click();
    await page.waitForTimeout(23 + ((i * 37) % 41));
  }
  await region.getByTestId('one-thread-clicks').filter({ hasText: '20 clicks' }).waitFor();
  await region.getByRole('button', { name: 'Measure sleep(0) steps' }).click();
  await region
    .getByTestId('one-thread-guest-chain')
    .filter({ hasText: 'steps per second' })
    .waitFor({ timeout: 10_000 });
  await page.waitForTimeout(idleMs);
  const late = await text('one-thread-guest-late');
  const trip = await text('one-thread-guest-round-trip');
  const clicks = await text('one-thread-latency');
  const steps = Number(
    /([\d,]+) steps per second/
      .exec(await text('one-thread-guest-chain'))?.[1]
      ?.replace(/,/g, '') ?? NaN,
  );
  const idle = Number(/wakes ([\d.]+) times/.exec(await text('one-thread-idle'))?.[1] ?? NaN);
  const bare = await bareRoundTrip(page, 200);
  await context.close();
  return {
    lateP50: ms(late, 'p50'),
    roundTripP50: ms(trip, 'p50'),
    clickP50: ms(clicks, 'p50'),
    steps,
    idle,
    bare,
  };
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
  const guestList = [];
  for (let i = 0; i < runs; i++) guestList.push(await guestOnce(browser, appUrl, idleMs));
  const guest = Object.fromEntries(
    ['lateP50', 'roundTripP50', 'clickP50', 'steps', 'idle', 'bare'].map((key) => [
      key,
      summarize(guestList.map((r) => r[key])),
    ]),
  );
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
    'And the One thread panel in guest mode (Tk keeps `mainloop()`, Trio its guest; a helper worker waits, each step runs on the main thread): 12 starts of a 50 ms wait while idle, 20 Tk-button clicks, one 500 ms `sleep(0)` chain, then idle. A start wakes the waiting helper, which hands the step back: one postMessage round trip, shown beside a bare round trip to an echoing worker in the same page.',
    '',
    '| click p50 | start → step (round trip) p50 | bare postMessage round trip | sleep deadline → resumed p50 | sleep(0) steps per second | idle wake-ups per second |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${n(guest.clickP50.median)} ms | ${n(guest.roundTripP50.median)} ms | ${n(guest.bare.median, 2)} ms | ${n(guest.lateP50.median)} ms | ${n(guest.steps.median, 0)} | ${n(guest.idle.median)} (polling: 1000/P) |`,
    '',
  ];
  return { polls: POLLS, results, oneThreadPolls: ONE_THREAD_POLLS, oneThread, guest, table };
}
