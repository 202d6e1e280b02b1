import { defineConfig } from 'vitest/config';

/**
 * The cross-browser suite (tests/cross): the same tests in Chromium (Playwright), Firefox ESR
 * (puppeteer-core over WebDriver BiDi) and WebKitGTK (classic WebDriver), one engine per file
 * (WebKitGTK's tests in two halves, two files, two sessions). The engines run at once against one build and one server, so that the suite fits CI's
 * time budget: its figures are either the page's own marks (exact under any load) or bounded by
 * the frame interval the test measures at the time, so sharing the cores widens no tolerance.
 * CROSS_SERIAL=1 runs one file at a time (the benchmark always does: it measures speed).
 */
export default defineConfig({
  test: {
    // `npm run bench -- --only engines` runs the benchmark file instead (CROSS_BENCH=1).
    include: [
      process.env.CROSS_BENCH ? 'tests/cross/**/*.bench-cross.ts' : 'tests/cross/**/*.cross.ts',
    ],
    environment: 'node',
    globalSetup: ['tests/cross/global-setup.ts'],
    fileParallelism: !process.env.CROSS_BENCH && !process.env.CROSS_SERIAL,
    // One worker per file: Chromium, Firefox ESR and WebKitGTK's two halves.
    maxWorkers: 4,
    // WebKitGTK draws this page at a few frames per second under Xvfb; on a loaded machine one
    // test can take most of a minute. The limit only catches a hang.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // As in the Playwright suite: one retry in CI absorbs a neighbour's burst of load.
    retry: process.env.CI ? 1 : 0,
  },
});
