import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/static-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build, served at its root. */
    site: string;
    /** examples/ on a second origin: a tutorial that embeds a panel. */
    host: string;
  }
}

/**
 * Builds the site (or reuses CROSS_DIST, which `npm test` points at the build the Playwright stage
 * just made) and serves it, and the embedding example on another port (another origin).
 */
export default async function setup(project: TestProject) {
  let dist = process.env.CROSS_DIST;
  if (!dist || !existsSync(`${dist}/index.html`)) {
    dist = 'test-results/cross-dist';
    const built = spawnSync(`npx vite build --logLevel warn --outDir ${dist} --emptyOutDir`, {
      shell: true,
      stdio: 'inherit',
      env: buildEnv(),
    });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const site = await serveStatic({ root: dist });
  const host = await serveStatic({ root: 'examples', prefix: '/tutorial/' });
  project.provide('site', site.url);
  project.provide('host', host.url);
  return async () => {
    await site.close();
    await host.close();
  };
}

function buildEnv(): NodeJS.ProcessEnv {
  // Vitest sets VITEST, NODE_ENV=test and Vite's MODE/DEV/PROD/SSR: any of them can make Svelte
  // build for the server. The build gets the environment a shell would give it.
  const { PATH, HOME, TMPDIR, LANG, CI } = process.env;
  return { PATH, HOME, TMPDIR, LANG, CI, NODE_ENV: 'production' };
}
