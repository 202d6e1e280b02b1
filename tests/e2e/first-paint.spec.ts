import { expect, test } from '@playwright/test';
import { E2E_ORIGIN } from './support/build';

// What a reader sees before any script has run: index.html carries the page's opening and its
// stylesheet, so the first paint does not wait for the app. embed.html carries neither opening
// nor anything else to flash inside another site's frame before the panel starts.

test.describe('before the app starts', () => {
  test.use({ javaScriptEnabled: false });

  test("index.html paints the page's opening, styled, with no script", async ({ page }) => {
    await page.goto(`${E2E_ORIGIN}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Two Loops' })).toBeVisible();
    await expect(page.locator('.lede')).toContainText('Tkinter and asyncio');
    // The stylesheet is inline: the heading already has the page's size, not the browser's.
    const size = await page
      .getByRole('heading', { level: 1 })
      .evaluate((h) => getComputedStyle(h).fontSize);
    expect(size).toBe('28px');
  });

  test('embed.html shows nothing of the full page', async ({ page }) => {
    await page.goto(`${E2E_ORIGIN}/embed.html?panel=queue&embed=1`);
    await expect(page.locator('#app')).toBeAttached();
    await expect(page.locator('#app')).toHaveText('');
    // The only other content, the "not started" hint, is hidden at first and takes no room.
    const hint = page.getByTestId('not-started');
    await expect(hint).toBeHidden();
    expect(await hint.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
    expect(await page.evaluate(() => document.body.getBoundingClientRect().height)).toBe(0);
  });
});

test('once the app starts, the opening is there once, live', async ({ page }) => {
  await page.goto(`${E2E_ORIGIN}/`);
  await expect(page.getByRole('combobox', { name: 'Theme' })).toBeEnabled();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('.lede')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Skip to the strategies' })).toHaveCount(1);
});
