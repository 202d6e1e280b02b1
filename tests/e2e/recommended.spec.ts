// The recommended program opens the page: painted with the opening, copied and downloaded as the
// very file the Tk recordings run.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchForErrors } from './support/page';

const FILE = readFileSync('python/recommended.py', 'utf8');
const section = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: /what to write instead/ });

test.describe('the recommended program', () => {
  test('the first screen at 1366×900 holds why the window freezes, the program with Copy and Download, and the Blocking panel’s Run', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('./');
    const run = page
      .getByRole('region', { name: /^Blocking/ })
      .getByRole('button', { name: 'Run', exact: true });
    // The page's first Run is the Blocking panel's (the URL contract).
    await expect(run).toBeVisible();
    expect(
      await page
        .getByRole('button', { name: 'Run', exact: true })
        .first()
        .evaluate((button) => button.closest('section.panel')?.id),
    ).toBe('blocking');
    for (const target of [
      section(page).getByRole('heading', { name: /Why your window froze/ }),
      section(page).getByRole('button', { name: 'Copy recommended.py' }),
      section(page).getByRole('button', { name: 'Download recommended.py' }),
      run,
    ])
      await expect(target).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // The program's box opens at the lines that matter, not at its licence and imports: App.start
    // at its top, check() below it, both on the first screen; the whole file is still in it.
    const program = section(page).getByLabel('Python: recommended.py');
    // (0.9, not 1: the box's scroll position may cut a fraction of a pixel off the line.)
    const start = program.locator('.line', { hasText: /^ {4}def start\(/ });
    await expect(start).toBeInViewport({ ratio: 0.9 });
    await expect(program.locator('.line', { hasText: /^ {4}def check\(/ })).toBeInViewport({
      ratio: 0.9,
    });
    await expect(program.locator('.line', { hasText: /^import asyncio$/ })).not.toBeInViewport();
    expect(await program.evaluate((pre) => pre.textContent)).toBe(FILE);
    await expect(section(page).getByTestId('recommended-opens-at')).toContainText('App.start');
    // The decision guide comes after that first screen.
    await expect(page.getByRole('region', { name: 'Which fix for your app' })).not.toBeInViewport();
  });

  test('comes before every panel, whole, with Copy and Download', async ({ page }) => {
    const errors = watchForErrors(page);
    await page.goto('./');
    const program = section(page).getByLabel('Python: recommended.py');
    expect(await program.evaluate((pre) => pre.textContent)).toBe(FILE);
    // It precedes the first strategy panel in reading order.
    const before = await page.evaluate(() => {
      const code = document.querySelector('.recommended');
      const panel = document.getElementById('panels');
      return !!code && !!panel && !!(code.compareDocumentPosition(panel) & 4);
    });
    expect(before).toBe(true);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await section(page).getByRole('button', { name: 'Copy recommended.py' }).click();
    await expect(section(page).getByTestId('code-actions-status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(FILE);

    const download = page.waitForEvent('download');
    await section(page).getByRole('button', { name: 'Download recommended.py' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('recommended.py');
    expect(readFileSync(await file.path(), 'utf8')).toBe(FILE);
    await expect(section(page).getByTestId('code-actions-status')).toHaveText(
      'Saved as recommended.py.',
    );
    expect(errors).toEqual([]);
  });

  test('where the clipboard is refused, the code is selected for the reader to copy', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined });
    });
    await page.goto('./');
    await section(page).getByRole('button', { name: 'Copy recommended.py' }).click();
    await expect(section(page).getByTestId('code-actions-status')).toContainText('press Ctrl+C');
    // (A selection's text leaves out the newline that ends the last line.)
    expect(await page.evaluate(() => getSelection()?.toString())).toBe(FILE.trimEnd());
  });

  test('is not part of an embedded panel', async ({ page }) => {
    await page.goto('./embed.html?panel=queue&embed=1');
    await expect(page.getByRole('region', { name: /Queue/ })).toBeVisible();
    await expect(section(page)).toHaveCount(0);
  });
});

test("every strategy's Python view offers Copy and Download of the file the recordings run", async ({
  page,
}) => {
  await page.goto('./');
  for (const [panel, file] of [
    [/Blocking/, 'blocking.py'],
    [/Queue/, 'queue_polling.py'],
    [/Dedicated/, 'dedicated_loop.py'],
  ] as const) {
    const region = page.getByRole('region', { name: panel }).first();
    const button = region.getByRole('button', { name: `Download ${file}` });
    await button.scrollIntoViewIfNeeded();
    const download = page.waitForEvent('download');
    await button.click();
    const saved = readFileSync(await (await download).path(), 'utf8');
    // The file as shown: the repository's file without its phase-marker comment lines.
    const source = readFileSync(`python/strategies/${file}`, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*#\s*\[\/?phase( [a-z-]+)?\]\s*$/.test(line))
      .join('\n');
    expect(saved, file).toBe(source);
    await expect(region.getByRole('button', { name: `Copy ${file}` })).toBeVisible();
  }
});
