// `npm run bench [-- --quick] [-- --only a,b]`: builds the app and the benchmark pages, drives them
// in Chromium and writes BENCHMARKS.md and bench/results.json. Every figure is the median of
// several runs, with min and max; headline comparisons are ratios within one run, because this
// machine is shared and absolute times drift.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/browser.mjs';
import { serveStatic } from '../scripts/static-server.mjs';
import { measureEngines } from './sections/engines.mjs';
import { measureGuest } from './sections/guest.mjs';
import { measureInstrument } from './sections/instrument.mjs';
import { measureLighthouse } from './sections/lighthouse.mjs';
import { measureMessaging } from './sections/messaging.mjs';
import { measureOwnStalls } from './sections/own-stalls.mjs';
import { measurePolling } from './sections/polling.mjs';
import { measureSize } from './sections/size.mjs';
import { measureStalls } from './sections/stalls.mjs';
import { measureStreaming } from './sections/streaming.mjs';
import { writeReport } from './report.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]?.split(',')) : null;
// Quick: one run of everything, to see where things stand in under two minutes.
const runs = quick ? 1 : 5;
const wanted = (name) => !only || only.has(name);

const executablePath = findBrowser();
if (!executablePath) {
  console.error(
    'No Chromium found: install one (apt-get install chromium, or npx playwright install chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}

console.log('Building the app and the benchmark pages…');
execSync('npx vite build --logLevel warn && npx vite build --config bench/vite.config.ts', {
  stdio: 'inherit',
});
const app = await serveStatic({ root: 'dist', prefix: '/' });
const pages = await serveStatic({ root: 'bench/dist', prefix: '/' });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const started = Date.now();
// A partial run (--only) keeps the other sections from the last full record.
const previous =
  only && existsSync('bench/results.json')
    ? JSON.parse(readFileSync('bench/results.json', 'utf8'))
    : null;
const results = {
  date: new Date().toISOString(),
  quick,
  runs,
  browser: `Chromium ${browser.version()}`,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
  },
  sections: { ...(previous?.sections ?? {}) },
};
const section = async (name, label, measure) => {
  if (!wanted(name)) return;
  console.log(`${label}…`);
  const t0 = Date.now();
  results.sections[name] = { ...(await measure()), seconds: Math.round((Date.now() - t0) / 1000) };
};
try {
  const context = { browser, executablePath, appUrl: app.url, pagesUrl: pages.url, runs, quick };
  await section('instrument', 'Instrument cost', () =>
    measureInstrument({
      ...context,
      floorUrl: `${pages.url}floor.html`,
      floorDialUrl: `${pages.url}floor-dial.html`,
    }),
  );
  await section('stalls', 'Stall accuracy and live drawing', () => measureStalls(context));
  await section('own-stalls', "The page's own stalls", () => measureOwnStalls(context));
  await section('messaging', 'Worker messaging', () => measureMessaging(context));
  await section('streaming', 'Streaming', () => measureStreaming(context));
  await section('polling', 'Queue polling', () => measurePolling(context));
  await section('guest', 'Guest mode hand-off', () => measureGuest(context));
  await section('size', 'Size', async () => measureSize());
  await section('lighthouse', 'Lighthouse', () =>
    measureLighthouse({ ...context, runs: quick ? 1 : 3 }),
  );
  // Last: it launches each engine itself (Firefox ESR, WebKitGTK), through the cross-browser drivers.
  await section('engines', 'Stall error per engine', () => measureEngines(context));
  results.seconds = Math.round((Date.now() - started) / 1000);
  writeReport(results);
  console.log(`Done in ${results.seconds} s: BENCHMARKS.md, bench/results.json`);
} finally {
  await browser.close();
  await app.close();
  await pages.close();
}
