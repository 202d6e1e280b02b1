import { expect, test, type Locator, type Page } from '@playwright/test';
import { browserWordsIn } from '../support/browser-words';
import { waitForPageSettled, waitForQuietFrames, watchForErrors } from './support/page';
import { newCdp } from './support/trace';

// The page speaks Python first. After a run of every panel (One thread in both modes), a probe
// input made during a freeze and a Dedicated worker crashed, with every disclosure open, no
// browser word appears in the page's text unless it is marked as a browser term (inside a
// `[data-term]` element, which links to its entry in the glossary) or sits in a disclosure about
// the browser's side of things (`details[data-browser-details]`, whose summary says so). Python
// code blocks (`pre`) are exempt: they are the code that runs; inline `code` in a sentence is read
// with it ("an `error` event" is the browser's word, typeset or not). Announcements for screen
// readers and accessible names (aria-label, title, alt) cannot carry marks, so they must not use
// any of these words at all. The word list: tests/support/browser-words.ts.

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
 * Opens every disclosure, and those that opening one mounted, until none is closed. A stall that
 * the page records meanwhile (the page's own work on a loaded machine) brings its own closed
 * "How the browser timed it": those are read as they come and do not hold the wait up.
 */
async function openEverything(page: Page): Promise<void> {
  await expect(async () => {
    const closed = await page.evaluate(() => {
      const closed = [...document.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
      for (const details of closed) details.open = true;
      return closed.filter((details) => !details.matches('.stall-browser')).length;
    });
    expect(closed).toBe(0);
  }).toPass();
}

/**
 * Every sentence of the page's text (a block's text, read across its inline elements) with a
 * browser word in it outside a mark or a disclosure about browser details, and every accessible
 * name with one, each as [word, text].
 */
async function unmarkedWords(page: Page): Promise<string[][]> {
  await openEverything(page);
  const texts = await page.evaluate(() => {
    const EXEMPT = 'pre, script, style, template, [data-term], details[data-browser-details]';
    const blocks = new Map<Element, string>();
    const blockOf = (element: Element): Element => {
      for (let e: Element | null = element; e; e = e.parentElement)
        if (!getComputedStyle(e).display.startsWith('inline')) return e;
      return element;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('script, style, template')) continue;
      if (!parent.checkVisibility() && !parent.closest('.visually-hidden')) continue;
      const block = blockOf(parent);
      // A marked term reads as a gap in its sentence: the words on either side stay apart.
      const text = parent.closest(EXEMPT) ? ' … ' : node.textContent;
      blocks.set(block, (blocks.get(block) ?? '') + text);
    }
    const names = [...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')]
      .filter((e) => !e.closest(EXEMPT))
      .flatMap((e) =>
        ['aria-label', 'title', 'alt', 'placeholder']
          .map((name) => e.getAttribute(name))
          .filter((name): name is string => !!name)
          .map((name) => `${e.tagName.toLowerCase()} named "${name}"`),
      );
    return [...blocks.values()]
      .map((text) => text.replace(/\s+/g, ' ').trim())
      .filter((text) => text.replace(/…/g, '').trim())
      .concat(names);
  });
  return [...new Set(texts)].flatMap(browserWordsIn);
}

async function announcedWords(page: Page): Promise<string[][]> {
  const texts = await page.evaluate(() => window.announced ?? []);
  return [...new Set(texts)].flatMap(browserWordsIn);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('the full page says every browser word as a marked term, after a run of every panel', async ({
  page,
}) => {
  // Four panels run, one of them twice, and the page read three times: minutes on a loaded machine.
  test.setTimeout(180_000);
  const errors = watchForErrors(page);
  await recordAnnouncements(page);
  await page.goto('./?duration=300');
  await waitForPageSettled(page);

  // Blocking, with a probe click made during its freeze: raw input, not awaited one by one (each
  // would otherwise wait for the blocked page).
  const blocking = page.getByRole('region', { name: /^Blocking/ });
  const probe = page.getByRole('button', { name: 'Probe click' });
  await probe.scrollIntoViewIfNeeded();
  const run = await centre(blocking.getByRole('button', { name: 'Run', exact: true }));
  const at = (await probe.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  await waitForQuietFrames(page);
  const cdp = await newCdp(page);
  const press = (x: number, y: number) =>
    (['mousePressed', 'mouseReleased'] as const).map((type) =>
      cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 }),
    );
  await Promise.all([...press(run.x, run.y), ...press(at.x + at.width / 2, at.y + at.height / 2)]);
  await expect(page.getByTestId('stall-list').locator('li').first()).toBeAttached();
  await expect(page.locator('.probe-table tbody tr').first()).toBeAttached();

  const queue = page.getByRole('region', { name: /^Queue/ });
  await queue.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(queue.getByTestId('queue-tasks-done')).toContainText('1 done');
  // The browser's own error, refused to a worker, is said in Tk's words too.
  await queue.getByRole('button', { name: 'Update the page from the worker' }).click();
  await expect(queue.getByTestId('queue-dom-error')).toBeAttached();

  const dedicated = page.getByRole('region', { name: /^Dedicated/ });
  await dedicated.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dedicated.getByTestId('dedicated-tally')).toContainText('1 done');
  await dedicated.getByRole('button', { name: 'Crash worker', exact: true }).click();
  await expect(dedicated.getByTestId('dedicated-notice')).not.toBeEmpty();

  // One thread, polling, then guest mode: each mode shows its own figures.
  const oneThread = page.getByRole('region', { name: /^One thread/ });
  await oneThread.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(oneThread.getByTestId('one-thread-output')).toContainText('waited');
  // The reader of the page's text, checked: the instrument marks "main thread" several times.
  expect(await page.locator('[data-term="main thread"]').count()).toBeGreaterThan(2);
  const found = await unmarkedWords(page);

  await oneThread.getByRole('radio', { name: /guest mode/ }).check();
  await expect(oneThread.getByTestId('one-thread-status')).not.toContainText('during its tasks');
  await oneThread.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page
      .getByRole('region', { name: 'Comparison' })
      .getByRole('columnheader', { name: /^One thread \(guest mode\)/ }),
  ).not.toContainText('not measured');
  found.push(...(await unmarkedWords(page)));

  expect([...new Map(found.map((f) => [f.join(' in '), f])).values()]).toEqual([]);
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
