// Worker messaging: round trip (batched timings, as the clock is coarse) and pipelined requests
// per second, for raw postMessage (the floor), Comlink, and whatever else the page registers.
import { summarize } from '../lib/stats.mjs';

export async function measureMessaging({ browser, pagesUrl, runs, quick }) {
  const trips = quick ? 2_000 : 5_000;
  const pipelined = quick ? 5_000 : 20_000;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${pagesUrl}messaging.html`);
  await page.waitForFunction(() => typeof window.messaging === 'object');
  const names = await page.evaluate(() => window.messaging.names());
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  // Interleaved, so drift on the shared machine touches every contender alike.
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      samples[name].push(
        await page.evaluate(
          ([n, t, p]) => window.messaging.measure(n, t, p),
          [name, trips, pipelined],
        ),
      );
    }
  }
  await context.close();
  const results = {};
  for (const name of names) {
    const list = samples[name];
    results[name] = {
      mean: summarize(list.map((s) => s.mean)),
      p50: summarize(list.map((s) => s.p50)),
      p99: summarize(list.map((s) => s.p99)),
      perSecond: summarize(list.map((s) => s.perSecond)),
    };
  }
  return { trips, pipelined, results };
}
