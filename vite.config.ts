import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { buildRecorder, RECORDER_FILE } from './scripts/recorder-bundle.mjs';
import { staticCodeView } from './src/code/static-code-view.ts';
import { decisionGuideHtml } from './src/panels/comparison/decision-guide.ts';
import { EMBED_FOLDER } from './src/share/pages.ts';

/** Where index.html takes the recommended program, and the file it takes. */
const RECOMMENDED_SLOT = '<!-- recommended.py -->';
const RECOMMENDED_FILE = join(import.meta.dirname, 'python', 'recommended.py');

/** Where index.html takes the decision guide (src/panels/comparison/decision-guide.ts). */
const GUIDE_SLOT = '<!-- decision-guide -->';

/** The full page's opening in index.html, between these markers; embed.html goes without it. */
const OPENING = /\s*<!-- opening -->[\s\S]*<!-- \/opening -->/;

/**
 * embed.html: index.html without the full page's opening, for the panels other pages embed. Its
 * `data-embed` makes it an embedded page whatever its query says: a server that dropped the query
 * on the way still leaves a panel without the full page around it.
 */
function embedPage(indexHtml: string): string {
  return indexHtml
    .replace(OPENING, '')
    .replace('<html lang="en">', '<html lang="en" data-embed>')
    .replace(/<title>[^<]*<\/title>/, '<title>Two Loops — one panel, embedded</title>');
}

/** A page moved one folder down (EMBED_FOLDER/index.html): its relative addresses go up one. */
function oneFolderDown(html: string): string {
  return html.replace(/((?:src|href)=")\.\//g, '$1../');
}

/**
 * - Puts the stylesheet inside the HTML: one request less before the first paint, which is what a
 *   reader on a slow connection waits for. The CSP allows inline styles ('unsafe-inline' in
 *   style-src); inline scripts stay forbidden.
 * - Writes embed.html beside index.html (served at /embed.html in dev): an embedded panel must not
 *   flash the full page's opening before the app starts.
 */
function pages(): Plugin {
  return {
    name: 'two-loops:pages',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, server }) {
        // The recommended program, from the file the recorder runs (read anew on every build, and
        // on every request in dev, so the page never shows a stale copy).
        html = html.replace(RECOMMENDED_SLOT, () =>
          staticCodeView(
            readFileSync(RECOMMENDED_FILE, 'utf8'),
            'Python: recommended.py',
            'python',
            // Opens at the lines that matter: Start hands the job to the loop, check() reads the
            // queue on the Tk thread, close() stops the loop (the licence and imports are above).
            /^ {4}def start\(/,
          ),
        );
        // The decision guide: static, from the same module its unit test reads.
        html = html.replace(GUIDE_SLOT, () => decisionGuideHtml());
        if (!bundle || server) return html;
        return html.replace(
          /<link rel="stylesheet"[^>]*href="\.\/(assets\/[^"]+\.css)"[^>]*>/g,
          (link, file: string) => {
            const asset = bundle[file];
            // The file stays in the build: lazy chunks list it among their styles and load it.
            if (asset?.type !== 'asset') return link;
            return `<style>${String(asset.source)}</style>`;
          },
        );
      },
    },
    writeBundle({ dir }) {
      if (!dir) return;
      const embed = embedPage(readFileSync(join(dir, 'index.html'), 'utf8'));
      // embed.html stays: links to it already sit on authors' pages.
      writeFileSync(join(dir, 'embed.html'), embed);
      mkdirSync(join(dir, EMBED_FOLDER), { recursive: true });
      writeFileSync(join(dir, EMBED_FOLDER, 'index.html'), oneFolderDown(embed));
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = request.url ?? '';
        const folder = url.startsWith(`/${EMBED_FOLDER}/`);
        if (!folder && !url.startsWith('/embed.html')) return next();
        let html = embedPage(readFileSync(join(import.meta.dirname, 'index.html'), 'utf8'));
        if (folder) html = oneFolderDown(html);
        server
          .transformIndexHtml(url, html)
          .then((page) => response.setHeader('Content-Type', 'text/html').end(page), next);
      });
    },
  };
}

/**
 * Serves two_loops_record.py, the recorder readers download (scripts/recorder-bundle.mjs), built
 * from python/ on every build and on every request in dev: it is never a stale copy, and it is the
 * file `npm run record:tk` runs.
 */
function recorder(): Plugin {
  return {
    name: 'two-loops:recorder',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: RECORDER_FILE, source: buildRecorder() });
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (!(request.url ?? '').startsWith(`/${RECORDER_FILE}`)) return next();
        response.setHeader('Content-Type', 'text/x-python; charset=utf-8');
        response.end(buildRecorder());
      });
    },
  };
}

export default defineConfig({
  // Relative base: the built site works from any sub-path and inside other people's pages.
  base: './',
  plugins: [
    svelte(), // Testing Library's clean-up is set up by the component tests only (tests/setup.ts).
    svelteTesting({ autoCleanup: false }),
    pages(),
    recorder(),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    // One stylesheet for the whole page, inlined into its opening: a lazy chunk's own stylesheet
    // made the browser restyle and lay out the whole page when it arrived, a main-thread task
    // per chunk on the chart that measures the page.
    cssCodeSplit: false,
    // No <link rel="modulepreload"> inserted before each lazy chunk: inserting them cost the
    // start-up task tens of milliseconds, and a chunk's own imports fetch its dependencies anyway.
    modulePreload: false,
    rollupOptions: {
      output: {
        // Chunks named after where they come from (panels-queue-entry, python-strategies-blocking.py,
        // tk-traces-blocking.json), so that the size report tells same-named files apart.
        chunkFileNames: ({ facadeModuleId, name }) => {
          const [source, query] = facadeModuleId?.split('?') ?? [];
          if (!source || source.includes('node_modules') || source.startsWith('\0'))
            return `assets/${name}-[hash].js`;
          let path = relative(import.meta.dirname, source).replace(/^src\//, '');
          // A module keeps its extension only when the chunk is its text (a ?raw import).
          if (!query?.includes('raw')) path = path.replace(/\.(ts|svelte)$/, '');
          return `assets/${path.replaceAll('/', '-')}-[hash].js`;
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    // Unit tests run in Node without Testing Library: a jsdom and Testing Library's set-up per file
    // were most of the suite's time. A unit test that needs a document says so on its first line
    // (`// @vitest-environment jsdom`); component tests render Svelte in jsdom with the set-up.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/setup.ts'],
        },
      },
    ],
    // Threads, as many as the machine has cores: Vitest's default (forks, one fewer than the
    // cores) ran one file at a time on 2 cores, 95 s for the suite against 54 s this way.
    pool: 'threads',
    maxWorkers: availableParallelism(),
    // Component tests render whole panels in jsdom: about 1 s each on a quiet 2-core machine, 6 s
    // with the machine loaded. The limit only catches a hang.
    testTimeout: 30_000,
    // Lazy parts (code views, recordings) arrive one main-thread turn at a time; on a loaded
    // machine that takes seconds, not the default second. The waits end as soon as they are met.
    expect: { poll: { timeout: 10_000 } },
  },
});
