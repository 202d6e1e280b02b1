import { expect, test } from '@playwright/test';
import { waitForPageSettled, watchForErrors } from './support/page';

// The loaded page, every disclosure opened and a freeze on record: every browser term it marks is
// explained in "Browser terms, in Tk and asyncio words", which a keyboard reaches and opens.

test('every browser term on the loaded page is in the glossary, which opens from the keyboard', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  await waitForPageSettled(page);
  // A freeze, so that the stall list and each panel's "your Tk window" line have something to say.
  const blocking = page.getByRole('region', { name: /^Blocking/ });
  await blocking.getByLabel(/Duration/).fill('150');
  await blocking.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('stall-list').locator('li').first()).toBeAttached();
  await expect(blocking.getByTestId('stall-meaning')).toContainText('Your Tk window would have');

  const summary = page.getByText('Browser terms, in Tk and asyncio words', { exact: true });
  await summary.focus();
  await page.keyboard.press('Enter');
  const entry = page.locator('[data-glossary-term="main thread"]');
  await expect(entry).toBeVisible();
  await expect(entry.locator('+ dd')).toContainText('Your Tk thread');

  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  const { marked, explained } = await page.evaluate(() => ({
    marked: [...document.querySelectorAll<HTMLElement>('[data-term]')].map((e) => e.dataset.term),
    explained: [...document.querySelectorAll<HTMLElement>('[data-glossary-term]')].map(
      (e) => e.dataset.glossaryTerm,
    ),
  }));
  // The reader of the marks, checked: the instrument column alone marks several terms.
  expect(new Set(marked).size).toBeGreaterThanOrEqual(8);
  expect([...new Set(marked)].filter((term) => !explained.includes(term))).toEqual([]);
  expect(errors).toEqual([]);
});

test('the decision guide follows the Blocking panel and takes the reader to each panel', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  const guide = page.getByRole('region', { name: 'Which fix for your app' });
  await expect(guide).toBeVisible();
  // After the first screen (the program, the Blocking panel and its Run), before the next panel.
  await expect(page.getByRole('region', { name: /^Queue/ })).toBeAttached();
  const order = await page.evaluate(() => {
    const program = document.querySelector('.recommended') as Element;
    const blocking = document.querySelector('#blocking') as Element;
    const guide = document.querySelector('.decision-guide') as Element;
    const queue = document.querySelector('#queue') as Element;
    return [
      program.compareDocumentPosition(guide) & Node.DOCUMENT_POSITION_FOLLOWING,
      blocking.compareDocumentPosition(guide) & Node.DOCUMENT_POSITION_FOLLOWING,
      guide.compareDocumentPosition(queue) & Node.DOCUMENT_POSITION_FOLLOWING,
    ];
  });
  expect(order.every(Boolean)).toBe(true);
  for (const name of ['Queue + polling', 'Dedicated loop', 'One thread'])
    await expect(guide.getByRole('link', { name: `the ${name} panel` }).first()).toBeVisible();
  const link = guide.getByRole('link', { name: 'the Dedicated loop panel' }).first();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#dedicated$/);
  await expect(page.getByRole('region', { name: /Dedicated/ })).toBeInViewport();
  expect(errors).toEqual([]);
});
