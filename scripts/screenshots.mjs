// `npm run screenshots [-- --no-build] [-- --only NAME]`: the pictures in docs/ and the README's,
// taken from today's page in real Chromium. Builds the site into dist-shots/, serves it, and writes
// each PNG below at a device pixel ratio of 1 (small files; the README shows them at that size).
// Every shot waits for conditions (the panel's Run button, fonts, code views filled, the live
// figures counting frames, frames quiet again, a finished run's status), never for a fixed time.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { chromium, expect } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './browser.mjs';
import { serveStatic } from './static-server.mjs';
import { quietFrames } from '../bench/lib/visit.mjs';

const args = process.argv.slice(2);
const dist = 'dist-shots';
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
if (!args.includes('--no-build')) {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/**
 * Waits until the page shows what a reader sees once it has loaded: the Blocking panel's Run, the
 * fonts, every code view on screen filled in, the live figures counting frames, then quiet frames.
 */
async function ready(page) {
  await page.getByRole('button', { name: 'Run', exact: true }).first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  await expect(page.getByTestId('frame-stats').first()).toContainText(/[1-9]\d* fps/, {
    timeout: 30_000,
  });
  await page.waitForLoadState('networkidle');
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          [...document.querySelectorAll('pre code')]
            .filter((code) => {
              const box = code.getBoundingClientRect();
              return box.bottom > 0 && box.top < innerHeight && box.height > 0;
            })
            .every((code) => code.textContent.trim() !== ''),
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  await quietFrames(page, 10);
}

/** The shots: each a name (docs/NAME.png), what it shows, and how to take it. */
const SHOTS = [
  {
    name: 'first-screen',
    what: 'the first screen at 1366×900, light (the README picture)',
    viewport: { width: 1366, height: 900 },
    colorScheme: 'light',
    async take(page, url) {
      await page.goto(url);
      await ready(page);
    },
  },
  {
    name: 'first-screen-dark',
    what: 'the first screen at 1366×900, dark',
    viewport: { width: 1366, height: 900 },
    colorScheme: 'dark',
    async take(page, url) {
      await page.goto(url);
      await ready(page);
    },
  },
  {
    name: 'phone',
    what: 'the first screen on a phone, 390 px wide',
    viewport: { width: 390, height: 844 },
    colorScheme: 'light',
    async take(page, url) {
      await page.goto(url);
      await ready(page);
    },
  },
  {
    name: 'embed',
    what: 'an embedded Queue panel at 600 px wide, as a tutorial shows it',
    viewport: { width: 600, height: 900 },
    colorScheme: 'light',
    // Only the embedded page's own height: what its host's frame shows.
    element: 'body',
    async take(page, url) {
      await page.goto(`${url}panel/?panel=queue&poll=250&embed=1`);
      await ready(page);
    },
  },
  {
    name: 'blocking-freeze',
    what: "a one-second Blocking run's freeze on the live chart, and the panel's figures",
    viewport: { width: 1366, height: 900 },
    colorScheme: 'light',
    async take(page, url) {
      await page.goto(`${url}?panel=blocking&kind=wait&duration=1000`);
      await ready(page);
      const panel = page.getByRole('region', { name: /Blocking/ }).first();
      await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await quietFrames(page, 10);
      await panel.getByRole('button', { name: 'Run', exact: true }).click();
      // The run has ended and the page has counted it: its stall is in the panel's status.
      await expect(
        panel
          .getByRole('status')
          .filter({ hasText: /Longest stall/ })
          .first(),
      ).toContainText(/Longest stall\s+[1-9][\d,]*\s*ms/, { timeout: 30_000 });
      await quietFrames(page, 10);
    },
  },
];

const server = await serveStatic({ root: dist, prefix: '/' });
const browser = await chromium.launch({
  executablePath: findBrowser() ?? undefined,
  args: CHROMIUM_ARGS,
});
try {
  for (const shot of SHOTS.filter((s) => only === null || s.name === only)) {
    const context = await browser.newContext({
      viewport: shot.viewport,
      colorScheme: shot.colorScheme,
      deviceScaleFactor: 1,
      reducedMotion: 'no-preference',
    });
    const page = await context.newPage();
    await shot.take(page, server.url);
    const path = `docs/${shot.name}.png`;
    if (shot.element) await page.locator(shot.element).screenshot({ path });
    else await page.screenshot({ path });
    const kb = Math.round(statSync(path).size / 1024);
    console.log(`${path}: ${shot.what} (${kb} KB)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
