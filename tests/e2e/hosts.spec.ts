import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { HOST_SCRIPT } from '../../src/share/links';
import { E2E_DIST } from './support/build';
import { watchForErrors } from './support/page';
import { serveStatic } from '../../scripts/static-server.mjs';

// The built site behind the servers, frames and policies tutorial authors use: a server that
// cleans URLs (`serve`'s default), one that redirects a folder to its slash (python3 -m
// http.server, nginx, GitHub Pages), a sandboxed frame, a Trusted Types policy, a file on disk.
// Each either works or says on the page what to change.

type Server = Awaited<ReturnType<typeof serveStatic>>;

/**
 * A tutorial page on another origin (another port), whose body each test sets. A real server:
 * Chromium lets only a page that itself came from the loopback frame a loopback server.
 */
let tutorialBody = '';
const tutorial = createServer((_, response) => {
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><html lang="en"><head><title>Tutorial</title></head><body><h1>A tutorial</h1>${tutorialBody}</body></html>`,
    );
});
test.beforeAll(() => new Promise<void>((done) => void tutorial.listen(0, '127.0.0.1', done)));
test.afterAll(() => new Promise<void>((done) => void tutorial.close(() => done())));

async function openTutorial(page: Page, body: string): Promise<void> {
  tutorialBody = body;
  const address = tutorial.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await page.goto(`http://127.0.0.1:${port}/tutorial/`);
}

/** The frame's content height (CSS px, whole), read inside it. */
const contentHeight = (frame: FrameLocator) =>
  frame.locator('body').evaluate((body) => Math.ceil(body.getBoundingClientRect().height));

/** Resolves once the frame element is as tall as what the frame says its content is. */
async function expectSizedToContent(page: Page, frame: FrameLocator): Promise<void> {
  await expect
    .poll(async () => {
      const box = await page.locator('iframe').first().boundingBox();
      return box ? Math.abs(Math.round(box.height) - (await contentHeight(frame))) : null;
    })
    .toBeLessThanOrEqual(2);
  // 900 px is the snippet's starting height: a frame still at it was never sized.
  expect(Math.round((await page.locator('iframe').first().boundingBox())?.height ?? 0)).not.toBe(
    900,
  );
}

test.describe('behind a server that cleans URLs (serve 14, by default)', () => {
  let app: Server;
  test.beforeAll(async () => {
    app = await serveStatic({ root: E2E_DIST, prefix: '/two-loops/', cleanUrls: true });
  });
  test.afterAll(() => app.close());

  test('the server drops the query of a file address, as serve does', async ({ request }) => {
    // What broke the old links: this is the behaviour the tests below run behind.
    const answer = await request.get(`${app.url}embed.html?panel=queue&poll=250&embed=1`, {
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(301);
    expect(answer.headers()['location']).toBe('/two-loops/embed');
  });

  test('the Embed snippet, pasted into a page on another origin, shows the configured panel and sizes its frame', async ({
    page,
  }) => {
    const errors = watchForErrors(page);
    await page.goto(`${app.url}?panel=queue&poll=250`);
    // A normal load never shows the "not started" hint: the app removes it.
    await expect(page.getByTestId('not-started')).toHaveCount(0);
    const queue = page.getByRole('region', { name: /Queue/ });
    await expect(queue.getByLabel(/Poll interval/)).toHaveValue('250');
    await queue.getByText('Share this panel').click();
    await queue.getByText('Embed', { exact: true }).click();
    const snippet = await queue.getByRole('textbox', { name: /Code for your page/ }).inputValue();
    expect(snippet).toContain(`src="${app.url}panel/?panel=queue&amp;poll=250&amp;embed=1"`);

    await openTutorial(page, snippet);
    const frame = page.frameLocator('iframe.two-loops');
    const panel = frame.getByRole('region', { name: /Queue/ });
    await expect(panel.getByLabel(/Poll interval/)).toHaveValue('250');
    await expect(frame.getByRole('region', { name: /Blocking|Queue|Dedicated/ })).toHaveCount(1);
    await expect(frame.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
    await expectSizedToContent(page, frame);
    await panel.getByLabel(/Duration/).fill('200');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect(panel.getByTestId('queue-output')).toContainText('task 1: waited 200 ms');
    expect(errors).toEqual([]);
  });

  test('an old embed.html link, redirected without its settings, still shows an embedded panel', async ({
    page,
  }) => {
    const errors = watchForErrors(page);
    await page.goto(`${app.url}embed.html?panel=queue&poll=250&embed=1`);
    expect(new URL(page.url()).pathname).toBe('/two-loops/embed');
    // Not the whole page with three Copy link buttons: embed.html is an embed whatever its query.
    await expect(page.getByRole('region', { name: /Queue/ })).toBeVisible();
    await expect(page.locator('.page-header, .page-footer')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('the site asks serve not to clean its URLs, so `npx serve dist` keeps old links whole', () => {
    // serve reads serve.json from the folder it serves.
    const config: unknown = JSON.parse(readFileSync(resolve(E2E_DIST, 'serve.json'), 'utf8'));
    expect(config).toEqual({ cleanUrls: false });
  });

  test('a sub-path without its final slash explains, in the page, how to open it', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const missing: string[] = [];
    page.on('response', (r) => void (r.status() === 404 && missing.push(r.url())));
    await page.goto(app.url.replace(/\/$/, ''));
    // serve answers /two-loops with the page itself: its ./assets/ resolve to /assets/, missing.
    await expect(page.getByRole('heading', { level: 1, name: 'Two Loops' })).toBeVisible();
    const hint = page.getByTestId('not-started');
    await expect(hint).toBeHidden();
    const layout = await page.locator('#app').boundingBox();
    await expect(hint).toBeVisible({ timeout: 15_000 });
    await expect(hint).toContainText('Add the slash: …/two-loops/');
    // Revealed over the page, not in its flow: nothing moved.
    expect(await page.locator('#app').boundingBox()).toEqual(layout);
    expect(missing.some((url) => url.includes('/assets/'))).toBe(true);
    expect(errors).toEqual([]);
  });
});

test.describe('behind a server that redirects a folder to its slash (python, nginx, Pages)', () => {
  test('a sub-path without its final slash recovers: the server adds it, query kept', async ({
    page,
  }) => {
    const app = await serveStatic({ root: E2E_DIST, prefix: '/two-loops/' });
    try {
      const errors = watchForErrors(page);
      await page.goto(`${app.url.replace(/\/$/, '')}?panel=blocking&duration=100`);
      expect(new URL(page.url()).pathname).toBe('/two-loops/');
      const panel = page.getByRole('region', { name: /Blocking/ });
      await panel.getByRole('button', { name: 'Run' }).click();
      await expect(panel.getByTestId('blocking-output')).toHaveText('Done after 100 ms');
      await page.goto(`${app.url}panel?panel=queue&poll=250&embed=1`);
      await expect(page.getByLabel(/Poll interval/)).toHaveValue('250');
      expect(errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

test.describe('inside a sandboxed frame', () => {
  const embed = (app: Server, sandbox: string) =>
    `<iframe class="two-loops" sandbox="${sandbox}" title="Two Loops: Queue" src="${app.url}panel/?panel=queue&amp;duration=200&amp;embed=1" width="100%" height="900" style="border:0"></iframe>`;

  test('allow-scripts alone, no CORS: the frame says why nothing runs and what to allow', async ({
    page,
  }) => {
    const app = await serveStatic({ root: E2E_DIST });
    try {
      const uncaught: string[] = [];
      page.on('pageerror', (error) => uncaught.push(error.message));
      await openTutorial(page, embed(app, 'allow-scripts'));
      const hint = page.frameLocator('iframe').getByTestId('not-started');
      await expect(hint).toBeVisible({ timeout: 15_000 });
      await expect(hint).toContainText('allow-same-origin');
      await expect(hint).toContainText('Access-Control-Allow-Origin');
      expect(uncaught).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('allow-scripts with CORS: the page runs without workers and says what they need', async ({
    page,
  }) => {
    const app = await serveStatic({
      root: E2E_DIST,
      headers: { 'access-control-allow-origin': '*' },
    });
    try {
      const uncaught: string[] = [];
      page.on('pageerror', (error) => uncaught.push(error.message));
      await openTutorial(
        page,
        embed(app, 'allow-scripts').replace('panel=queue', 'panel=blocking'),
      );
      const frame = page.frameLocator('iframe');
      // The stall chart falls back to the main thread and says why.
      await expect(frame.getByTestId('monitor-fallback')).toContainText(
        'may not start a worker here',
      );
      await expect(frame.getByTestId('frame-stats')).toContainText(/[1-9]\d* fps/);
      const blocking = frame.getByRole('region', { name: /Blocking/ });
      await blocking.getByRole('button', { name: 'Run' }).click();
      await expect(blocking.getByTestId('blocking-output')).toHaveText('Done after 200 ms');
      expect(uncaught).toEqual([]);

      await openTutorial(page, embed(app, 'allow-scripts'));
      const queue = page.frameLocator('iframe').getByRole('region', { name: /Queue/ });
      await queue.getByRole('button', { name: 'Run' }).click();
      await expect(queue).toContainText(/Not run: this panel runs its tasks in Web Workers/);
      await expect(queue).toContainText('allow-same-origin beside allow-scripts');
      expect(uncaught).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('with allow-same-origin, as the README says, the worker panels run', async ({ page }) => {
    const app = await serveStatic({ root: E2E_DIST });
    try {
      const errors = watchForErrors(page);
      await openTutorial(page, embed(app, 'allow-scripts allow-same-origin'));
      const frame = page.frameLocator('iframe');
      // The chart's notes sit in "How this page timed it: the chart", closed: attached, and
      // no fallback warning (which is never folded away).
      await expect(frame.getByText('Drawn by a worker')).toBeAttached();
      await expect(frame.getByTestId('monitor-fallback')).toHaveCount(0);
      const queue = frame.getByRole('region', { name: /Queue/ });
      await queue.getByRole('button', { name: 'Run' }).click();
      await expect(queue.getByTestId('queue-output')).toContainText('task 1: waited 200 ms');
      expect(errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

test.describe('under Trusted Types', () => {
  const POLICY =
    "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

  /** Opens the full page under `csp`; returns the Content-Security-Policy violations it reports. */
  async function open(
    page: Page,
    csp: string,
  ): Promise<{ app: Server; violations: () => Promise<string[]> }> {
    const app = await serveStatic({ root: E2E_DIST, headers: { 'content-security-policy': csp } });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.sample}`),
      );
    });
    await page.goto(`${app.url}?duration=200`);
    return {
      app,
      violations: () =>
        page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    };
  }

  test('with the README policy names, every panel runs, workers and executor included', async ({
    page,
  }) => {
    const errors = watchForErrors(page);
    const { app, violations } = await open(
      page,
      `${POLICY}; trusted-types svelte-trusted-html two-loops-worker`,
    );
    try {
      // (In "How this page timed it: the chart", one click away.)
      await expect(page.getByText('Drawn by a worker')).toBeAttached();
      const queue = page.getByRole('region', { name: /Queue/ });
      await queue.getByRole('button', { name: 'Run' }).click();
      await expect(queue.getByTestId('queue-output')).toContainText('waited 200 ms');
      // The executor is a worker the loop's worker starts: the policy works there too.
      const dedicated = page.getByRole('region', { name: /Dedicated/ });
      await dedicated.getByLabel('Task kind').selectOption('cpu');
      await dedicated.getByLabel(/Run cpu tasks in an executor/).check();
      await dedicated.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(dedicated).toContainText(/computed [0-9a-f]{8}/);
      await expect(dedicated.getByText(/Not run|refused to start/)).toHaveCount(0);
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('without the worker policy, the chart and the worker panels say so; Blocking runs', async ({
    page,
  }) => {
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    const { app } = await open(page, `${POLICY}; trusted-types svelte-trusted-html`);
    try {
      await expect(page.getByTestId('monitor-fallback')).toContainText(
        'may not start a worker here',
      );
      const blocking = page.getByRole('region', { name: /Blocking/ });
      await blocking.getByRole('button', { name: 'Run' }).click();
      await expect(blocking.getByTestId('blocking-output')).toHaveText('Done after 200 ms');
      for (const name of [/Queue/, /Dedicated/]) {
        const panel = page.getByRole('region', { name });
        await panel.getByRole('button', { name: 'Run', exact: true }).click();
        await expect(panel).toContainText('the two-loops-worker policy');
      }
      expect(uncaught).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

test.describe('talking to the page that embeds it', () => {
  let app: Server;
  test.beforeAll(async () => {
    app = await serveStatic({ root: E2E_DIST });
  });
  test.afterAll(() => app.close());

  test("a theme posted at the frame's load event applies", async ({ page }) => {
    const errors = watchForErrors(page);
    await openTutorial(
      page,
      `<iframe class="two-loops" title="Two Loops: Blocking" src="${app.url}panel/?panel=blocking&amp;embed=1" width="100%" height="900"
        onload="this.contentWindow.postMessage({ type: 'two-loops:theme', theme: 'dark' }, '*')"></iframe>`,
    );
    const html = page.frameLocator('iframe').locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(html).not.toHaveAttribute('data-host-messages-ignored', /.*/);
    expect(errors).toEqual([]);
  });

  test('a sizing script that attaches 4 s after the frame reported still gets the height', async ({
    page,
  }) => {
    const errors = watchForErrors(page);
    const script = HOST_SCRIPT.replace(/<\/?script>/g, '');
    await openTutorial(
      page,
      `<iframe class="two-loops" title="Two Loops: Queue" src="${app.url}panel/?panel=queue&amp;embed=1" width="100%" height="900" style="border:0"></iframe>
      <script>
        // A deferred bundle, say: the sizing script arrives 4 s after the frame first reported
        // its height, which nothing on this page sized it to. (This watcher only notes the
        // moment; it sizes nothing.)
        addEventListener('message', function first(event) {
          if (event.data?.type !== 'two-loops:resize') return;
          removeEventListener('message', first);
          document.body.dataset.reported = String(document.querySelector('iframe').offsetHeight);
          setTimeout(() => {
            const late = document.createElement('script');
            late.textContent = ${JSON.stringify(script)};
            document.body.append(late);
            document.body.dataset.sizing = 'attached';
          }, 4000);
        });
      </script>`,
    );
    const frame = page.frameLocator('iframe');
    // The frame reported its height while nothing listened: it stayed at the snippet's 900 px.
    await expect(page.locator('body')).toHaveAttribute('data-reported', '900', { timeout: 30_000 });
    await expect(page.locator('body')).toHaveAttribute('data-sizing', 'attached', {
      timeout: 10_000,
    });
    await expectSizedToContent(page, frame);
    expect(errors).toEqual([]);
  });
});

test.describe('opened from disk', () => {
  for (const file of ['index.html', 'embed.html']) {
    test(`${file} as a file:// page shows the command that serves the folder`, async ({ page }) => {
      await page.goto(`file://${resolve(E2E_DIST, file)}`);
      const hint = page.getByTestId('not-started');
      await expect(hint).toBeVisible({ timeout: 15_000 });
      await expect(hint).toContainText('file://');
      await expect(hint).toContainText('python3 -m http.server');
    });
  }
});
