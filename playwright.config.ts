import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './scripts/browser.mjs';
import { E2E_DIST, E2E_ORIGIN, E2E_PORT } from './tests/e2e/support/build';

const executablePath = findBrowser() ?? undefined;

export default defineConfig({
  testDir: 'tests/e2e',
  // Timing-sensitive tests on a 2-core machine: one at a time, so tests do not steal each other's CPU.
  workers: 1,
  fullyParallel: false,
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
