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

/**
 * Skips the "predict, then run" question of the panel `id` (its section's id), which opens what the
 * question held back: the panel's real-Tk recording.
 */
export async function skipQuestion(page: Page, id: string): Promise<void> {
  await page.getByTestId(`${id}-predict`).getByRole('button', { name: 'Skip' }).click();
}

/** Reads a number followed by "ms" after `label` in a locator's text. */
export function msAfter(text: string, label: string): number | null {
  const match = new RegExp(`${label}\\s*([\\d,]+)\\s*ms`).exec(text.replace(/\s+/g, ' '));
  return match ? Number((match[1] as string).replace(/,/g, '')) : null;
}

/**
 * Waits until the panels that load after the first paint are on the page and the page has gone
 * quiet (ten frames in a row, each under 50 ms), so that their loading is not part of what a
 * timing test measures. A condition, not a pause: it ends as soon as the page is quiet, however
 * fast or slow the machine.
 */
export async function waitForPageSettled(page: Page): Promise<void> {
  await waitForInstrument(page);
  for (const name of [/Queue/, /Dedicated/, /Comparison/]) {
    await expect(page.getByRole('region', { name }).first()).toBeVisible();
  }
  await waitForQuietFrames(page);
}

/** Resolves once `count` consecutive frame intervals were each under `limitMs` (ms). */
export async function waitForQuietFrames(page: Page, count = 10, limitMs = 50): Promise<void> {
  await page.evaluate(
    ([count, limitMs]) =>
      new Promise<void>((resolve) => {
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
    [count, limitMs] as const,
  );
}
