import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Benchmark pages are built apart from the app, so nothing here reaches the shipped bundle.
export default defineConfig({
  root: resolve(import.meta.dirname, 'pages'),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        floor: resolve(import.meta.dirname, 'pages/floor.html'),
        'floor-dial': resolve(import.meta.dirname, 'pages/floor-dial.html'),
        streaming: resolve(import.meta.dirname, 'pages/streaming.html'),
        messaging: resolve(import.meta.dirname, 'pages/messaging.html'),
      },
    },
  },
});
