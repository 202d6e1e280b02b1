// Faults, end to end: each one is provoked for real in Chromium, the page must say what happened,
// and the next run must work. The only console errors allowed are the ones a test provokes.
import { expect, test, type Page, type Worker } from '@playwright/test';
import { msAfter, waitForInstrument, watchForErrors } from './support/page';

const region = (page: Page, name: RegExp) => page.getByRole('region', { name });
const dedicated = (page: Page) => region(page, /Dedicated/);
const runIn = (panel: ReturnType<typeof region>) =>
  panel.getByRole('button', { name: 'Run', exact: true });
/** A task's row in the Dedicated panel, found by its row header ("Task 3"). */
const row = (page: Page, id: number) =>
  dedicated(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: `Task ${id}`, exact: true }) });

async function openDedicated(page: Page, query: string): Promise<void> {
  await page.goto(`./?panel=dedicated&${query}`);
  await waitForInstrument(page);
  await expect(runIn(dedicated(page))).toBeVisible();
}

/** The page's worker whose script URL contains `name` (the build keeps it in the file name). */
async function workerNamed(page: Page, name: string): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => w.url().includes(name))).toBe(true);
  return page.workers().find((w) => w.url().includes(name)) as Worker;
}

/** Sets the Dedicated form to a short wait task, one at a time, and runs it. */
async function runShortWait(page: Page): Promise<void> {
  await dedicated(page).getByLabel('Task kind').selectOption('wait');
  await dedicated(page)
    .getByLabel(/Duration/)
    .fill('100');
  await dedicated(page)
    .getByLabel(/Concurrent tasks/)
    .fill('1');
  await runIn(dedicated(page)).click();
}

