// A hidden tab's time is not a stall, and polling does not make up missed ticks in a burst: timed,
// so it runs with the timed specs, alone.
import { expect, test } from '@playwright/test';
import { newCdp } from './support/trace';
import { waitForInstrument, waitForQuietFrames, watchForErrors } from './support/page';

test('a hidden tab: no fake stall, and no burst of poll ticks on return', async ({ page }) => {
  const errors = watchForErrors(page);
  // Counts the Queue panel's poll ticks: the timers set for the poll interval (50 ms).
  await page.addInitScript(() => {
    const w = window as unknown as { __ticks: number[] };
    w.__ticks = [];
    const original = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      if (ms !== 50 || typeof handler !== 'function') return original(handler, ms, ...rest);
      return original(
        (...args: unknown[]) => {
          w.__ticks.push(performance.now());
          (handler as (...a: unknown[]) => void)(...args);
        },
        ms,
        ...rest,
      );
    }) as typeof window.setTimeout;
  });
  await page.goto('./?kind=wait&duration=10000&poll=50');
  await waitForInstrument(page);
  const queue = page.getByRole('region', { name: /Queue/ });
  await queue.getByRole('button', { name: 'Run', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __ticks: number[] }).__ticks.length))
    .toBeGreaterThan(5);
  await waitForQuietFrames(page);
  const stalls = page.getByTestId('stall-duration');

  const cdp = await newCdp(page);
  const setVisibility = (state: string) =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const resumedAt = await page.evaluate(() => performance.now());
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await setVisibility('visible');
  // Polling has resumed past the 200 ms window below, and the page is drawing again.
  const ticksSince = (from: number) =>
    page.evaluate(
      (t) => (window as unknown as { __ticks: number[] }).__ticks.filter((x) => x >= t).length,
      from,
    );
  await expect.poll(() => ticksSince(resumedAt + 250)).toBeGreaterThan(2);
  await waitForQuietFrames(page);

  const ticks = await page.evaluate(() => (window as unknown as { __ticks: number[] }).__ticks);
  // 3 s hidden at one tick per 50 ms would be 60 owed ticks: none may be made up in a burst.
  const burst = ticks.filter((t) => t >= resumedAt && t < resumedAt + 200).length;
  test
    .info()
    .annotations.push({ type: 'ticks in the 200 ms after return', description: `${burst}` });
  expect(burst).toBeLessThanOrEqual(6);
  // Real long tasks may be recorded meanwhile (a busy 2-core machine); the 3 s hidden gap may not.
  // (A quiet page may have no stall at all, and then no list.)
  const durations = (await stalls.allInnerTexts()).map((t) => Number(t.replace(/[^\d]/g, '')));
  expect(Math.max(0, ...durations), durations.join(', ')).toBeLessThan(1_000);
  expect(errors).toEqual([]);
});
