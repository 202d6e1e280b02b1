import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './scripts/browser.mjs';
import { E2E_DIST, E2E_ORIGIN, E2E_PORT } from './tests/e2e/support/build';

const executablePath = findBrowser() ?? undefined;

/**
 * The specs whose figures are timings (stalls, frame intervals, latencies, the page's own long
 * tasks): they run one at a time, after the rest, so that no other test steals their CPU on a
 * 2-core machine. Every other spec runs two files at a time.
 */
const TIMED = [
  'blocking.spec.ts',
  'dedicated.spec.ts',
  'first-paint.spec.ts',
  'hidden-tab.spec.ts',
  'lane-timeline.spec.ts',
  'one-thread.spec.ts',
  'queue.spec.ts',
  'quiet-page.spec.ts',
].map((file) => `**/${file}`);

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'functional', testIgnore: TIMED, workers: 2 },
    // After the functional project, alone. (A failure there skips these; the run fails either way.)
    { name: 'timed', testMatch: TIMED, workers: 1, dependencies: ['functional'] },
  ],
  // Timing tests on a shared 2-core machine: one retry in CI absorbs a neighbour's burst; a real
  // regression fails both attempts. The report counts a pass on retry as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `${E2E_ORIGIN}/`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${E2E_DIST} && npx vite preview --host 127.0.0.1 --port ${E2E_PORT} --strictPort --outDir ${E2E_DIST}`,
    url: `${E2E_ORIGIN}/`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
