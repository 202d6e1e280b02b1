import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { VIEWPORT, type Driver } from './types';

export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * WebKitGTK's MiniBrowser through classic W3C WebDriver (WebKitWebDriver under Xvfb: MiniBrowser
 * has no headless mode). The client is the few endpoints the suite needs, over fetch: webdriverio
 * would fit Node 20 but brings some thirty packages (archivers, an HTML parser) for these five calls.
 */
export async function webdriverDriver(driverPath: string): Promise<Driver> {
  const port = await freePort();
  // Its own process group, so that closing ends xvfb-run, Xvfb and the driver, and nothing else.
  const server: ChildProcess = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1280x1024x24', driverPath, `--port=${port}`],
    {
      detached: true,
      stdio: 'ignore',
      // Composited, WebKitGTK draws through GL, which Xvfb only has in software: this page then
      // paints at 2–6 frames per second and every test waits on it. Without compositing it paints
      // at display rate. What the suite checks (timers, marks, frame gaps, workers) is the same.
      env: { ...process.env, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  // An interrupted run (a timeout, Ctrl+C) must not leave Xvfb and MiniBrowser behind.
  process.once('exit', stop);
  try {
    await until(async () => (await fetch(`${base}/status`)).ok, 30_000);
    const created = await call<{ sessionId: string; capabilities: Record<string, string> }>(
      base,
      'POST',
      '/session',
      {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          },
        },
      },
    );
    const session = `/session/${created.sessionId}`;
    await call(base, 'POST', `${session}/window/rect`, { x: 0, y: 0, ...VIEWPORT });
    // Scripts that wait for frames can take long when the page renders slowly.
    await call(base, 'POST', `${session}/timeouts`, { script: 80_000 });
    return {
      engine: 'webkit',
      version: `WebKitGTK ${created.capabilities.browserVersion ?? '?'}`,
      async open(url) {
        await call(base, 'POST', `${session}/url`, { url });
      },
      // execute/sync first (a round trip of ~150 ms here, against ~350 ms for execute/async);
      // a result that is a promise is kept in the page and awaited with execute/async and a
      // callback: WebKitWebDriver's execute/sync fails ("Could not parse script result") on a
      // promise that takes several frames to settle.
      run: async <T>(source: string, arg?: unknown): Promise<T> => {
        const first = await call<{ value?: T; error?: string; pending?: number }>(
          base,
          'POST',
          `${session}/execute/sync`,
          {
            script: `try {
                const value = (${source})(arguments[0]);
                if (value && typeof value.then === 'function') {
                  const pending = (window.__crossPending ??= new Map());
                  const id = (window.__crossNext = (window.__crossNext ?? 0) + 1);
                  pending.set(id, value);
                  return { pending: id };
                }
                return { value: value === undefined ? null : value };
              } catch (e) { return { error: String(e && e.stack || e) }; }`,
            args: [arg ?? null],
          },
        );
        const result =
          first.pending === undefined
            ? first
            : await call<{ value?: T; error?: string }>(base, 'POST', `${session}/execute/async`, {
                script: `const done = arguments[arguments.length - 1];
                    const pending = window.__crossPending;
                    const promise = pending && pending.get(arguments[0]);
                    if (!promise) done({ error: 'the page navigated before the script settled' });
                    else { pending.delete(arguments[0]);
                      promise.then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) })); }`,
                args: [first.pending],
              });
        if (result.error !== undefined) throw new Error(`in the page: ${result.error}`);
        return result.value as T;
      },
      async click(x, y) {
        const at = { x: Math.round(x), y: Math.round(y) };
        await call(base, 'POST', `${session}/actions`, {
          actions: [
            {
              type: 'pointer',
              id: 'mouse',
              parameters: { pointerType: 'mouse' },
              actions: [
                { type: 'pointerMove', origin: 'viewport', duration: 0, ...at },
                { type: 'pointerDown', button: 0 },
                { type: 'pointerUp', button: 0 },
              ],
            },
          ],
        });
      },
      inputMadeInPage: true,
      dropsHungPages: true,
      nativeErrors: () => [],
      async close() {
        await call(base, 'DELETE', session).catch(() => undefined);
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as {
    value: T & { error?: string; message?: string };
  };
  if (!response.ok || (json.value && typeof json.value === 'object' && 'error' in json.value))
    throw new Error(`WebDriver ${method} ${path}: ${json.value?.error} ${json.value?.message}`);
  return json.value;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('WebKitWebDriver did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
