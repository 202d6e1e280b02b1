import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { checkParsed } from '../../src/checker/check';
import { expectedMarks, PROJECT_EXPECTED, SEED_EXPECTED } from '../fixtures/checker/expected';

// The checker's precision and recall on the reader-shaped snippets (tests/fixtures/checker/reader,
// written before the rules, and reader-later, written after them and scored without changing the
// rules) and on the project's own files. `npm run bench:checker` runs this with CHECKER_SCORE_OUT
// set and writes the figures into BENCHMARKS.md; without it, this only checks the floors.

const ROOT = resolve(__dirname, '../..');

interface Score {
  items: number;
  expected: number;
  found: number;
  correct: number;
  precision: number;
  recall: number;
  /** What was found and not expected, and expected and not found: "file: rule@line". */
  wrong: string[];
  missed: string[];
}

function score(cases: { name: string; expected: string[]; found: string[] }[]): Score {
  let expected = 0;
  let found = 0;
  let correct = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  for (const c of cases) {
    const want = new Set(c.expected);
    const got = new Set(c.found);
    expected += want.size;
    found += got.size;
    for (const g of got)
      if (want.has(g)) correct++;
      else wrong.push(`${c.name}: ${g}`);
    for (const w of want) if (!got.has(w)) missed.push(`${c.name}: ${w}`);
  }
  return {
    items: cases.length,
    expected,
    found,
    correct,
    precision: found === 0 ? 1 : correct / found,
    recall: expected === 0 ? 1 : correct / expected,
    wrong,
    missed,
  };
}

const findings = (text: string) => checkParsed(text, parser.parse(text)).findings;

/** A reader set: each finding counts as its rule on its line. */
function readerSet(folder: string) {
  const dir = resolve(ROOT, 'tests/fixtures/checker', folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => {
      const text = readFileSync(resolve(dir, f), 'utf8');
      return {
        name: f,
        expected: expectedMarks(text),
        found: findings(text).map((x) => `${x.rule}@${x.line}`),
      };
    });
}

/** The project's files and the seed's examples: each counts as the set of rules it gets. */
function projectSet() {
  return Object.entries(PROJECT_EXPECTED).map(([file, rules]) => ({
    name: file,
    expected: rules,
    found: [...new Set(findings(readFileSync(resolve(ROOT, file), 'utf8')).map((x) => x.rule))],
  }));
}

function seedSet() {
  const seed = resolve(ROOT, '../shared/seed/asyncio-tkinter-article.md');
  if (!existsSync(seed)) return null;
  const blocks = [...readFileSync(seed, 'utf8').matchAll(/```python\n([\s\S]*?)```/g)].map(
    (m) => m[1] as string,
  );
  return blocks.map((text, i) => ({
    name: `example ${i + 1}`,
    expected: SEED_EXPECTED[i] ?? [],
    found: [...new Set(findings(text).map((x) => x.rule))],
  }));
}

describe('the checker’s precision and recall', () => {
  const reader = score(readerSet('reader'));
  const later = score(readerSet('reader-later'));
  const project = score(projectSet());
  const seedCases = seedSet();
  const seed = seedCases ? score(seedCases) : null;

  it('is exact on the project’s own files', () => {
    expect(project.wrong).toEqual([]);
    expect(project.missed).toEqual([]);
  });

  it('is exact on the seed article’s examples (where ../shared is present)', () => {
    if (!seed) return;
    expect(seed.wrong).toEqual([]);
    expect(seed.missed).toEqual([]);
  });

  it('keeps precision first on the reader-shaped snippets', () => {
    // Floors, not the figures: those are in BENCHMARKS.md.
    expect(reader.precision).toBeGreaterThanOrEqual(0.9);
    expect(reader.recall).toBeGreaterThanOrEqual(0.8);
    expect(later.precision).toBeGreaterThanOrEqual(0.8);
    expect(later.items).toBeGreaterThanOrEqual(10);
  });

  const out = process.env.CHECKER_SCORE_OUT;
  if (out)
    it(`writes the figures to ${out}`, () => {
      mkdirSync(dirname(resolve(ROOT, out)), { recursive: true });
      writeFileSync(
        resolve(ROOT, out),
        `${JSON.stringify({ reader, later, project, seed }, null, 2)}\n`,
      );
    });
});
