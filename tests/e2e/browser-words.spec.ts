import { expect, test, type Page } from '@playwright/test';
import { skipQuestion, waitForPageSettled, watchForErrors } from './support/page';

// The page speaks Python first. After a Blocking run and a Queue run, with every disclosure open,
// no browser word appears in the page's text unless it is marked as a browser term (inside a
// `[data-term]` element, which links to its entry in the glossary) or sits in a disclosure about
// the browser's side of things (`details[data-browser-details]`, whose summary says so). Code
// (`pre`, `code`) is exempt: it is the code that runs. Announcements for screen readers cannot
// carry marks, so they must not use any of these words at all.

/**
 * The browser's words a Python developer would have to translate. ("worker" alone is not one: a
 * worker thread is Python's word too.)
 */
const BROWSER_WORDS = [
  /\blong[- ]tasks?\b/i,
  /\blong[- ]animation[- ]frames?\b/i,
  /\bframe gaps?\b/i,
  /\brequestAnimationFrame\b/,
  /\brAF\b/,
  /\bcompositor\b/i,
  /\bpostMessage\b/,
  /\bWeb Workers?\b/i,
  /\bterminate\(\)/,
  /\bOffscreenCanvas\b/,
  /\bEvent Timing\b/i,
  /\bmain thread\b/i,
  /\bmicrotasks?\b/i,
  /\bPromises?\b/,
  /\bFrameRequestCallback\b/,
  /\bUser Timing\b/i,
  /\bMessageChannel\b/,
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
  /\bIntersectionObserver\b/,
  /\bPerformanceObserver\b/,
  /\bharness\b/i,
];

declare global {
  interface Window {
    announced?: string[];
  }
}

/** Keeps every text the page's live region is given, from before the page loads. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.announced = [];
    new MutationObserver((records) => {
      for (const record of records) {
        const target =
          record.target instanceof Element ? record.target : record.target.parentElement;
        const region = target?.closest('[aria-live]');
        if (region?.textContent?.trim()) window.announced?.push(region.textContent.trim());
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Every stretch of the page's text with a browser word in it that is neither marked nor in a
 * disclosure about browser details, with the word found: [word, text].
 */
async function unmarkedWords(page: Page): Promise<string[][]> {
  // Opening a disclosure can mount what it holds, disclosures included: open until none is closed.
  await expect(async () => {
    const closed = await page.evaluate(() => {
      const closed = [...document.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
      for (const details of closed) details.open = true;
      return closed.length;
    });
    expect(closed).toBe(0);
  }).toPass();
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('pre, code, script, style, template, [data-term]')) continue;
      if (parent.closest('details[data-browser-details]')) continue;
      if (!parent.checkVisibility() && !parent.closest('.visually-hidden')) continue;
      found.push(node.textContent.replace(/\s+/g, ' ').trim());
    }
    return found;
  });
  return [...new Set(texts)].flatMap((text) =>
    BROWSER_WORDS.filter((word) => word.test(text)).map((word) => [String(word), text]),
  );
}

async function announcedWords(page: Page): Promise<string[][]> {
  const texts = await page.evaluate(() => window.announced ?? []);
  return texts.flatMap((text) =>
    BROWSER_WORDS.filter((word) => word.test(text)).map((word) => [String(word), text]),
  );
}

test('the full page says every browser word as a marked term, after a Blocking and a Queue run', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await recordAnnouncements(page);
  await page.goto('./?duration=150');
  await waitForPageSettled(page);
  const blocking = page.getByRole('region', { name: /^Blocking/ });
  await blocking.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('stall-list').locator('li').first()).toBeAttached();
  const queue = page.getByRole('region', { name: /^Queue/ });
  await queue.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(queue.getByTestId('queue-tasks-done')).toContainText('1 done');
  // The panels not run keep their recordings closed until their questions are answered: skipped,
  // so that the recordings' words are read too.
  for (const id of ['dedicated', 'one-thread']) await skipQuestion(page, id);
  // The reader of the page's text, checked: the instrument marks "main thread" several times.
  expect(await page.locator('[data-term="main thread"]').count()).toBeGreaterThan(2);
  expect(await unmarkedWords(page)).toEqual([]);
  expect(await announcedWords(page)).toEqual([]);
  // The project's own commands are for its repository, not the reader: only "How this was
  // recorded" names them.
  const commands = await page.evaluate(() =>
    [...document.querySelectorAll('body *:not(script):not(style)')]
      .filter((e) => !e.closest('.recorded-how, pre') && e.childNodes.length > 0)
      .flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE))
      .map((n) => n.textContent ?? '')
      .filter((text) => /npm run/.test(text)),
  );
  expect(commands).toEqual([]);
  expect(errors).toEqual([]);
});

test('an embedded panel says every browser word as a marked term, each a link to its glossary entry', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await recordAnnouncements(page);
  await page.goto('./?embed=1&panel=queue&duration=150');
  const queue = page.getByRole('region', { name: /^Queue/ });
  await queue.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(queue.getByTestId('queue-tasks-done')).toContainText('1 done');

  // A marked term, followed from the keyboard, opens the embed's closed glossary at its entry.
  const glossary = page.getByTestId('glossary');
  await expect(glossary).not.toHaveAttribute('open');
  const term = page.locator('a[data-term="main thread"]').first();
  await term.focus();
  await page.keyboard.press('Enter');
  await expect(glossary).toHaveAttribute('open');
  const entry = page.locator('[data-glossary-term="main thread"]');
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  // Its meaning too, whole: a term left at the screen's bottom edge cut its meaning off.
  await expect(entry.locator('+ dd')).toBeInViewport({ ratio: 0.95 });
  await expect(entry.locator('+ dd')).toContainText('Your Tk thread');

  expect(await unmarkedWords(page)).toEqual([]);
  expect(await announcedWords(page)).toEqual([]);
  expect(errors).toEqual([]);
});