test.describe('Faults', () => {
  let errors: string[];
  /** Console errors a test provokes on purpose, and expects the page to report. */
  let provoked: RegExp | null;
  test.beforeEach(async ({ page }) => {
    errors = watchForErrors(page);
    provoked = null;
  });
  test.afterEach(() => {
    expect(errors.filter((e) => !provoked?.test(e))).toEqual([]);
  });

  test('a task that throws fails with its message, and the next run succeeds', async ({ page }) => {
    await openDedicated(page, 'kind=wait&duration=100&tasks=1');
    await dedicated(page).getByRole('button', { name: 'Throw', exact: true }).click();
    await expect(row(page, 1)).toContainText('failed');
    await expect(row(page, 1)).toContainText('ValueError: task 1 raised after its work');
    await runIn(dedicated(page)).click();
    await expect(row(page, 2)).toContainText('done');
    await expect(dedicated(page).getByTestId('dedicated-tally')).toContainText('1 done · 1 failed');
  });

  test('the loop worker throwing outside a task rejects what is in flight; the next run works', async ({
    page,
  }) => {
    provoked = /crashed outside any task/;
    await openDedicated(page, 'kind=stream&duration=5000&rate=2000&tasks=3');
    await runIn(dedicated(page)).click();
    await expect(row(page, 3)).toContainText(/running|\d+ \/ /);
    await dedicated(page).getByRole('button', { name: 'Crash worker', exact: true }).click();
    for (const id of [1, 2, 3]) {
      await expect(row(page, id)).toContainText('killed');
      await expect(row(page, id)).toContainText(
        'The worker died: Uncaught Error: The loop worker crashed outside any task',
      );
    }
    await expect(dedicated(page).getByTestId('dedicated-notice')).toContainText('The worker died');
    await runShortWait(page);
    await expect(row(page, 4)).toContainText('done');
  });

  test('Kill mid-stream rejects the tasks in flight; the next submit works', async ({ page }) => {
    await openDedicated(page, 'kind=stream&duration=5000&rate=20000&tasks=5');
    const workersBefore = page.workers().length;
    await runIn(dedicated(page)).click();
    await expect(row(page, 5)).toContainText(/[1-9][\d,]* \/ 100,000/);
    await dedicated(page).getByRole('button', { name: 'Kill worker', exact: true }).click();
    for (let id = 1; id <= 5; id++)
      await expect(row(page, id)).toContainText('Killed: worker.terminate() ended the worker');
    await expect.poll(() => page.workers().length).toBe(workersBefore);
    await runShortWait(page);
    await expect(row(page, 6)).toContainText('done');
  });

  test('a worker that never answers is ended after its deadline, its tasks rejected', async ({
    page,
  }) => {
    await openDedicated(page, 'kind=wait&duration=1000&tasks=2');
    await runIn(dedicated(page)).click();
    await expect(row(page, 2)).toContainText('running');
    // Hang the loop worker's thread for good: it can no longer answer anything.
    const loop = await workerNamed(page, 'loop');
    void loop
      .evaluate(() => {
        for (;;);
      })
      .catch(() => undefined); // rejects when the page ends the worker
    const startedAt = Date.now();
    // Deadline: the longest task (1 s) plus the margin (5 s) after the worker was last heard.
    for (const id of [1, 2])
      await expect(row(page, id)).toContainText(
        /No answer: the worker was silent for [\d,]+ ms with this task in flight/,
        { timeout: 15_000 },
      );
    const waited = Date.now() - startedAt;
    test.info().annotations.push({ type: 'timed out after', description: `${waited} ms` });
    expect(waited).toBeGreaterThan(4_000);
    await expect(dedicated(page).getByTestId('dedicated-notice')).toContainText(
      'The worker stopped answering',
    );
    // (The hung thread's target can outlive terminate() in DevTools' list, so it is not counted.)
    await runShortWait(page);
    await expect(row(page, 3)).toContainText('done');
  });

  test('the monitor worker dying: the chart falls back to the main thread and says so', async ({
    page,
  }) => {
    provoked = /monitor fault injected/;
    await page.goto('./?panel=blocking&kind=cpu&duration=300');
    await waitForInstrument(page);
    await expect(page.getByTestId('monitor-fallback')).toHaveCount(0);
    // The monitor worker turns the main thread's dial: the page has no hand of its own to turn.
    const pageHand = page.locator('.spinners .hand:not(.compositor)');
    await expect(pageHand).toHaveCount(0);
    const monitor = await workerNamed(page, 'monitor');
    // Thrown from a timer, so it escapes every handler in the worker, as a real bug would.
    await monitor.evaluate(() => {
      setTimeout(() => {
        throw new Error('monitor fault injected');
      }, 0);
    });
    const fallback = page.getByTestId('monitor-fallback');
    await expect(fallback).toContainText('The monitor worker stopped');
    await expect(fallback).toContainText('monitor fault injected');
    await expect(fallback).toContainText('Drawn on the main thread');
    await expect.poll(() => page.workers().some((w) => w.url().includes('monitor'))).toBe(false);
    // The dial went with the worker: the page now turns a hand itself, and it moves.
    await expect(pageHand).toHaveCount(1);
    const angle = () => pageHand.evaluate((hand) => (hand as HTMLElement).style.transform);
    const before = await angle();
    await expect.poll(angle).not.toBe(before);
    // The instrument goes on measuring, and the next run is measured.
    const blocking = region(page, /Blocking/);
    await runIn(blocking).click();
    await expect
      .poll(async () =>
        msAfter(await blocking.getByTestId('blocking-status').innerText(), 'last run'),
      )
      .toBeGreaterThanOrEqual(300);
    await waitForInstrument(page);
  });

  test('an exception inside one panel is shown in that panel; the others keep working', async ({
    page,
  }) => {
    provoked = /progress bar fault injected/;
    await page.goto('./?kind=stream&duration=1000&rate=200&tasks=1&poll=50');
    await waitForInstrument(page);
    for (const name of [/Blocking/, /Queue/, /Dedicated/])
      await expect(runIn(region(page, name))).toBeVisible();
    // Only the Dedicated panel draws <progress> bars: make drawing one throw, as a bug would.
    await page.evaluate(() => {
      const fail = () => {
        throw new Error('progress bar fault injected');
      };
      Object.defineProperty(HTMLProgressElement.prototype, 'value', { set: fail, get: () => 0 });
      Object.defineProperty(HTMLProgressElement.prototype, 'max', { set: fail, get: () => 1 });
      HTMLProgressElement.prototype.setAttribute = fail;
    });
    await runIn(dedicated(page)).click();
    const failure = dedicated(page).getByTestId('panel-error');
    await expect(failure).toContainText('This panel stopped after an unexpected error');
    await expect(failure).toContainText('progress bar fault injected');
    await expect(runIn(dedicated(page))).toHaveCount(0);

    // The other panels still run.
    const queue = region(page, /Queue/);
    await runIn(queue).click();
    await expect(queue.getByTestId('queue-tasks-done')).toContainText('1 done', {
      timeout: 10_000,
    });
    const blocking = region(page, /Blocking/);
    await blocking.getByLabel('Task kind').selectOption('cpu');
    await blocking.getByLabel(/Duration/).fill('100');
    await runIn(blocking).click();
    await expect
      .poll(async () =>
        msAfter(await blocking.getByTestId('blocking-status').innerText(), 'last run'),
      )
      .toBeGreaterThanOrEqual(100);
  });
});
