import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../scripts/browser.mjs';
import { VIEWPORT, type Driver } from './types';

/** Chromium through Playwright (the driver the rest of the end-to-end suite uses). */
export async function playwrightDriver(executablePath: string): Promise<Driver> {
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return {
    engine: 'chromium',
    version: `Chromium ${browser.version()}`,
    async open(url) {
      // A page being left can report what navigation cut short (a chunk still loading): that is
      // the test's doing, so each page's log starts empty.
      errors.length = 0;
      await page.goto(url, { waitUntil: 'load' });
    },
    run: (source, arg) => page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`),
    async click(x, y) {
      await page.mouse.click(x, y);
    },
    inputMadeInPage: false,
    dropsHungPages: false,
    nativeErrors: () => errors,
    close: () => browser.close(),
  };
}
