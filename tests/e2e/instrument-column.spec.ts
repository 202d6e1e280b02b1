import { expect, test, type Page } from '@playwright/test';
import { waitForInstrument, watchForErrors } from './support/page';

const STALLS = 8;
const blocking = (page: Page) => page.getByRole('region', { name: /^Blocking/ });
const stalls = (page: Page) => page.getByTestId('stall-list').locator('li');

/** Runs the Blocking panel until the stall list holds `count` stalls, one Run per stall. */
async function makeStalls(page: Page, count: number): Promise<void> {
  await blocking(page)
    .getByLabel(/Duration/)
    .fill('150');
  for (let listed = await stalls(page).count(); listed < count;) {
    await blocking(page).getByRole('button', { name: 'Run', exact: true }).click();
    // A condition, not a pause: the next Run waits until this one's stall is listed.
    await expect(stalls(page)).not.toHaveCount(listed);
    listed = await stalls(page).count();
  }
}

for (const viewport of [
  { width: 1366, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`at ${viewport.width}×${viewport.height} the instrument column shows its last stall without cutting anything off`, async ({
    page,
  }) => {
    const errors = watchForErrors(page);
    await page.setViewportSize(viewport);
    await page.goto('./');
    await waitForInstrument(page);
    // The stall list is one click away, in a disclosure of the column.
    await page.getByText('How this page timed it: the stall list').click();
    await makeStalls(page, STALLS);

    // The reader has moved on to another panel, with the column beside it.
    await page.getByRole('region', { name: /Dedicated/ }).scrollIntoViewIfNeeded();
    // In one turn: the list re-renders as stalls are added and refined, so a handle taken in one
    // step may be gone by the next.
    const seen = await page.evaluate(async () => {
      const column = document.querySelector('aside.instrument') as HTMLElement;
      const chart = column.querySelector('figure.chart') as HTMLElement;
      const items = column.querySelectorAll('[data-testid="stall-list"] li');
      const item = items[items.length - 1] as HTMLElement;
      item.scrollIntoView({ block: 'nearest' });
      await new Promise((done) => requestAnimationFrame(done));
      const box = item.getBoundingClientRect();
      // What is painted at the entry's first and last line: the entry itself, not something over
      // it and not nothing (cut off by its column or by the window).
      const at = (y: number) => document.elementFromPoint(box.left + 20, y);
      const chartBox = chart.getBoundingClientRect();
      return {
        sticky: getComputedStyle(column).position === 'sticky',
        columnOverflow: column.scrollHeight - column.clientHeight,
        columnScrolled: column.scrollTop,
        topShown: item.contains(at(box.top + 4)),
        bottomShown: item.contains(at(box.bottom - 4)),
        chartInView: chartBox.top >= 0 && chartBox.bottom <= innerHeight,
      };
    });
    expect(seen.topShown).toBe(true);
    expect(seen.bottomShown).toBe(true);
    // The column holds all of its content: never a part hidden below its own end.
    expect(seen.columnOverflow).toBeLessThanOrEqual(1);
    if (seen.sticky) {
      // Beside the panels, the live chart stays in view while the stall list scrolls inside.
      expect(seen.columnScrolled).toBe(0);
      expect(seen.chartInView).toBe(true);
    }
    expect(errors).toEqual([]);
  });
}

test('on a phone, a live strip keeps the dials in view once the column has scrolled away, clear of the controls', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await waitForInstrument(page);
  const strip = page.getByRole('group', { name: /Your Tk thread's stand-in, live \(compact\)/ });
  // At the top the column itself is in view: no strip.
  await expect(strip).toBeHidden();

  const queue = page.getByRole('region', { name: /^Queue/ });
  const run = queue.getByRole('button', { name: 'Run', exact: true });
  await run.scrollIntoViewIfNeeded();
  await expect(strip).toBeVisible();
  // The main thread's dial: handed to the monitor worker (a canvas with no hand of the page's own).
  await expect(strip.locator('.dial canvas')).toHaveCount(1);
  await expect(strip.locator('.hand:not(.compositor)')).toHaveCount(0);
  // The column's compositor dial, off screen, stops costing the page its per-frame style update;
  // the strip's turns.
  const playState = (where: string) =>
    page
      .locator(`${where} .hand.compositor`)
      .evaluate((hand) => getComputedStyle(hand).animationPlayState);
  await expect.poll(() => playState('aside.instrument')).toBe('paused');
  await expect.poll(() => playState('.live-strip')).toBe('running');

  // A Blocking run's stall is named in the strip with its cause.
  const blocking = page.getByRole('region', { name: /^Blocking/ });
  await blocking.getByLabel(/Duration/).fill('300');
  const blockingRun = blocking.getByRole('button', { name: 'Run', exact: true });
  await blockingRun.scrollIntoViewIfNeeded();
  // Everything the strip said from here on: on a loaded machine a stall of the page's own work can
  // follow the run's and take the strip's one "last stall" line before a poll reads it.
  await strip.evaluate((element) => {
    const said: string[] = ((window as unknown as { stripSaid: string[] }).stripSaid = []);
    new MutationObserver(() => said.push(element.textContent ?? '')).observe(element, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await blockingRun.click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { stripSaid: string[] }).stripSaid))
    .toContainEqual(expect.stringMatching(/the Blocking strategy's code/));

  // Keyboard focus on a control near the bottom of the screen scrolls it clear of the strip.
  await page.evaluate(() => scrollTo(0, 0));
  await run.focus();
  await expect(strip).toBeVisible();
  const [button, bar] = await Promise.all([run.boundingBox(), strip.boundingBox()]);
  expect(button && bar && button.y + button.height <= bar.y).toBe(true);

  // Wide, the column stays beside the panels: never a strip.
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(strip).toBeHidden();
  expect(errors).toEqual([]);
});
