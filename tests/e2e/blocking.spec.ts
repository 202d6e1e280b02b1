import { expect, test, type Page } from '@playwright/test';
import { clickTask, newCdp, traceAround } from './support/trace';
import {
  msAfter,
  waitForInstrument,
  waitForPageSettled,
  waitForQuietFrames,
  watchForErrors,
} from './support/page';

const panel = (page: Page) => page.getByRole('region', { name: /Blocking/ });

async function lastRunStall(page: Page): Promise<number | null> {
  return msAfter(await panel(page).getByTestId('blocking-status').innerText(), 'last run');
}

test.describe('Blocking panel', () => {
  let errors: string[];
  test.beforeEach(async ({ page }) => {
    errors = watchForErrors(page);
  });
  test.afterEach(() => {
    expect(errors).toEqual([]);
  });

  for (const duration of [100, 500, 2000]) {
    test(`a ${duration} ms run is reported as Chromium's own trace measured it`, async ({
      page,
    }) => {
      await page.goto(`./?panel=blocking&kind=cpu&duration=${duration}`);
      await waitForPageSettled(page);
      const run = panel(page).getByRole('button', { name: 'Run' });
      const events = await traceAround(page, async () => {
        await run.click();
        // Wait for the browser's long-task entry to refine the figure before the trace ends.
        await expect(page.getByTestId('stall-list').locator('li').first()).toContainText(
          'long-task',
        );
      });
      // The task the click ran in, not the trace's longest: under tracing another task of the page
      // (171–240 ms in four of six repeats, none over 50 ms untraced) can outlast a 100 ms run.
      const traced = clickTask(events);
      const shown = await lastRunStall(page);
      expect(traced).not.toBeNull();
      expect(traced).toBeGreaterThanOrEqual(duration);
      expect(shown).not.toBeNull();
      // Both read the same task; on a quiet machine they agree within 1–2 ms (`npm run bench`,
      // Stall accuracy). The tolerance is for a machine so loaded that frames come at 15 fps.
      expect(Math.abs((shown as number) - (traced as number))).toBeLessThanOrEqual(50);
      await expect(panel(page).getByTestId('blocking-status')).toContainText(
        /Longest stall \d+ ms/,
      );
    });
  }

  test('the monitor worker keeps drawing during a 1 s stall', async ({ page }) => {
    await page.goto('./?panel=blocking&kind=wait&duration=1000');
    await waitForPageSettled(page);
    await panel(page).getByRole('button', { name: 'Run' }).click();
    await page.getByText('How this page timed it: the stall list').click();
    // The list may already hold stalls from loading the page: find the one this run caused.
    const stall = page
      .getByTestId('stall-list')
      .locator('li')
      .filter({ has: page.getByTestId('stall-duration').filter({ hasText: /^1,\d{3} ms$/ }) })
      .first();
    const report = stall.getByTestId('monitor-frames');
    await expect(report).toBeVisible();
    const match = /(\d+) redraws? during it \((\d+) per second\)/.exec(await report.innerText());
    expect(match).not.toBeNull();
    // 60 per second on a quiet machine (`npm run bench`, live drawing); a chart frozen with the
    // page draws none. The bound only catches that collapse.
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(10);
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(10);
  });

  test('three clicks during a stall become three queued runs, run back to back', async ({
    page,
  }) => {
    await page.goto('./?panel=blocking&kind=wait&duration=800');
    await waitForPageSettled(page);
    // Raw input goes to viewport coordinates: the button must be in view first (the page opens
    // with the recommended program, so the panel starts below the first screen).
    const runButton = panel(page).getByRole('button', { name: 'Run' });
    await runButton.scrollIntoViewIfNeeded();
    await waitForQuietFrames(page);
    const box = await runButton.boundingBox();
    if (!box) throw new Error('Run button has no box');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // Raw input events, not awaited one by one: each would otherwise wait for the blocked page.
    const cdp = await newCdp(page);
    const press = () =>
      (['mousePressed', 'mouseReleased'] as const).map((type) =>
        cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 }),
      );
    const first = press();
    await page.waitForTimeout(100); // the first run must have started before the next clicks
    await Promise.all([...first, ...press(), ...press(), ...press()]);
    const burst = panel(page).getByTestId('blocking-burst');
    await expect(burst).toContainText('3 clicks arrived during the freeze');
    await expect(burst).toContainText('4 runs');
    // The side-by-side table counts the same runs, by the same definition, as the status.
    const recording = panel(page).getByTestId('tk-recording-blocking');
    await recording.scrollIntoViewIfNeeded();
    await expect(
      recording.getByTestId('tk-compare').getByRole('row', { name: /^Runs of the command/ }),
    ).toContainText('4 (1 click, then 3 during the freeze)');
    // However the browser split the freeze into frames, the stalls add up to the four runs (the
    // list is one click away, in its disclosure).
    await page.getByText('How this page timed it: the stall list').click();
    await expect
      .poll(async () => {
        const shown = await page.getByTestId('stall-duration').allInnerTexts();
        return shown.reduce((sum, text) => sum + Number(text.replace(/[^\d]/g, '')), 0);
      })
      .toBeGreaterThanOrEqual(4 * 800);
  });

  test('a hidden page produces no stall', async ({ page }) => {
    await page.goto('./?panel=blocking');
    await waitForPageSettled(page);
    const stalls = page.getByTestId('stall-duration');
    const stallsBefore = await stalls.count();

    // Headless Chromium never hides a page, so hiding is emulated: the page is told it is hidden,
    // then frozen for a second (no frames, no tasks), as a background tab would be.
    const cdp = await newCdp(page);
    const setVisibility = (state: string) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => value,
        });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await setVisibility('visible');

    // Give the instrument the time it takes to write off a gap, then check it recorded nothing.
    await page.waitForTimeout(1500);
    // Other work on a loaded machine may add ordinary long frames; the 1.2 s hidden gap, never.
    const durations = (await stalls.allInnerTexts()).map((t) => Number(t.replace(/[^\d]/g, '')));
    expect(durations.slice(0, durations.length - stallsBefore).filter((d) => d >= 1000)).toEqual(
      [],
    );
    expect(msAfter(await page.getByTestId('frame-stats').innerText(), 'longest')).toBeLessThan(
      1000,
    );
  });

  test('out-of-range input is refused beside the field and nothing runs', async ({ page }) => {
    await page.goto('./?panel=blocking');
    await waitForInstrument(page);
    const field = panel(page).getByLabel('Duration');
    await field.fill('20000');
    await expect(panel(page).getByText('Duration must be between 10–10,000 ms.')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await panel(page).getByRole('button', { name: 'Run' }).click();
    await expect(panel(page).getByRole('alert')).toContainText('Not run');
    await expect(panel(page).getByTestId('blocking-output')).toHaveText('Ready');
  });
});
