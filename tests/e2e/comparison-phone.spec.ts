// The comparison on a phone (390 px): one small table per strategy, each inside the screen's
// width with its caption in view, nothing to scroll sideways; axe clean in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { waitForInstrument, watchForErrors } from './support/page';

test.use({ viewport: { width: 390, height: 844 } });

for (const theme of ['light', 'dark'] as const)
  test(`the comparison reads at 390 px, a table per strategy, ${theme}`, async ({ page }) => {
    const errors = watchForErrors(page);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`./?theme=${theme}`);
    await waitForInstrument(page);
    const blocking = page.getByRole('region', { name: /Blocking/ }).first();
    await blocking.getByRole('button', { name: 'Run', exact: true }).click();
    const comparison = page.getByRole('region', { name: 'Comparison' });
    await comparison.scrollIntoViewIfNeeded();
    // The five-column table is not shown on a phone; the Blocking strategy's own table is.
    const table = comparison.getByRole('table', { name: 'Blocking' });
    await expect(table).toBeVisible({ timeout: 30_000 });
    await expect(comparison.getByRole('table', { name: /side by side/ })).toBeHidden();
    await expect(table.getByRole('row', { name: /Longest Tk-thread stall/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /Runs/ })).toContainText('1');
    // Strategies not run yet say where to run them, in one line each.
    await expect(comparison.getByText(/Dedicated loop: not measured yet/)).toBeVisible();
    // Everything inside the screen's width: the caption and every cell.
    for (const part of [table, table.locator('caption'), ...(await table.locator('td').all())]) {
      const box = await part.boundingBox();
      expect(box, 'laid out').not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const { violations } = await new AxeBuilder({ page }).include('section.comparison').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
      [],
    );
    expect(errors).toEqual([]);
  });
