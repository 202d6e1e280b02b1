// Guest mode's hand-off: the One thread panel in guest mode (Tk keeps `mainloop()`, Trio its guest;
// a helper worker waits, each step runs on the main thread), read from the panel itself, beside a
// bare postMessage round trip to an echoing worker in the same page, started the same two ways:
// from a click's handler and from code.
import { summarize } from '../lib/stats.mjs';

/**
 * Installs an echoing worker and a button in the page. A click on the button posts to the worker;
 * `window.__bareTrips` collects each round trip (ms) from the post to the answer's handler.
 */
async function installBare(page) {
  await page.evaluate(() => {
    const url = URL.createObjectURL(
      new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' }),
    );
    const worker = new Worker(url);
    const trips = (window.__bareTrips = []);
    let sent = 0;
    worker.onmessage = () => trips.push(performance.now() - sent);
    window.__bareWorker = worker;
    const button = document.createElement('button');
    button.id = 'bare-trip';
    button.textContent = 'bare round trip';
    button.style.cssText = 'position:fixed;right:4px;bottom:4px;z-index:99';
    button.onclick = () => {
      sent = performance.now();
      worker.postMessage(0);
    };
    document.body.append(button);
  });
}

/** Median of `count` bare round trips (ms) started from a real click, each after a pause. */
async function bareFromClick(page, count) {
  await page.evaluate(() => window.__bareTrips.splice(0));
  for (let i = 0; i < count; i++) {
    await page.click('#bare-trip');
    await page.waitForTimeout(60 + ((i * 37) % 41));
  }
  const trips = await page.evaluate(() => window.__bareTrips.splice(0));
  trips.sort((a, b) => a - b);
  return trips[Math.floor(trips.length / 2)];
}

/**
 * Bare round trips (ms) started from code: the median of batches of 20 back-to-back trips, each
 * batch timed as a whole and divided (the page's clock is coarser than one trip).
 */
async function bareFromCode(page, batches) {
  return page.evaluate(async (count) => {
    const worker = window.__bareWorker;
    const trip = () =>
      new Promise((resolve) => {
        worker.onmessage = () => resolve();
        worker.postMessage(0);
      });
    await trip();
    const means = [];
    for (let b = 0; b < count; b++) {
      const start = performance.now();
      for (let i = 0; i < 20; i++) await trip();
      means.push((performance.now() - start) / 20);
      await new Promise((r) => setTimeout(r, 5));
    }
    means.sort((a, b) => a - b);
    return means[Math.floor(means.length / 2)];
  }, batches);
}

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
    .waitFor({ timeout: 20_000 });
  await page.waitForTimeout(idleMs);
  const trip = await text('one-thread-guest-round-trip');
  const result = {
    lateP50: ms(await text('one-thread-guest-late'), 'p50'),
    clickTripP50: ms(trip, 'p50'),
    clickTripWaitP50: ms(trip, 'of which p50'),
    codeTripP50: ms(await text('one-thread-guest-code-round-trip'), 'p50'),
    clickP50: ms(await text('one-thread-latency'), 'p50'),
    steps: Number(
      /([\d,]+) steps per second/
        .exec(await text('one-thread-guest-chain'))?.[1]
        ?.replace(/,/g, '') ?? NaN,
    ),
    idle: Number(/wakes ([\d.]+) times/.exec(await text('one-thread-idle'))?.[1] ?? NaN),
  };
  await installBare(page);
  result.bareClick = await bareFromClick(page, 12);
  result.bareCode = await bareFromCode(page, 20);
  await context.close();
  return result;
}

const KEYS = [
  'clickTripP50',
  'clickTripWaitP50',
  'codeTripP50',
  'bareClick',
  'bareCode',
  'lateP50',
  'clickP50',
  'steps',
  'idle',
];

export async function measureGuest({ browser, appUrl, runs, quick }) {
  const idleMs = quick ? 2_000 : 3_000;
  const list = [];
  for (let i = 0; i < runs; i++) list.push(await guestOnce(browser, appUrl, idleMs));
  const guest = Object.fromEntries(KEYS.map((key) => [key, summarize(list.map((r) => r[key]))]));
  const n = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const table = [
    '## 6b. Guest mode: the hand-off',
    '',
    "The One thread panel in guest mode, alone (Tk keeps `mainloop()`, Trio its guest; a helper worker waits, each step runs on the main thread): 12 starts of a 50 ms wait while idle (each wakes the waiting helper: one round trip), 20 Tk-button clicks, the panel's `sleep(0)` chain (500 ms) and its 20 starts from a timer callback, then idle. Beside them, in the same page, a bare `postMessage` round trip to a worker that only echoes, started the same two ways: from a real click's handler and from code (batches of 20, divided). A round trip started by a click waits for the frame the browser paints after input, bare or not; started from code it does not.",
    '',
    "| round trip | the panel's hand-off | bare postMessage |",
    '| --- | --- | --- |',
    `| started by a click, p50 | ${n(guest.clickTripP50.median)} ms (of which after the helper answered: ${n(guest.clickTripWaitP50.median)} ms) | ${n(guest.bareClick.median, 2)} ms |`,
    `| started from code, p50 | ${n(guest.codeTripP50.median)} ms (from a timer callback) | ${n(guest.bareCode.median, 3)} ms |`,
    '',
    '| sleep(0) steps per second | sleep deadline → resumed p50 | Tk click → its callback p50 | idle wake-ups per second |',
    '| --- | --- | --- | --- |',
    `| ${n(guest.steps.median, 0)} | ${n(guest.lateP50.median)} ms | ${n(guest.clickP50.median)} ms | ${n(guest.idle.median)} (polling: 1000/P) |`,
    '',
  ];
  return { guest, table };
}
