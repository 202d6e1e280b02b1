// Worker messaging: round trip (batched timings, as the clock is coarse) and pipelined requests
// per second, for raw postMessage (the floor), Comlink, and the Dedicated panel's code. Each run
// measures every contender with their batches interleaved; ratios to raw are taken within a run.
// "raw, same messages" echoes the Dedicated protocol's own messages with no code around them, so
// the gap between raw and Dedicated splits into the price of the messages and the price of the code.
import { summarize } from '../lib/stats.mjs';

export async function measureMessaging({ browser, pagesUrl, runs, quick }) {
  const trips = quick ? 2_000 : 5_000;
  const pipelined = quick ? 5_000 : 20_000;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${pagesUrl}messaging.html`);
  await page.waitForFunction(() => typeof window.messaging === 'object');
  const names = await page.evaluate(() => window.messaging.names());
  const rounds = [];
  for (let i = 0; i < runs; i++)
    rounds.push(
      await page.evaluate(
        ([n, t, p]) => window.messaging.measureRound(n, t, p),
        [names, trips, pipelined],
      ),
    );
  await context.close();
  const results = {};
  for (const name of names) {
    const list = rounds.map((round) => round[name]);
    results[name] = {
      mean: summarize(list.map((s) => s.mean)),
      p50: summarize(list.map((s) => s.p50)),
      p99: summarize(list.map((s) => s.p99)),
      perSecond: summarize(list.map((s) => s.perSecond)),
      meanVsRaw: summarize(rounds.map((round) => round[name].mean / round.raw.mean)),
      perSecondVsRaw: summarize(rounds.map((round) => round[name].perSecond / round.raw.perSecond)),
      perSecondVsComlink: summarize(
        rounds.map((round) => round[name].perSecond / round.comlink.perSecond),
      ),
      meanVsSameMessages: summarize(
        rounds.map((round) => round[name].mean / round['raw, same messages'].mean),
      ),
    };
  }
  return { trips, pipelined, results };
}
