import { expect, test } from '@playwright/test';
import { waitForPageSettled, watchForErrors } from './support/page';

test('no lane timeline is followed by a blank box: what comes below it is drawn with it', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  await waitForPageSettled(page);
  const figures = page.locator('figure.lanes');
  await expect(figures).toHaveCount(2);
  for (const figure of await figures.all()) {
    await figure.scrollIntoViewIfNeeded();
    const below = await figure.evaluate((element) => {
      // The part of the panel right below the timeline: its next sibling, or its wrapper's.
      let next: Element | null = element.nextElementSibling;
      let up: Element | null = element;
      while (!next && up) {
        up = up.parentElement;
        next = up?.nextElementSibling ?? null;
      }
      if (!next) return null;
      const timeline = element.getBoundingClientRect();
      const box = next.getBoundingClientRect();
      return {
        gap: box.top - timeline.bottom,
        // A box whose content the browser may skip is painted empty until a rendering update
        // reaches it, which a busy main thread delays: the reader sees a blank block.
        skippable: ['auto', 'hidden'].includes(getComputedStyle(next).contentVisibility),
        text: (next.textContent ?? '').trim().length,
      };
    });
    expect(below).not.toBeNull();
    expect(below?.skippable).toBe(false);
    expect(below?.gap).toBeLessThan(40);
    expect(below?.text).toBeGreaterThan(0);
  }
  expect(errors).toEqual([]);
});
