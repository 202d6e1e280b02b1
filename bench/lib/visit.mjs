// A reader's visit, scripted: what the page does on its own while someone reads it. Shared by the
// benchmark ("the page's own stalls") and the end-to-end test that keeps it from coming back.

/** Resolves once `count` consecutive frame intervals were each under `limitMs` (ms). */
export function quietFrames(page, count = 5, limitMs = 50) {
  return page.evaluate(
    ([count, limitMs]) =>
      new Promise((resolve) => {
        let last = performance.now();
        let quiet = 0;
        const frame = () => {
          const now = performance.now();
          quiet = now - last < limitMs ? quiet + 1 : 0;
          last = now;
          if (quiet >= count) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [count, limitMs],
  );
}

/**
 * Resolves once the app has mounted every part it asked for (its diagnostics say no turn is
 * waiting) and the frames have gone quiet: what the page costs from then on is its idle cost.
 */
export async function settled(page) {
  await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0, null, {
    timeout: 120_000,
  });
  await quietFrames(page, 30);
}

/**
 * Loads nothing itself: from a freshly loaded app page, waits for the lazy parts, scrolls through
 * the whole page, opens every disclosure, runs one wait task in the Queue and in the Dedicated
 * panel, switches the theme to dark and back, and ends back at the top. Playwright `page`.
 */
export async function visitEverything(page) {
  // Every element is found by CSS or by a short script, never by role or text across the page:
  // Playwright runs its queries on the page's main thread, and one by role over this page took
  // 27–31 ms of thread time per poll, counted as the page's own long tasks until they went.
  await page.waitForFunction(
    () =>
      /[1-9]\d* fps/.test(document.querySelector('[data-testid="frame-stats"]')?.textContent ?? ''),
    null,
    { polling: 100 },
  );
  for (const selector of ['#queue', '#dedicated', 'section.comparison', '#what-goes-wrong']) {
    await page.locator(selector).first().waitFor();
  }
  await quietFrames(page);
  // Down the page a screen at a time, as a reader scrolls, letting what arrives arrive.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 700) {
    await page.mouse.wheel(0, 700);
    await quietFrames(page, 3);
  }
  // Every disclosure, one at a time.
  const summaries = page.locator('details:not([open]) > summary');
  for (let i = 0, n = await summaries.count(); i < n && i < 40; i++) {
    const summary = page.locator('details:not([open]) > summary').first();
    if (!(await summary.count())) break;
    await summary.scrollIntoViewIfNeeded();
    await summary.click();
    await quietFrames(page, 3);
  }
  for (const [id, output] of [
    ['queue', /task 1: waited/],
    ['dedicated', /Task 1/],
  ]) {
    const region = page.locator(`#${id}`);
    const kind = region.locator(`#${id}-kind`);
    if (await kind.count()) await kind.selectOption('wait').catch(() => {});
    const run = region.locator('button.run');
    await run.scrollIntoViewIfNeeded();
    await quietFrames(page, 3);
    await run.click();
    await page.waitForFunction(
      ([id, source]) => new RegExp(source).test(document.getElementById(id)?.textContent ?? ''),
      [id, output.source],
      { polling: 100, timeout: 30_000 },
    );
    await quietFrames(page, 5);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await quietFrames(page, 3);
  const theme = page.locator('select[aria-label="Theme"]');
  await theme.selectOption('dark');
  await quietFrames(page, 5);
  await theme.selectOption('light');
  await quietFrames(page, 5);
}
