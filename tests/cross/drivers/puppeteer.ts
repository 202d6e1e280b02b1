import puppeteer from 'puppeteer-core';
import { VIEWPORT, type Driver } from './types';

/**
 * Firefox through puppeteer-core over WebDriver BiDi. Playwright's own Firefox channel cannot
 * open a context in Debian's firefox-esr (TOOLCHAIN.md), and puppeteer-core 24.43.1 is the last
 * release that runs on Node 20.
 */
export async function puppeteerDriver(executablePath: string): Promise<Driver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: VIEWPORT,
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e instanceof Error ? e.message : e}`));
  return {
    engine: 'firefox',
    version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),
    async open(url) {
      // A page being left can report what navigation cut short (a chunk still loading): that is
      // the test's doing, so each page's log starts empty.
      errors.length = 0;
      await page.goto(url, { waitUntil: 'load' });
    },
    run: <T>(source: string, arg?: unknown) =>
      page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`) as Promise<T>,
    async click(x, y) {
      await page.mouse.click(x, y);
    },
    inputMadeInPage: true,
    dropsHungPages: false,
    nativeErrors: () => errors,
    close: () => browser.close(),
  };
}
