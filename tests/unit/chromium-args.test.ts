import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  OMNIBOX_WEBUI_FEATURES,
  PLAYWRIGHT_DISABLED_FEATURES,
  findBrowser,
} from '../../scripts/browser.mjs';

// Chromium keeps only the last `--disable-features` switch. The tests and benchmarks add one of
// their own (the omnibox's web-page popups), so it must carry every feature Playwright disables
// itself, or those come back on. This reads the switches off the launched browser's command line.
const executablePath = findBrowser();
const linux = process.platform === 'linux';

/** Every `--disable-features` value on a command line, in order, each as its list of names. */
function disabledLists(argv: string[]): string[][] {
  return argv
    .filter((arg) => arg.startsWith('--disable-features='))
    .map((arg) => arg.slice('--disable-features='.length).split(','));
}

describe('the Chromium the tests and benchmarks launch (tests/unit/chromium-args.test.ts)', () => {
  it.skipIf(!executablePath || !linux)(
    "keeps Playwright's disabled features and turns off the omnibox's web-page popups",
    async () => {
      const server = await chromium.launchServer({
        executablePath: executablePath as string,
        args: CHROMIUM_ARGS,
      });
      try {
        const pid = server.process().pid;
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const lists = disabledLists(argv);
        expect(lists.length).toBeGreaterThan(0);
        const last = new Set(lists.at(-1));
        // Whatever Playwright put before ours (today one list) is still disabled by ours.
        for (const name of lists.slice(0, -1).flat()) expect(last, name).toContain(name);
        for (const name of OMNIBOX_WEBUI_FEATURES) expect(last).toContain(name);
        // And the list we carry is Playwright's as it is, not one it has since dropped names from.
        const playwrights = lists.slice(0, -1).flat();
        if (playwrights.length)
          expect(new Set(PLAYWRIGHT_DISABLED_FEATURES)).toEqual(new Set(playwrights));
      } finally {
        await server.close();
      }
    },
  );
});
