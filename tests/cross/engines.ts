import { existsSync } from 'node:fs';
import { findBrowser } from '../../scripts/browser.mjs';
import { playwrightDriver } from './drivers/playwright';
import { puppeteerDriver } from './drivers/puppeteer';
import type { Driver, Engine } from './drivers/types';
import { MINIBROWSER, webdriverDriver } from './drivers/webdriver';

export interface EngineSetup {
  engine: Engine;
  /** What is missing, in one line that says what to install; null when the engine can run. */
  missing: string | null;
  start(): Promise<Driver>;
}

function firstExisting(paths: Array<string | undefined>): string | null {
  return paths.find((p) => p && existsSync(p)) ?? null;
}

export function engineSetup(engine: Engine): EngineSetup {
  if (engine === 'chromium') {
    const path = findBrowser();
    return {
      engine,
      missing: path ? null : 'Chromium not found: apt-get install chromium (or set CHROME_PATH).',
      start: () => playwrightDriver(path as string),
    };
  }
  if (engine === 'firefox') {
    const path = firstExisting([
      process.env.FIREFOX_PATH,
      '/usr/bin/firefox-esr',
      '/usr/bin/firefox',
    ]);
    return {
      engine,
      missing: path
        ? null
        : 'Firefox not found: apt-get install firefox-esr (or set FIREFOX_PATH).',
      start: () => puppeteerDriver(path as string),
    };
  }
  const driver = firstExisting(['/usr/bin/WebKitWebDriver']);
  const xvfb = firstExisting(['/usr/bin/xvfb-run']);
  const missing =
    !driver || !existsSync(MINIBROWSER)
      ? 'WebKitGTK not found: apt-get install webkit2gtk-driver.'
      : !xvfb
        ? 'xvfb-run not found (WebKitGTK needs a display): apt-get install xvfb xauth.'
        : null;
  return { engine, missing, start: () => webdriverDriver(driver as string) };
}
