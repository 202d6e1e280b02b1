// Accessibility: axe-core on the whole page and on an embedded panel, in both themes; the keyboard
// path to Run; visible focus; and reduced motion.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { msAfter, skipQuestion, waitForInstrument, watchForErrors } from './support/page';

/** Waits until the lazily loaded panels are on the page (and the instrument is running). */
async function loaded(page: Page, panels: RegExp[]): Promise<void> {
  await waitForInstrument(page);
  for (const name of panels)
    await expect(
      page.getByRole('region', { name }).getByRole('button', { name: 'Run', exact: true }),
    ).toBeVisible();
}

/**
 * What axe finds on the page, or only inside `only` (one selector or several), leaving out
 * whatever `skip` matches.
 * @param skip CSS selectors of parts left out (the code views' lines but one view per language)
 */
async function violations(
  page: Page,
  only?: string | string[],
  skip: string[] = [],
): Promise<string[]> {
  // Legacy mode runs axe.run in the page itself. The default runs axe.runPartial in every frame,
  // then axe.finishRun in a fresh blank page it opens and injects axe into: a second page and a
  // second injection per audit, about a quarter of an audit's time on a loaded 2-core machine,
  // for cross-origin frames these pages do not have (legacy mode still audits same-origin ones).
  // Two rules axe leaves off by default are on: WCAG 2.2's target size (a checkbox was 13 px) and
  // a visible label inside the accessible name ("Download .py" was not in "Download x.py").
  const builder = new AxeBuilder({ page }).setLegacyMode(true).options({
    rules: { 'target-size': { enabled: true }, 'label-content-name-mismatch': { enabled: true } },
  });
  for (const selector of typeof only === 'string' ? [only] : (only ?? []))
    builder.include(selector);
  for (const selector of skip) builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n'),
  );
}

