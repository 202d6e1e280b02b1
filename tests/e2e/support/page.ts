import { expect, type Page } from '@playwright/test';

/** Fails the test on any console error or uncaught exception the page produces. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Waits until the page's frame loop is running, so stalls can be measured from the first click. */
export async function waitForInstrument(page: Page): Promise<void> {
  await expect(page.getByTestId('frame-stats')).toContainText(/[1-9]\d* fps/);
}

/** Reads a number followed by "ms" after `label` in a locator's text. */
export function msAfter(text: string, label: string): number | null {
  const match = new RegExp(`${label}\\s*([\\d,]+)\\s*ms`).exec(text.replace(/\s+/g, ' '));
  return match ? Number((match[1] as string).replace(/,/g, '')) : null;
}

/**
 * Waits until the panels that load after the first paint are on the page, and a moment more, so
 * that their loading is not part of what a timing test measures.
 */
export async function waitForPageSettled(page: Page): Promise<void> {
  await waitForInstrument(page);
  for (const name of [/Queue/, /Dedicated/, /Comparison/]) {
    await expect(page.getByRole('region', { name }).first()).toBeVisible();
  }
  await page.waitForTimeout(500);
}
