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
  ];
  return { polls: POLLS, results, table };
}
