/**
 * `npm run bench -- --only engines` runs this (bench/sections/engines.mjs): the Blocking stall error
 * per engine, through the same drivers as the cross-browser suite. For each engine and each D it
 * records what the page shows, the page's own User Timing measure of the run, the frame gap around
 * it (what frame gaps alone would have read), and what the page shows for a 300 ms busy loop it
 * knows nothing about (frame gaps, or Chromium's long tasks).
 */
import { writeFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import type { Engine } from './drivers/types';
import { engineSetup } from './engines';
import { CrossPage } from './page';

const RUNS = Number(process.env.CROSS_BENCH_RUNS ?? 5);
const ENGINES = (process.env.CROSS_BENCH_ENGINES ?? 'chromium,firefox,webkit').split(
  ',',
) as Engine[];

interface Sample {
  duration: number;
  /** The Blocking panel's own figure for the run ("held the main thread for", from its marks). */
  lastRun: number;
  /** The stall list's figure for the stall. */
  shown: number;
  measure: number;
  frameGap: number;
}

/** The listed stall around window[key] ({ start, end }), once its source is final. */
const STALL_AROUND = `(key) => {
  const span = window[key];
  if (!span) return null;
  const li = Array.from(document.querySelectorAll('[data-testid="stall-list"] li')).find(
    (li) => Number(li.dataset.frameStart) <= span.start + 1 && Number(li.dataset.frameEnd) >= span.end - 1);
  if (!li) return null;
  const longtask = PerformanceObserver.supportedEntryTypes.includes('longtask');
  if (longtask && !/long-task/.test(li.textContent)) return null;
  if (key === '__run' && !longtask && !/own marks/.test(li.textContent)) return null;
  const gap = /frame gap ([\\d,]+) ms/.exec(li.textContent);
  const burst = document.querySelector('[data-testid="blocking-burst"]')?.textContent ?? '';
  const last = /held the main thread for\\s*([\\d,]+)\\s*ms/.exec(burst.replace(/\\s+/g, ' '));
  return {
    lastRun: last ? Number(last[1].replace(/,/g, '')) : NaN,
    shown: Number(li.querySelector('[data-testid="stall-duration"]').textContent.replace(/[^\\d]/g, '')),
    measure: span.end - span.start,
    frameGap: gap ? Number(gap[1].replace(/,/g, '')) : NaN,
  };
}`;

const QUIET = `() => new Promise((resolve) => {
  let n = 0, last = performance.now();
  const give = setTimeout(() => resolve(false), 5000);
  const f = () => { const now = performance.now(); n = now - last < 50 ? n + 1 : 0; last = now;
    if (n >= 10) { clearTimeout(give); resolve(true); } else requestAnimationFrame(f); };
  requestAnimationFrame(f);
})`;

const FRAME = `() => new Promise((resolve) => {
  const t = [];
  const f = () => { t.push(performance.now());
    if (t.length > 20) { const d = t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b); resolve(d[10]); }
    else requestAnimationFrame(f); };
  requestAnimationFrame(f);
})`;

async function stallAround(page: CrossPage, key: string, what: string) {
  let found: Omit<Sample, 'duration'> | null = null;
  await page.waitFor(async () => {
    found = await page.run(STALL_AROUND, key);
    return found !== null;
  }, what);
  return found as unknown as Omit<Sample, 'duration'>;
}

it('measures the Blocking stall error in every engine', async () => {
  const site = inject('site');
  const out: Record<string, unknown> = {};
  for (const engine of ENGINES) {
    const setup = engineSetup(engine);
    if (setup.missing) {
      out[engine] = { missing: setup.missing };
      continue;
    }
    const driver = await setup.start();
    try {
      const page = new CrossPage(driver);
      const samples: Sample[] = [];
      const busy: number[] = [];
      const frames: number[] = [];
      for (const duration of [300, 1000]) {
        await page.open(`${site}?panel=blocking&kind=cpu&duration=${duration}`);
        await page
          .root()
          .testId('frame-stats')
          .waitForText(/[1-9]\d* fps/);
        await page
          .region(/Blocking/)
          .role('button', 'Run')
          .point();
        await page.run(`() => {
          window.__run = null;
          new PerformanceObserver((l) => l.getEntries().forEach((e) => {
            window.__run = { start: e.startTime, end: e.startTime + e.duration };
          })).observe({ type: 'measure' });
          return true;
        }`);
        frames.push(await page.run<number>(FRAME));
        for (let run = 0; run < RUNS; run++) {
          await page.run(QUIET);
          await page.run('() => { window.__run = null; return true; }');
          await page
            .region(/Blocking/)
            .role('button', 'Run')
            .click();
          samples.push({
            duration,
            ...(await stallAround(page, '__run', 'the run to be reported')),
          });
        }
        if (duration !== 300) continue;
        for (let run = 0; run < RUNS; run++) {
          await page.run(QUIET);
          await page.run(`() => {
            window.__busy = null;
            setTimeout(() => {
              const start = performance.now();
              while (performance.now() - start < 300) {}
              window.__busy = { start, end: performance.now() };
            }, 0);
            return true;
          }`);
          busy.push((await stallAround(page, '__busy', 'the busy loop to be reported')).shown);
        }
      }
      out[engine] = { version: driver.version, frames, samples, busyLoop300: busy };
    } finally {
      await driver.close();
    }
  }
  writeFileSync(
    process.env.CROSS_BENCH_OUT ?? 'test-results/engines.json',
    JSON.stringify(out, null, 2),
  );
  expect(Object.keys(out)).toEqual(ENGINES);
}, 900_000);
