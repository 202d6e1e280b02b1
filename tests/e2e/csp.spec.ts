import { expect, test } from '@playwright/test';
import { E2E_DIST } from './support/build';
import { serveStatic } from '../../scripts/static-server.mjs';

/** The policy the README recommends to hosts; the built site must run under it untouched. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

let server: Awaited<ReturnType<typeof serveStatic>>;
test.beforeAll(async () => {
  server = await serveStatic({
    root: E2E_DIST,
    prefix: '/',
    headers: { 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
});
test.afterAll(async () => {
  await server.close();
});

test('the built site runs under a strict Content-Security-Policy with no violation', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const response = await page.goto(`${server.url}?panel=blocking&duration=200`);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const panel = page.getByRole('region', { name: /Blocking/ });
  await expect(page.getByTestId('frame-stats')).toContainText(/[1-9]\d* fps/);
  await panel.getByRole('button', { name: 'Run' }).click();
  await expect(panel.getByTestId('blocking-output')).toHaveText('Done after 200 ms');
  // Workers started under the policy: the monitor draws and the code views loaded their chunks.
  // Both one click away, in "How this page timed it: the chart" and "…: the stall list".
  await expect(page.getByText('Drawn by a worker')).toBeAttached();
  await expect(page.getByTestId('monitor-frames').first()).toBeAttached();
  await expect(page.locator('pre[data-language="python"]').first()).toContainText('import asyncio');
  expect(
    await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  ).toEqual([]);
  expect(errors).toEqual([]);
});
