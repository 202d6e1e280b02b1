// What a reader's browser downloads before the page can run: the scripts and stylesheets that
// index.html loads directly (entry, modulepreloads, CSS, and the stylesheet inlined in its
// <style>) and every chunk those scripts import statically, gzipped as a server would send them.
// Chunks loaded later on demand (code views, workers) are listed apart.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

export function bundleSize(dist = 'dist') {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  // A script's static imports load before it runs, whether or not index.html preloads them.
  for (let i = 0; i < refs.length; i++) {
    if (!refs[i].endsWith('.js')) continue;
    const code = readFileSync(join(dist, refs[i]), 'utf8');
    const dir = refs[i].replace(/[^/]*$/, '');
    for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) {
      const ref = `${dir}${spec}`;
      if (!refs.includes(ref)) refs.push(ref);
    }
  }
  const initial = { js: 0, css: 0, files: [] };
  for (const [, style] of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    const size = gzipSync(style, { level: 9 }).length;
    initial.css += size;
    initial.files.push({ file: 'index.html <style>', gzip: size });
  }
  for (const ref of new Set(refs)) {
    const size = gz(join(dist, ref));
    if (ref.endsWith('.js')) initial.js += size;
    else initial.css += size;
    initial.files.push({ file: ref, gzip: size });
  }
  let total = 0;
  const lazy = [];
  for (const file of readdirSync(join(dist, 'assets'))) {
    const size = gz(join(dist, 'assets', file));
    total += size;
    if (!refs.includes(`assets/${file}`)) lazy.push({ file: `assets/${file}`, gzip: size });
  }
  const pages = ['index.html', 'embed.html', 'panel/index.html'].filter((page) =>
    existsSync(join(dist, page)),
  );
  return {
    initial,
    lazy,
    totalGzip: total + pages.reduce((sum, page) => sum + gz(join(dist, page)), 0),
  };
}

/** The budget `npm test` enforces on the initial JavaScript, in bytes gzipped. */
export const INITIAL_JS_BUDGET = 35_000;
