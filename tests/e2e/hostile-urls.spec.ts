import { expect, test } from '@playwright/test';
import { E2E_DIST } from './support/build';
import { serveStatic } from '../../scripts/static-server.mjs';
import { HOSTILE_VALUES, representativeHostileQueries } from '../support/hostile-values';

// Served by a plain static server: Vite's preview server itself answers some of these addresses
// (a query that decodes twice into broken percent-encoding) with an error before the page loads.
let server: Awaited<ReturnType<typeof serveStatic>>;
test.beforeAll(async () => {
  server = await serveStatic({ root: E2E_DIST, prefix: '/' });
});
test.afterAll(async () => {
  await server.close();
});

// Every kind of malformed address loads a working page: the refused value named as text in a
// notice, no exception, no console error, and no payload run. The 200+ combinations of every value
// in every parameter are checked against the parser in the unit tests; here, one of each kind.
test('each kind of malformed URL loads a working page that names what it refused', async ({
  context,
}) => {
  test.setTimeout(240_000);
  const queries = representativeHostileQueries();
  expect(queries.length).toBeGreaterThanOrEqual(HOSTILE_VALUES.length);
  const problems: string[] = [];
  // A few pages at once: each load is mostly waiting on the browser. Each page is reused from
  // address to address, as a reader who edits the address bar would.
  const lanes = 3;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const page = await context.newPage();
      let current = '';
      page.on('pageerror', (error) => problems.push(`${current}: uncaught ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${current}: console ${message.text()}`);
      });
      for (const query of queries.filter((_, i) => i % lanes === lane)) {
        current = query;
        await page.goto(`${server.url}${query}`, { waitUntil: 'domcontentloaded' });
        await expect(page.getByRole('button', { name: 'Run' }).first(), query).toBeVisible();
        const notice = page.getByTestId('url-notice');
        await expect(notice, query).toBeVisible();
        const parameter = /^\?([a-z]+)=/.exec(query)?.[1] as string;
        await expect(notice, query).toContainText(`${parameter}=`);
        // Rendered as text: no element came from the value.
        expect(await notice.locator('img, script, svg, b').count(), query).toBe(0);
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
          query,
        ).toBeUndefined();
      }
      await page.close();
    }),
  );
  expect(problems).toEqual([]);
});
