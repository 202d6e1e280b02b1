// `node scripts/heights.mjs [--dist DIR] [--no-build]`: how tall the page is, in CSS px, in real
// Chromium. Builds the site into DIR (default dist-heights/), serves it, and reports:
// - the whole page at 1366×900 as it loads, then with every disclosure (<details>) closed and with
//   every one open, each once every lazily loaded part (recordings, code) has arrived, and the
//   "What goes wrong" section's own height in both states;
// - each panel embedded (`?embed=1&panel=…`) at 600 px wide: as it opens, with `show=all`
//   (every part open, when the build knows the parameter) and with every disclosure opened by hand.
// An embed's height is the height its page reports to its host (the body's box, see
// src/app/embed.ts). Prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './browser.mjs';
import { serveStatic } from './static-server.mjs';

const args = process.argv.slice(2);
const dist = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist-heights';
if (!args.includes('--no-build')) {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const PANELS = ['blocking', 'queue', 'dedicated', 'one-thread'];

/**
 * Scrolls the page from top to bottom and back until its height has not changed for a second:
 * the recordings load when they come near the viewport, and each one that arrives adds height.
 * Returns the document's height (px).
 */
async function settle(page) {
  await page.evaluate(() => document.fonts.ready);
  let last = -1;
  let stableSince = Date.now();
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const height = await page.evaluate(async () => {
      const step = innerHeight / 2;
      for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
        scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
      }
      scrollTo(0, 0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
      return document.documentElement.scrollHeight;
    });
    if (height !== last) {
      last = height;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 1000) break;
  }
  return last;
}

/** Opens (or closes) every <details> on the page; returns how many there are. */
function setDisclosures(page, open) {
  return page.evaluate((open) => {
    const all = [...document.querySelectorAll('details')];
    for (const d of all) d.open = open;
    return all.length;
  }, open);
}

/** Opens every disclosure, including those that appear inside one just opened. */
async function openAll(page) {
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const now = await setDisclosures(page, true);
    await settle(page);
    if (now === count) break;
    count = now;
  }
  return count;
}

/** The height (px) of the "What goes wrong" section, or 0 when the page has none. */
const sectionHeight = (page) =>
  page.evaluate(() =>
    Math.ceil(document.getElementById('what-goes-wrong')?.getBoundingClientRect().height ?? 0),
  );

const embedHeight = (page) =>
  page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));

const server = await serveStatic({ root: dist, prefix: '/' });
const browser = await chromium.launch({
  executablePath: findBrowser() ?? undefined,
  args: CHROMIUM_ARGS,
});
const rows = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('region', { name: /Dedicated/ }).waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  const atLoad = await page.evaluate(() => document.documentElement.scrollHeight);
  const loaded = await settle(page);
  await setDisclosures(page, false);
  const closed = await settle(page);
  const mistakesClosed = await sectionHeight(page);
  const count = await openAll(page);
  const open = await page.evaluate(() => document.documentElement.scrollHeight);
  const mistakesOpen = await sectionHeight(page);
  rows.push(['Whole page, 1366×900, at load (before scrolling)', atLoad]);
  rows.push(['Whole page, 1366×900, scrolled through (recordings loaded)', loaded]);
  rows.push(['Whole page, 1366×900, every disclosure closed', closed]);
  rows.push([`Whole page, 1366×900, every disclosure open (${count})`, open]);
  rows.push(['What goes wrong, 1366×900, every disclosure closed', mistakesClosed]);
  rows.push(['What goes wrong, 1366×900, every disclosure open', mistakesOpen]);
  await context.close();

  for (const panel of PANELS) {
    const embed = await browser.newContext({ viewport: { width: 600, height: 900 } });
    const frame = await embed.newPage();
    const url = `${server.url}?embed=1&panel=${panel}`;
    await frame.goto(url);
    await frame.getByRole('button', { name: 'Run', exact: true }).first().waitFor();
    await frame.waitForLoadState('networkidle');
    await settle(frame);
    rows.push([`Embedded ${panel}, 600 px wide, as opened`, await embedHeight(frame)]);
    await frame.goto(`${url}&show=all`);
    await frame.getByRole('button', { name: 'Run', exact: true }).first().waitFor();
    const refused = await frame.getByTestId('url-notice').count();
    if (refused === 0) {
      await settle(frame);
      rows.push([`Embedded ${panel}, 600 px wide, show=all`, await embedHeight(frame)]);
    }
    const opened = await openAll(frame);
    rows.push([
      `Embedded ${panel}, 600 px wide, every disclosure open (${opened})`,
      await embedHeight(frame),
    ]);
    await embed.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log('| Page | Height (px) |\n| --- | ---: |');
for (const [what, px] of rows) console.log(`| ${what} | ${px.toLocaleString('en')} |`);
