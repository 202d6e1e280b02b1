import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The Python the page offers is read by someone who has the file and not the repository: its
// comments and docstrings point at the page and at public sources, never at the project's own
// folders (src/tk-traces/…, scripts/…), which the reader does not have.

const ROOT = resolve(__dirname, '../..');
const offered = [
  'python/recommended.py',
  ...['strategies', 'mistakes', 'fixes', 'tools'].flatMap((folder) =>
    readdirSync(resolve(ROOT, 'python', folder))
      .filter((f) => f.endsWith('.py'))
      .map((f) => `python/${folder}/${f}`),
  ),
];
const REPOSITORY_PATH = /\b(?:src|tests|scripts|bench|python\/(?:harness|scenarios))\/[\w./-]+/;

describe('the offered Python speaks of the page, not the repository', () => {
  it('offers files to scan', () => expect(offered.length).toBeGreaterThan(10));
  for (const file of offered)
    it(`${file} cites no repository path`, () => {
      const lines = readFileSync(resolve(ROOT, file), 'utf8').split('\n');
      const cited = lines
        .map((line, i) => `${i + 1}: ${line}`)
        .filter((line) => REPOSITORY_PATH.test(line));
      expect(cited).toEqual([]);
    });
});
