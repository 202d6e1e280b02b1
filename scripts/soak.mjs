// `npm run soak -- --minutes N` (or `--seconds S`; `--out DIR` builds there instead of dist/):
// the page left open under load, in real Chromium. Every panel runs streams at a high rate over and over while the input probe is clicked
// every second. At the start, every minute and at the end, the page is let go idle and measured:
// JS heap after a forced GC, the number of workers, the sizes of its bounded buffers (read from
// `globalThis.__twoLoopsDiagnostics`, see src/app/diagnostics.ts) and console errors.
//
// Pass: heap growth under 5 MB from the first minute to the end, the same number of workers at
// every idle sample, no console error or uncaught exception. Prints a table, then exactly
// `soak: N passed, M failed`, and exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './browser.mjs';
import { serveStatic } from './static-server.mjs';

export const HEAP_GROWTH_LIMIT_MB = 5;

/** The load: streams at 20,000 updates per second in every panel, 20 at once in Dedicated. */
const LOAD = { rate: 20_000, dedicatedTasks: 20, streamMs: 3_000, blockingStreamMs: 200 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the soak on an open Playwright `page` against the app at `url`, for `seconds`.
 * Returns { samples, checks, passed, failed }; `log` receives progress lines.
 */
export async function soak(page, { url, seconds, log = () => {} }) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const browserCdp = await page.context().browser()?.newBrowserCDPSession();

  const query = `?kind=stream&duration=${LOAD.streamMs}&rate=${LOAD.rate}&poll=50`;
  await page.goto(new URL(query, url).href);
  const region = (name) => page.getByRole('region', { name });
  const panels = {
    blocking: region(/Blocking/),
    queue: region(/Queue/),
    dedicated: region(/Dedicated/),
  };
  for (const panel of Object.values(panels))
    await panel.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await panels.dedicated.getByLabel(/Concurrent tasks/).fill(String(LOAD.dedicatedTasks));
  await panels.blocking.getByLabel(/Duration/).fill(String(LOAD.blockingStreamMs));
  const probe = page.getByRole('button', { name: 'Probe click' });
  const diagnostics = () => page.evaluate(() => globalThis.__twoLoopsDiagnostics?.() ?? {});

  /** Waits for every run to end, then measures: the figures compared between samples. */
  async function sample(at) {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const d = await diagnostics();
      if ((d.dedicatedPending ?? 0) === 0 && (d.queueInFlight ?? 0) === 0) break;
      await sleep(200);
    }
    await sleep(500); // let finished workers close
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    let workers = page.workers().length;
    if (browserCdp) {
      const { targetInfos } = await browserCdp.send('Target.getTargets');
      const cdpWorkers = targetInfos.filter((t) => t.type === 'worker').length;
      workers = Math.max(workers, cdpWorkers);
    }
    return {
      at,
      heapMb: usedSize / 2 ** 20,
      workers,
      errors: errors.length,
      sizes: await diagnostics(),
    };
  }

  const samples = [await sample(0)];
  log(row(samples[0]));
  const every = Math.min(60, seconds / 2);
  const start = Date.now();
  let nextSample = every;
  let nextQueueRun = 0;
  let nextBlockingRun = 2;
  for (;;) {
    const elapsed = (Date.now() - start) / 1000;
    if (elapsed >= nextSample || elapsed >= seconds) {
      const s = await sample(Math.min(seconds, Math.round(elapsed)));
      samples.push(s);
      log(row(s));
      if (elapsed >= seconds) break;
      nextSample += every;
      nextQueueRun = 0;
      continue;
    }
    await probe.click();
    const d = await diagnostics();
    if ((d.dedicatedPending ?? 0) === 0)
      await panels.dedicated.getByRole('button', { name: 'Run', exact: true }).click();
    if ((d.queueInFlight ?? 0) === 0 && elapsed >= nextQueueRun) {
      await panels.queue.getByRole('button', { name: 'Run', exact: true }).click();
      nextQueueRun = elapsed + 1;
    }
    if (elapsed >= nextBlockingRun) {
      // A short stream on the main thread: the page freezes for its length, as it should.
      await panels.blocking.getByRole('button', { name: 'Run', exact: true }).click();
      nextBlockingRun = elapsed + 5;
    }
    await sleep(1_000);
  }
  await browserCdp?.detach();
  await cdp.detach();

  const baseline = samples.find((s) => s.at >= every) ?? samples[0];
  const last = samples[samples.length - 1];
  const growth = last.heapMb - baseline.heapMb;
  const idleWorkers = new Set(samples.slice(1).map((s) => s.workers));
  const checks = [
    {
      name: `heap growth ${growth.toFixed(2)} MB (from ${baseline.at} s to ${last.at} s) < ${HEAP_GROWTH_LIMIT_MB} MB`,
      ok: growth < HEAP_GROWTH_LIMIT_MB,
    },
    {
      name: `worker count stable when idle: ${[...idleWorkers].join(', ')}`,
      ok: idleWorkers.size === 1,
    },
    { name: `no console errors (${errors.length})`, ok: errors.length === 0, detail: errors },
    {
      name: 'every run was measured',
      ok: samples.length >= 3 && Object.keys(last.sizes).length > 0,
    },
  ];
  const failed = checks.filter((c) => !c.ok).length;
  return { samples, checks, passed: checks.length - failed, failed };
}

function row(s) {
  const sizes = Object.entries(s.sizes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${String(s.at).padStart(6)} s  heap ${s.heapMb.toFixed(2).padStart(7)} MB  workers ${s.workers}  errors ${s.errors}  ${sizes}`;
}

function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : null;
  };
  const minutes = value('--minutes');
  const seconds = value('--seconds');
  const total = seconds ?? (minutes ?? 1) * 60;
  if (!Number.isFinite(total) || total < 10)
    throw new Error('usage: soak [--minutes N | --seconds S≥10]');
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'dist';
  return { seconds: total, build: !argv.includes('--no-build'), out };
}

async function main() {
  const { seconds, build, out } = parseArgs(process.argv.slice(2));
  const executablePath = findBrowser();
  if (!executablePath) {
    console.log('soak: no Chromium found (set CHROME_PATH)');
    console.log('soak: 0 passed, 1 failed');
    process.exit(1);
  }
  if (
    build &&
    spawnSync(`npx vite build --logLevel warn --outDir ${out} --emptyOutDir`, {
      shell: true,
      stdio: 'inherit',
    }).status !== 0
  )
    process.exit(1);
  const server = await serveStatic({ root: out });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  let result;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    console.log(`soak: ${seconds} s against ${server.url}`);
    result = await soak(page, { url: server.url, seconds, log: (line) => console.log(line) });
  } finally {
    await browser.close();
    await server.close();
  }
  for (const check of result.checks) {
    console.log(`${check.ok ? '✔' : '✘'} ${check.name}`);
    for (const line of check.detail ?? []) console.log(`    ${line}`);
  }
  console.log(`soak: ${result.passed} passed, ${result.failed} failed`);
  process.exit(result.failed > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
