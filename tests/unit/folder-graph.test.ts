import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The folders of src/ stand in layers: contracts below the features, `app/` only on top as the
// composition root. This test reads every import (static, dynamic, `.svelte` files' scripts and
// workers' `new URL(…)`) and fails on a loop between folders or an import of `app/` from below.

const SRC = resolve(__dirname, '../../src');
const IMPORT =
  /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]|new URL\(\s*['"]([^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

/** The top-level folder of `src/` a path is in; a file directly in `src/` is its own node. */
function folderOf(path: string): string {
  return relative(SRC, path).split('/')[0] as string;
}

/** Folder → the folders it imports, with one importing file per edge as evidence. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
      if (!spec?.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (relative(SRC, target).startsWith('..')) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      edges.set(to, `${relative(SRC, file)} imports ${spec}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every loop, as the path of folders around it (found by depth-first search). */
function loops(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) return void found.push([...path.slice(at), node]);
    if (done.has(node)) return;
    for (const next of graph.get(node)?.keys() ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('the folder graph of src/', () => {
  const graph = folderGraph();

  it('is read from the sources (a sanity check on the reader itself)', () => {
    expect(graph.get('panels')?.has('instrument')).toBe(true);
    expect(graph.get('app')?.has('panels')).toBe(true);
  });

  it('has no loop between folders', () => {
    const described = loops(graph).map((loop) =>
      loop
        .slice(1)
        .map((to, i) => `${graph.get(loop[i] as string)?.get(to)}`)
        .join('; '),
    );
    expect(described).toEqual([]);
  });

  it('has nothing import app/, the composition root, except main.ts', () => {
    const importers = [...graph]
      .filter(([from, edges]) => edges.has('app') && from !== 'main.ts')
      .map(([, edges]) => edges.get('app'));
    expect(importers).toEqual([]);
  });
});
