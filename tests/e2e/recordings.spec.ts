import { formatRecordedMs as ms } from '../../src/format/format';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { blockingFigures } from '../../src/tk-traces/trace-figures';
import { parseTkTrace } from '../../src/tk-traces/trace-checks';
import { type TraceOf } from '../../src/tk-traces/trace-types';
import { skipQuestion, waitForInstrument, watchForErrors } from './support/page';

const read = (id: string) =>
  parseTkTrace(JSON.parse(readFileSync(`src/tk-traces/${id}.json`, 'utf8')));
const blocking = read('blocking') as TraceOf<'blocking'>;
const figure = (kind: string, durationMs: number) => {
  const found = blockingFigures(blocking).find(
    (f) => f.kind === kind && f.durationMs === durationMs,
  );
  if (!found) throw new Error(`no ${kind} ${durationMs} ms run in blocking.json`);
  return found;
};

const panel = (page: Page) => page.getByRole('region', { name: /Blocking/ });

test.describe('Tk recordings', () => {
  let errors: string[];
  test.beforeEach(({ page }) => {
    errors = watchForErrors(page);
  });
  test.afterEach(() => {
    expect(errors).toEqual([]);
  });

  test('the Blocking panel shows its Tk recording: versions, chart and the stall', async ({
    page,
  }) => {
    await page.goto('./?panel=blocking&kind=wait&duration=1000');
    // Held back while the panel's question waits for the reader; skipping opens it.
    await expect(panel(page).locator('details[data-part="recording"]')).not.toHaveAttribute('open');
    await skipQuestion(page, 'blocking');
    const recording = panel(page).getByTestId('tk-recording-blocking');
    // Recordings load when they come near the viewport.
    await recording.scrollIntoViewIfNeeded();
    const meta = recording.getByTestId('tk-meta');
    await expect(meta).toContainText(`CPython ${blocking.meta.python}`);
    await expect(meta).toContainText(`Tcl/Tk ${blocking.meta.tk} (threaded)`);
    await expect(meta).toContainText('XTEST');

    const oneSecond = figure('wait', 1000);
    await expect(recording.getByTestId('tk-blocking-summary')).toContainText(
      ms(oneSecond.mergedStallMs),
    );
    const chart = recording.locator('figure').first();
    await expect(chart.locator('svg')).toBeVisible();
    await expect(chart.locator('rect.wall')).toHaveCount(1);
    // Drawn on the live chart's axes: the wall reaches the height of its length on the log scale.
    const box = await chart.locator('rect.wall').boundingBox();
    const second = await chart.locator('svg').boundingBox();
    expect(box && second && box.width / second.width).toBeCloseTo(
      oneSecond.mergedStallMs / 8000,
      1,
    );
    await expect(chart.locator('figcaption')).toContainText('the heartbeat stopped for 4.0 s');

    // The recording follows the panel's own D.
    const duration = panel(page).getByLabel(/Duration/);
    await duration.fill('2000');
    await expect(recording.getByTestId('tk-compare')).toContainText(
      `Side by side, D = ${ms(2000)}`,
    );
    await expect(recording.getByTestId('tk-blocking-summary')).toContainText(
      ms(figure('wait', 2000).mergedStallMs),
    );
  });

  test('the live figures appear beside the recorded ones after a run', async ({ page }) => {
    await page.goto('./?panel=blocking&kind=cpu&duration=300');
    await waitForInstrument(page);
    await skipQuestion(page, 'blocking');
    // A recording loads when the reader scrolls near it.
    await panel(page).getByTestId('tk-recording-blocking').scrollIntoViewIfNeeded();
    const compare = panel(page).getByTestId('tk-recording-blocking').getByTestId('tk-compare');
    const stallRow = compare.getByRole('row', { name: /^Longest stall/ });
    await expect(stallRow).toContainText('not run yet');
    await panel(page).getByRole('button', { name: 'Run' }).click();
    await expect(stallRow.getByRole('cell').last()).toHaveText(/^\d{3},?\d*\s+ms$/);
    await expect(compare.getByRole('row', { name: /^Runs of the command/ })).toContainText(
      /1 \(1 click, then 0 during the freeze\)$/,
    );
  });

  test('the What goes wrong section lists the mistakes with their evidence', async ({ page }) => {
    await page.goto('./');
    const section = page.getByRole('region', { name: 'What goes wrong' });
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('heading', { level: 2 })).toHaveText('What goes wrong');
    await expect(section.getByRole('article')).toHaveCount(12);
    await expect(section.getByTestId('mistake-asyncio-queue')).toContainText(
      '<coroutine object Queue.get',
    );
    await expect(
      section.getByTestId('mistake-asyncio-queue').getByRole('link', { name: 'Queue' }),
    ).toHaveAttribute('href', '#queue');
    // The Queue panel links to the runnable reproduction by its heading's id.
    await expect(page.locator('#mistake-widget-from-thread-title')).toBeVisible();
    const closed = section.getByTestId('mistake-close-while-running');
    await expect(closed.getByTestId('mistake-prints')).toContainText('Tcl_AsyncDelete');
    // Each mistake is a symptom and a fix; its evidence and code wait behind one disclosure.
    await expect(closed.getByTestId('mistake-prints')).toBeHidden();
    await closed.getByText(/^Why, and the recording under real Tk/).click();
    await expect(closed.getByTestId('mistake-prints')).toBeVisible();
    await closed.getByText('The Python that reproduces it, and the fixed file').click();
    await expect(closed.locator('.code-pair').getByRole('figure')).toHaveCount(2);
    await expect(closed.getByRole('button', { name: /Copy/ })).toHaveCount(2);
  });

  test('a link to a mistake opens its evidence, on arrival and on the page; axe finds nothing open, light and dark', async ({
    page,
  }) => {
    // Two axe passes over four mistakes: seconds on a quiet machine; the limit only catches a hang.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: 'light' });
    // Arriving with the mistake's anchor: the section loads at once, the mistake shows itself open.
    await page.goto('./#mistake-close-while-running-title');
    const section = page.getByRole('region', { name: 'What goes wrong' });
    const closed = section.getByTestId('mistake-close-while-running');
    await expect(closed.getByTestId('mistake-evidence')).toHaveAttribute('open', '');
    await expect(page.locator('#mistake-close-while-running-title')).toBeInViewport();
    await expect(closed.getByTestId('mistake-prints')).toBeVisible();
    await expect(section.locator('details[data-testid="mistake-evidence"][open]')).toHaveCount(1);
    // A link on the page to another mistake, followed from the keyboard, opens that one.
    const fromThread = section.getByTestId('mistake-widget-from-thread');
    await fromThread.locator('summary').first().focus();
    await page.keyboard.press('Enter');
    await expect(fromThread.getByTestId('mistake-evidence')).toHaveAttribute('open', '');
    await fromThread.getByRole('link', { name: 'Calling a widget from another thread' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#mistake-thread-call-title$/);
    const threadCall = section.getByTestId('mistake-thread-call');
    await expect(threadCall.getByTestId('mistake-evidence')).toHaveAttribute('open', '');
    await expect(page.locator('#mistake-thread-call-title')).toBeInViewport();
    await expect(threadCall.getByTestId('mistake-sees')).toBeVisible();
    // The open mistakes and the closed ones around them, in both themes (the theme follows the OS).
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const { violations } = await new AxeBuilder({ page })
        .include('[data-testid="mistake-thread-call"]')
        .include('[data-testid="mistake-close-while-running"]')
        .include('[data-testid="mistake-widget-from-thread"]')
        .include('[data-testid="mistake-blocking-call"]')
        .analyze();
      expect(
        violations.map(
          (v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      ).toEqual([]);
    }
  });
});
