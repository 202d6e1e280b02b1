import { expect, test } from '@playwright/test';
import { E2E_DIST, E2E_ORIGIN } from './support/build';
import { bundleSize, INITIAL_JS_BUDGET } from '../../scripts/bundle-size.mjs';

// The production build the end-to-end tests run against is in dist/ (see playwright.config.ts).
test('the initial JavaScript stays within its 35 kB gzipped budget', () => {
  const { initial } = bundleSize(E2E_DIST);
  expect(initial.files.length).toBeGreaterThan(0);
  expect(
    initial.js,
    `initial JS is ${(initial.js / 1000).toFixed(1)} kB gzipped`,
  ).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
});

test('the page loads with a title, a description, a favicon and no request to another host', async ({
  page,
}) => {
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${E2E_ORIGIN}/`)) foreign.push(request.url());
  });
  page.on('requestfailed', (request) => failed.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('./');
  await expect(page).toHaveTitle(/Two Loops/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Tkinter/);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  const iconResponse = await page.request.get(new URL(icon as string, page.url()).href);
  expect(iconResponse.ok()).toBe(true);
  await page.getByRole('button', { name: 'Run' }).first().waitFor();
  expect(foreign).toEqual([]);
  expect(failed).toEqual([]);
});

test('the built site works from a sub-path of another server', async ({ page }) => {
  const { serveStatic } = await import('../../scripts/static-server.mjs');
  const server = await serveStatic({ root: E2E_DIST, prefix: '/tutorials/asyncio/two-loops/' });
  try {
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}?panel=blocking&duration=100`);
    const panel = page.getByRole('region', { name: /Blocking/ });
    await expect(page.getByTestId('frame-stats')).toContainText(/[1-9]\d* fps/);
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByTestId('blocking-output')).toHaveText('Done after 100 ms');
    // The monitor worker loaded from the sub-path too.
    // (In "How this page timed it: the chart", one click away.)
    await expect(page.getByText('Drawn by a worker')).toBeAttached();
    await expect(page.locator('pre[data-language="python"]').first()).toContainText(
      'import asyncio',
    );
    expect(failed).toEqual([]);
  } finally {
    await server.close();
  }
});
