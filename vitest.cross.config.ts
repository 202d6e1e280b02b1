import { defineConfig } from 'vitest/config';

/**
 * The cross-browser suite (tests/cross): the same tests in Chromium (Playwright), Firefox ESR
 * (puppeteer-core over WebDriver BiDi) and WebKitGTK (classic WebDriver), one engine per file, one
 * file at a time: timing tests on a 2-core machine must not share it with each other.
 */
export default defineConfig({
  test: {
    // `npm run bench -- --only engines` runs the benchmark file instead (CROSS_BENCH=1).
    include: [
      process.env.CROSS_BENCH ? 'tests/cross/**/*.bench-cross.ts' : 'tests/cross/**/*.cross.ts',
    ],
    environment: 'node',
    globalSetup: ['tests/cross/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // As in the Playwright suite: one retry in CI absorbs a neighbour's burst of load.
    retry: process.env.CI ? 1 : 0,
  },
});
