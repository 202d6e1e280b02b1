// The Blocking stall error per engine: runs tests/cross/engines.bench-cross.ts (the cross-browser
// suite's drivers: Playwright for Chromium, puppeteer-core for Firefox ESR, WebDriver for WebKitGTK)
// on the app build and summarises what it measured.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { summarize } from '../lib/stats.mjs';

export async function measureEngines({ runs }) {
  const out = 'test-results/engines-bench.json';
  const result = spawnSync('npx vitest run -c vitest.cross.config.ts', {
    shell: true,
    stdio: 'inherit',
    env: {
      ...process.env,
      CROSS_BENCH: '1',
      CROSS_BENCH_RUNS: String(runs),
      CROSS_BENCH_OUT: out,
      CROSS_DIST: 'dist',
    },
  });
  if (result.status !== 0) throw new Error('the engines benchmark failed');
  const raw = JSON.parse(readFileSync(out, 'utf8'));
  const engines = {};
  for (const [engine, r] of Object.entries(raw)) {
    if (r.missing) {
      engines[engine] = { missing: r.missing };
      continue;
    }
    const per = (d, pick) => summarize(r.samples.filter((s) => s.duration === d).map(pick));
    engines[engine] = {
      version: r.version,
      frame: summarize(r.frames),
      blocking: Object.fromEntries(
        [300, 1000].map((d) => [
          d,
          {
            lastRunError: per(d, (s) => s.lastRun - d),
            error: per(d, (s) => s.shown - d),
            measureError: per(d, (s) => s.measure - d),
            frameGapError: per(d, (s) => s.frameGap - d),
          },
        ]),
      ),
      busyLoopError: summarize(r.busyLoop300.map((v) => v - 300)),
    };
  }
  return { engines };
}
