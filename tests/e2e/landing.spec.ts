// A shared link to one panel lands on it and stays there while the page's lazy parts arrive
// above it, until the reader scrolls (src/app/land.ts).
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './support/page';

/** The target's top edge relative to the viewport's (px), once the page has mounted everything. */
async function topOnceSettled(page: Page, id: string): Promise<number> {
  await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0, null, {
    timeout: 30_000,
  });
  // Kept there, not only brought there once: the parts that arrived meanwhile did not push it.
  await expect
    .poll(() => page.locator(`#${id}`).evaluate((e) => Math.round(e.getBoundingClientRect().top)))
    .toBe(0);
  // Still there a while later, with whatever arrived last (recordings, code) on the page.
  await page.waitForTimeout(2_000);
  return page.locator(`#${id}`).evaluate((e) => Math.round(e.getBoundingClientRect().top));
}

for (const [address, id] of [
  ['./?panel=dedicated', 'dedicated'],
  ['./?panel=one-thread&mode=guest', 'one-thread'],
  ['./#queue', 'queue'],
  ['./?panel=queue#one-thread', 'one-thread'],
] as const)
  test(`${address} lands on #${id} and stays there as the page loads`, async ({ page }) => {
    const errors = watchForErrors(page);
    await page.goto(address);
    expect(await topOnceSettled(page, id)).toBe(0);
    expect(errors).toEqual([]);
  });

test('the reader’s own scrolling wins over the landing', async ({ page }) => {
  await page.goto('./?panel=dedicated');
  const panel = page.locator('#dedicated');
  await expect.poll(() => panel.evaluate((e) => Math.round(e.getBoundingClientRect().top))).toBe(0);
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, -600);
  await expect
    .poll(() => panel.evaluate((e) => e.getBoundingClientRect().top))
    .toBeGreaterThan(300);
  await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0);
  await page.waitForTimeout(2_000);
  expect(await panel.evaluate((e) => e.getBoundingClientRect().top)).toBeGreaterThan(300);
});

test('a script’s scroll (the reader’s scroll bar, a link on the page) also ends the landing', async ({
  page,
}) => {
  await page.goto('./?panel=one-thread');
  const panel = page.locator('#one-thread');
  await expect.poll(() => panel.evaluate((e) => Math.round(e.getBoundingClientRect().top))).toBe(0);
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0);
  await page.waitForTimeout(2_000);
  expect(await page.evaluate(() => scrollY)).toBeLessThan(900);
});
