import { expect, test, type Page } from '@playwright/test';
import { msAfter, waitForInstrument, watchForErrors } from './support/page';

// Guest mode of the one-thread panel: Tk keeps mainloop(), a helper worker waits, each step runs on
// the main thread. Tolerances only catch a collapse into polling or into a paused loop.

const panel = (page: Page) => page.getByRole('region', { name: /One thread/ });

async function text(page: Page, testId: string): Promise<string> {
  return (await panel(page).getByTestId(testId).innerText()).replace(/\s+/g, ' ');
}

test('guest mode: no idle wake-ups, the Trio counter runs through a dialog, a computing task still stalls', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./?panel=one-thread&embed=1&mode=guest&duration=200&dialog=2000');
  await waitForInstrument(page);
  await expect(panel(page).getByRole('radio', { name: /guest mode/ })).toBeChecked();

  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel(page).getByTestId('one-thread-output')).toContainText('waited 200 ms');

  // Idle: the helper waits without a deadline. Polling at the default P would wake 50 times a second.
  const rate = async () =>
    Number(/wakes ([\d.]+) times/.exec(await text(page, 'one-thread-idle'))?.[1] ?? Number.NaN);
  await expect.poll(rate, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
  expect(await rate()).toBeLessThan(1);

  // A dialog pauses nothing: the Trio counter keeps ticking while it is open.
  await panel(page).getByRole('button', { name: 'Open a modal dialog' }).click();
  const dialog = panel(page).getByRole('group', { name: /Modal dialog/ });
  await expect(dialog).toBeVisible({ timeout: 5_000 });
  const count = async () =>
    Number(/: (\d+)/.exec(await text(page, 'one-thread-asyncio-counter'))?.[1] ?? Number.NaN);
  const atOpen = await count();
  await expect.poll(count, { intervals: [100] }).toBeGreaterThan(atOpen + 3);
  await expect(dialog).toBeHidden({ timeout: 10_000 });
  await expect(panel(page).getByTestId('one-thread-asyncio-counter')).toContainText('longest gap', {
    timeout: 5_000,
  });
  // Polling's counter would stop for the whole 2,000 ms dialog.
  const gap = msAfter(await text(page, 'one-thread-asyncio-counter'), 'longest gap');
  expect(gap as number).toBeLessThan(1600);

  // A coroutine that computes without awaiting still holds the thread, and the stall is its own.
  await panel(page).getByLabel('Task kind').selectOption('cpu');
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel(page).getByTestId('one-thread-output')).toContainText('computed');
  await expect
    .poll(
      async () =>
        Number(/Longest stall (\d+)/.exec(await text(page, 'one-thread-status'))?.[1] ?? 0),
      { timeout: 10_000 },
    )
    .toBeGreaterThan(100);

  await expect(panel(page).getByTestId('recorded-guest-dialog')).toContainText('kept going', {
    timeout: 15_000,
  });
  expect(errors).toEqual([]);
});