test.describe('Accessibility', () => {
  // Each test loads its own page, so both workers can share this file's audits instead of one
  // worker running all of them while the other runs the rest of the suite. An axe audit of the
  // whole page takes tens of seconds on a loaded 2-core machine: the limit only catches a hang.
  test.describe.configure({ mode: 'parallel', timeout: 180_000 });
  let errors: string[];
  test.beforeEach(({ page }) => {
    errors = watchForErrors(page);
  });
  test.afterEach(() => {
    expect(errors).toEqual([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe: no violations on the full page, one code view of each language line by line, ${theme}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`./?theme=${theme}`);
      await loaded(page, [/Blocking/, /Queue/, /Dedicated/]);
      // Each panel's recording waits for its question: skipped, so that the audit sees them too.
      for (const id of ['blocking', 'queue', 'dedicated', 'one-thread'])
        await skipQuestion(page, id);
      // The code views and the other parts mounted in later turns are on the page too: the audit
      // sees the whole page however slow the machine, not whatever had arrived by then.
      await page.waitForFunction(() => globalThis.__twoLoopsDiagnostics?.().turnsWaiting === 0);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // The code views' token lines are most of the page's nodes (about 3,900 of 4,700) and the
      // most of axe's time; their colours are the same in every view, so one view of each
      // language is audited line by line and the others' lines are left out. Each <pre> itself
      // (its name, its focusability) stays in. One page load and one audit for both.
      for (const language of ['python', 'typescript']) {
        const view = page.locator(`pre[data-language="${language}"]`).first();
        await expect(view.locator('code')).not.toBeEmpty();
        // Every token kind the highlighter writes (comment, string, keyword, number, plain) in
        // both languages; the page's colours for them do not depend on which view shows them.
        const kinds = await view.evaluate((pre) =>
          [...pre.querySelectorAll('code [class]')].flatMap((e) => [...e.classList]),
        );
        for (const kind of ['comment', 'string', 'keyword', 'number'])
          expect(
            kinds.some((k) => k.includes(kind)),
            `${language} ${kind}`,
          ).toBe(true);
        await view.evaluate((pre) => pre.setAttribute('data-axe-sample', ''));
      }
      const skip = 'pre:not([data-axe-sample]) > code';
      // The sampled lines are in the audit, every other view's lines are not.
      expect(await page.locator('pre[data-axe-sample] > code').count()).toBe(2);
      expect(await page.locator(skip).count()).toBeGreaterThan(0);
      expect(await violations(page, undefined, [skip])).toEqual([]);
    });

    test(`axe: no violations in Check your code with findings shown, ${theme}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`./?theme=${theme}`);
      const section = page.getByRole('region', { name: 'Check your code' });
      await section.scrollIntoViewIfNeeded();
      await section
        .getByLabel(/Your Python/)
        .fill(
          'import time\nimport tkinter as tk\nroot = tk.Tk()\ndef go(:\n    pass\ndef start():\n    time.sleep(1)\ntk.Button(root, command=start)\nwhile True:\n    root.update()\n',
        );
      await section.getByRole('button', { name: 'Check' }).click();
      await expect(section.getByRole('heading', { name: /^Line 7:/ })).toBeVisible();
      await section.getByText('What the checker cannot see').click();
      // Opening Find the freeze below leaves this section as it is: one audit of both, at the end.
      await page.locator('#find-the-freeze summary').click();
      await expect(page.getByRole('button', { name: 'Copy freeze_finder.py' })).toBeVisible();
      // With its real-Tk recording shown: the printouts and the recording's metadata.
      const meta = page.locator('#find-the-freeze').getByTestId('tk-meta');
      await expect(async () => {
        await page.locator('#find-the-freeze h3').scrollIntoViewIfNeeded();
        await expect(meta).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(section.getByRole('heading', { name: /^Line 7:/ })).toBeVisible();
      expect(await violations(page, ['#check-your-code', '#find-the-freeze'])).toEqual([]);
    });

    test(`axe: no violations on the compact embed, closed and with every part open, ${theme}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width: 600, height: 900 });
      await page.goto(`./panel/?embed=1&panel=dedicated&theme=${theme}`);
      await loaded(page, [/Dedicated/]);
      await expect(page.locator('details[data-part="python"] > summary')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await page.goto(`./panel/?embed=1&panel=one-thread&show=all&theme=${theme}`);
      await loaded(page, [/One thread/]);
      await expect(page.locator('details[data-part="python"] .code-lesson')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test(`axe: no violations on an embedded panel, ${theme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`./?embed=1&panel=queue&theme=${theme}`);
      await loaded(page, [/Queue/]);
      expect(await violations(page)).toEqual([]);
    });
  }

  test('keyboard only: Tab from the top reaches Run in Blocking, Enter runs it', async ({
    page,
  }) => {
    await page.goto('./?kind=wait&duration=200');
    await loaded(page, [/Blocking/, /Queue/, /Dedicated/]);
    const run = page
      .getByRole('region', { name: /Blocking/ })
      .getByRole('button', { name: 'Run', exact: true });
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await run.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const status = page.getByRole('region', { name: /Blocking/ }).getByTestId('blocking-status');
    await expect
      .poll(async () => msAfter(await status.innerText(), 'last run') ?? 0)
      .toBeGreaterThanOrEqual(200);
  });

  test('every sampled control shows a visible focus outline', async ({ page }) => {
    await page.goto('./');
    await loaded(page, [/Blocking/, /Queue/, /Dedicated/]);
    const controls = page.locator(
      'main button:visible, main input:visible, main select:visible, aside button:visible, aside input:visible',
    );
    const count = await controls.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i += Math.max(1, Math.floor(count / 12))) {
      const control = controls.nth(i);
      if (await control.isDisabled()) continue;
      await control.focus();
      const outline = await control.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      const name = await control.evaluate((el) => el.outerHTML.slice(0, 80));
      expect(outline.style, name).not.toBe('none');
      expect(outline.width, name).toBeGreaterThanOrEqual(2);
    }
  });

  test('reduced motion: the spinners show ticking numbers, not rotation', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./?panel=blocking');
    await waitForInstrument(page);
    const spinners = page.locator('.spinners');
    await expect(spinners.locator('.dial')).toHaveCount(0);
    await expect(spinners.locator('.ticker')).toHaveCount(2);
    const digit = spinners.locator('.ticker').first();
    const seen = new Set<string>();
    await expect
      .poll(async () => seen.add(await digit.innerText()).size, { intervals: [100] })
      .toBeGreaterThan(2);
    const rotating = await page.evaluate(() =>
      document
        .getAnimations()
        .some((a) =>
          JSON.stringify((a.effect as KeyframeEffect | null)?.getKeyframes()).includes('rotate'),
        ),
    );
    expect(rotating).toBe(false);
  });
});
