import { expect, test, type Page } from '@playwright/test';
import { msAfter, waitForInstrument, waitForPageSettled, watchForErrors } from './support/page';

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
  await page.goto(
    './?panel=one-thread&embed=1&mode=guest&duration=200&dialog=2000&show=extras,figures,recording',
  );
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

  // The cost of a step: a sleep(0) chain, then round trips started from a timer, not a click.
  await panel(page).getByRole('button', { name: 'Measure sleep(0) steps' }).click();
  await expect(panel(page).getByTestId('one-thread-guest-chain')).toContainText(
    'steps per second',
    { timeout: 15_000 },
  );
  const steps = Number(
    /([\d,]+) steps per second/
      .exec(await text(page, 'one-thread-guest-chain'))?.[1]
      ?.replace(/,/g, '') ?? 0,
  );
  // A rate was measured (tens of thousands per second on a quiet machine: see BENCHMARKS.md, a
  // speed figure that belongs to the benchmark, not here).
  expect(steps).toBeGreaterThan(0);
  await expect(panel(page).getByTestId('one-thread-guest-code-round-trip')).toContainText(
    /from a timer callback[\s\S]*p50 [\d.]+ ms/,
  );

  await expect(panel(page).getByTestId('recorded-guest-dialog')).toContainText('kept going', {
    timeout: 15_000,
  });
  // Its provenance names the interpreter and Tk, not a path on the recording machine.
  const recording = panel(page).getByTestId('tk-recording-one-thread-guest');
  await expect(recording).toContainText(/under CPython\s+3\.\d+\.\d+,\s+Tk 8\.\d+\.\d+/);
  expect(await recording.textContent()).not.toMatch(/\/bin\/|\.pyenv|[A-Z]:\\/);
  expect(errors).toEqual([]);
});

/** The comparison's cell in the row named `row`, under the column whose heading starts with `column`. */
async function comparisonCell(page: Page, row: RegExp, column: string): Promise<string> {
  const table = page.getByRole('region', { name: 'Comparison' }).getByRole('table');
  // textContent, not innerText: the comparison may be below the fold, where the page skips its
  // rendering (content-visibility), and innerText of an unrendered element is empty.
  const headings = await table.getByRole('columnheader').allTextContents();
  const index = headings.findIndex((h) => h.startsWith(column));
  expect(index, `a column named ${column}`).toBeGreaterThan(0);
  const cells = table.getByRole('row', { name: row }).getByRole('cell');
  return ((await cells.nth(index - 1).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

test("the comparison shows polling and guest mode as two columns, and switching modes keeps each mode's figures", async ({
  page,
}) => {
  // The full page (the comparison is not in an embed): on a loaded 2-core machine its load and
  // two runs take most of a minute. The limit only catches a hang.
  test.setTimeout(150_000);
  const errors = watchForErrors(page);
  await page.goto('./?panel=one-thread&duration=200');
  await waitForPageSettled(page);
  const comparison = page.getByRole('region', { name: 'Comparison' });
  const heading = (name: string) =>
    comparison.getByRole('columnheader', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
  await expect(heading('One thread (polling)')).toContainText('not measured');
  await expect(heading('One thread (guest mode)')).toContainText('not measured');

  // A polling run, then idle: the driver wakes about 1000/P = 50 times a second.
  const run = panel(page).getByRole('button', { name: 'Run', exact: true });
  await run.click();
  await expect(panel(page).getByTestId('one-thread-output')).toContainText('waited 200 ms');
  const idleRate = async () =>
    Number(/wakes ([\d.]+) times/.exec(await text(page, 'one-thread-idle'))?.[1] ?? Number.NaN);
  await expect.poll(idleRate, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(heading('One thread (polling)')).not.toContainText('not measured');
  await expect.poll(() => comparisonCell(page, /^Runs/, 'One thread (polling)')).toBe('1');
  await expect(heading('One thread (guest mode)')).toContainText('not measured');

  // Guest mode: figures of its own, polling's kept.
  await panel(page)
    .getByRole('radio', { name: /guest mode/ })
    .click();
  await expect(panel(page).getByTestId('one-thread-status')).not.toContainText('during its tasks');
  await run.click();
  await expect(panel(page).getByTestId('one-thread-output')).toContainText('waited 200 ms');
  await expect.poll(() => comparisonCell(page, /^Runs/, 'One thread (guest mode)')).toBe('1');
  await expect(heading('One thread (guest mode)')).not.toContainText('not measured');
  expect(await comparisonCell(page, /^Runs/, 'One thread (polling)')).toBe('1');
  for (const column of ['One thread (polling)', 'One thread (guest mode)'])
    expect(await comparisonCell(page, /Longest Tk-thread stall/, column)).toMatch(/\d ms/);
  // Idle wake-ups: polling's rate stays in its column; guest mode's is 0 once measured.
  await expect
    .poll(() => comparisonCell(page, /Idle wake-ups/, 'One thread (guest mode)'), {
      timeout: 10_000,
    })
    .toMatch(/^(★ )?0\.0\/s/);
  expect(
    Number(
      /([\d.]+)\/s/.exec(await comparisonCell(page, /Idle wake-ups/, 'One thread (polling)'))?.[1],
    ),
  ).toBeGreaterThan(0);

  // Back to polling: its figures are there again, not cleared.
  await panel(page)
    .getByRole('radio', { name: /polling/ })
    .click();
  await expect(panel(page).getByTestId('one-thread-status')).toContainText('during its tasks');
  // Kept, not cleared: a cleared figure reads as not measured, and guest mode's would be 0.
  expect(await idleRate()).toBeGreaterThan(0);
  expect(await comparisonCell(page, /^Runs/, 'One thread (guest mode)')).toBe('1');
  expect(errors).toEqual([]);
});
