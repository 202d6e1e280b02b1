// A shared link to one panel lands on it and stays there while the page's lazy parts arrive
// above it, until the reader scrolls (src/app/land.ts).
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './support/page';

/** The target's top edge relative to the viewport's (px), rounded, with -0 read as 0. */
const topOf = (page: Page, id: string) =>
  page.locator(`#${id}`).evaluate((e) => Math.round(e.getBoundingClientRect().top) + 0);

/** Waits until the landing has let go of the view: the page settled and kept still, or was taken over. */
const landingEnded = (page: Page) =>
  page.waitForFunction(() => !document.documentElement.hasAttribute('data-landing'), null, {
    timeout: 45_000,
  });

/** The target's top edge (px) once the landing has ended and the page has fetched everything. */
async function topOnceSettled(page: Page, id: string): Promise<number> {
  // Kept there, not only brought there once: the parts that arrived meanwhile did not push it.
  await landingEnded(page);
  expect(await topOf(page, id)).toBe(0);
  // Still there with whatever arrived last (recordings, code) on the page: scroll anchoring's job.
  await page.waitForLoadState('networkidle');
  return topOf(page, id);
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
  await expect.poll(() => topOf(page, 'dedicated')).toBe(0);
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, -600);
  await landingEnded(page);
  await expect.poll(() => topOf(page, 'dedicated')).toBeGreaterThan(300);
  await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0);
  await page.waitForLoadState('networkidle');
  expect(await topOf(page, 'dedicated')).toBeGreaterThan(300);
});

test('a script’s scroll (the reader’s scroll bar, a link on the page) also ends the landing, even while parts arrive', async ({
  page,
}) => {
  await page.goto('./?panel=one-thread');
  await expect.poll(() => topOf(page, 'one-thread')).toBe(0);
  await page.evaluate(() => scrollTo(0, 0));
  await landingEnded(page);
  await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => scrollY)).toBeLessThan(900);
});
