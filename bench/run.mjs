// `npm run bench [-- --quick]`: builds the app, drives it in Chromium and writes BENCHMARKS.md and
// bench/results.json. Every figure is the median of several runs, with min and max; comparisons
// are made within one run, because this machine is shared and absolute times drift.
import { execSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/browser.mjs';
import { serveStatic } from '../scripts/static-server.mjs';
import { measureInstrument } from './sections/instrument.mjs';
import { measureSize } from './sections/size.mjs';
import { writeReport } from './report.mjs';

const quick = process.argv.includes('--quick');
const runs = quick ? 2 : 5;

const executablePath = findBrowser();
if (!executablePath) {
  console.error(
    'No Chromium found: install one (apt-get install chromium, or npx playwright install chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}

console.log('Building…');
execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
const app = await serveStatic({ root: 'dist', prefix: '/' });
const pages = await serveStatic({ root: 'bench/pages', prefix: '/' });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const started = Date.now();
try {
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
    sections: {},
  };
  console.log('Instrument cost…');
  results.sections.instrument = await measureInstrument({
    browser,
    appUrl: app.url,
    floorUrl: `${pages.url}floor.html`,
    runs,
  });
  console.log('Size…');
  results.sections.size = measureSize();
  results.seconds = Math.round((Date.now() - started) / 1000);
  writeReport(results);
  console.log(`Done in ${results.seconds} s: BENCHMARKS.md, bench/results.json`);
} finally {
  await browser.close();
  await app.close();
  await pages.close();
}
