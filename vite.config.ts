import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  // Relative base: the built site works from any sub-path and inside other people's pages.
  base: './',
  plugins: [svelte(), svelteTesting()],
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
  },
});
