import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { staticCodeView } from './src/code/static-code-view.ts';

/** Where index.html takes the recommended program, and the file it takes. */
const RECOMMENDED_SLOT = '<!-- recommended.py -->';
const RECOMMENDED_FILE = join(import.meta.dirname, 'python', 'recommended.py');

/** The full page's opening in index.html, between these markers; embed.html goes without it. */
const OPENING = /\s*<!-- opening -->[\s\S]*<!-- \/opening -->/;

/** embed.html: index.html without the full page's opening, for the panels other pages embed. */
function embedPage(indexHtml: string): string {
  return indexHtml
    .replace(OPENING, '')
    .replace(/<title>[^<]*<\/title>/, '<title>Two Loops — one panel, embedded</title>');
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
          staticCodeView(readFileSync(RECOMMENDED_FILE, 'utf8'), 'Python: recommended.py'),
        );
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
      writeFileSync(
        join(dir, 'embed.html'),
        embedPage(readFileSync(join(dir, 'index.html'), 'utf8')),
      );
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (!request.url?.startsWith('/embed.html')) return next();
        const html = embedPage(readFileSync(join(import.meta.dirname, 'index.html'), 'utf8'));
        server
          .transformIndexHtml(request.url, html)
          .then((page) => response.setHeader('Content-Type', 'text/html').end(page), next);
      });
    },
  };
}

export default defineConfig({
  // Relative base: the built site works from any sub-path and inside other people's pages.
  base: './',
  plugins: [svelte(), svelteTesting(), pages()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
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
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['tests/setup.ts'],
    // Component tests render whole panels in jsdom: about 1 s each on a quiet 2-core machine, 6 s
    // with the machine loaded. The limit only catches a hang.
    testTimeout: 30_000,
  },
});
