/**
 * python/thread-rules.json: every rule about which thread may call what must cite evidence that
 * exists — a recording of ours (trace file, scenario, a run in it, a figure of that run) or
 * CPython's source or documentation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Evidence =
  | {
      kind: 'recording';
      file: string;
      scenario: string;
      run: Record<string, unknown>;
      figure: string;
      shows: string;
    }
  | { kind: 'source'; repository: string; path: string; symbol: string; shows: string }
  | { kind: 'docs' | 'issue'; url: string; shows: string };

interface Rule {
  id: string;
  tcl: 'threaded' | 'any';
  rule: string;
  evidence: Evidence[];
}

interface ThreadRules {
  scope: string;
  check: { code: string; means: string };
  rules: Rule[];
}

const rules = JSON.parse(readFileSync('python/thread-rules.json', 'utf8')) as ThreadRules;

/** The CPython files a rule may cite, and the forms a cited symbol takes there. */
const SOURCES: Record<string, (symbol: string) => RegExp> = {
  'Modules/_tkinter.c': (s) => new RegExp(`^(static \\w+ \\*?\\s*)?${s}\\b|#define ${s}\\b`, 'm'),
  'Lib/tkinter/__init__.py': (s) => new RegExp(`def ${s.split('.').at(-1) ?? s}\\(`),
  'Lib/asyncio/base_events.py': (s) => new RegExp(`def ${s.split('.').at(-1) ?? s}\\(`),
  'Lib/asyncio/tasks.py': (s) => new RegExp(`def ${s.split('.').at(-1) ?? s}\\(`),
};

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (here, key) =>
        here !== null && typeof here === 'object'
          ? (here as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}

function matches(run: Record<string, unknown>, selector: Record<string, unknown>): boolean {
  return Object.entries(selector).every(([key, value]) => run[key] === value);
}

const evidence = rules.rules.flatMap((rule) => rule.evidence.map((e) => [rule.id, e] as const));
const recordings = evidence.filter(
  (pair): pair is readonly [string, Extract<Evidence, { kind: 'recording' }>] =>
    pair[1].kind === 'recording',
);

describe('thread rules', () => {
  it('states its scope and the line a reader runs to check their own Tcl', () => {
    expect(rules.scope).toMatch(/Linux\/X11/);
    expect(rules.scope).toMatch(/threaded Tcl\/Tk 8\.6/);
    expect(rules.check.code).toBe("root.tk.eval('set tcl_platform(threaded)')");
  });

  it('gives every rule an id, a text, the Tcl builds it holds for, and evidence', () => {
    const ids = rules.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules.rules) {
      expect(rule.rule.length, rule.id).toBeGreaterThan(20);
      expect(['threaded', 'any'], rule.id).toContain(rule.tcl);
      expect(rule.evidence.length, `${rule.id} cites no evidence`).toBeGreaterThan(0);
      for (const e of rule.evidence) expect(e.shows.length, rule.id).toBeGreaterThan(10);
    }
  });

  it.each(recordings.map(([id, e]) => [`${id}: ${e.file} ${JSON.stringify(e.run)}`, e] as const))(
    '%s: the recording, its scenario, the run and the figure exist',
    (_, e) => {
      expect(existsSync(e.file), e.file).toBe(true);
      expect(existsSync(`python/scenarios/${e.scenario}.py`), e.scenario).toBe(true);
      const trace = JSON.parse(readFileSync(e.file, 'utf8')) as { runs: Record<string, unknown>[] };
      const runs = trace.runs.filter((run) => matches(run, e.run));
      expect(runs.length, `${e.file} has a run ${JSON.stringify(e.run)}`).toBeGreaterThan(0);
      for (const run of runs) {
        expect(at(run, e.figure), `${e.figure} in ${e.file}`).not.toBeUndefined();
        expect(at(run, e.figure), `${e.figure} in ${e.file}`).not.toBeNull();
      }
      // The scenario is the one that recorded the file: it is named in the recorder's run list.
      const recorder = readFileSync('python/harness/record.py', 'utf8');
      expect(recorder).toContain(`"${e.scenario}",`);
    },
  );

  it('cites CPython sources by a file and a symbol that file defines (as installed here, 3.11)', () => {
    const stdlib = ['/usr/lib/python3.11', '/usr/lib/python3'].find((dir) =>
      existsSync(`${dir}/tkinter/__init__.py`),
    );
    for (const [id, e] of evidence) {
      if (e.kind !== 'source') continue;
      expect(e.repository, id).toBe('python/cpython');
      const pattern = SOURCES[e.path];
      expect(pattern, `${id} cites ${e.path}`).toBeDefined();
      expect(e.symbol.length, id).toBeGreaterThan(2);
      // Lib/ files can be checked against the standard library on this machine, when present.
      if (stdlib && e.path.startsWith('Lib/') && pattern) {
        const source = readFileSync(`${stdlib}/${e.path.slice(4)}`, 'utf8');
        expect(source, `${id}: ${e.symbol} in ${e.path}`).toMatch(pattern(e.symbol));
      }
    }
  });

  it('cites documentation and issues by their CPython addresses', () => {
    for (const [id, e] of evidence) {
      if (e.kind === 'docs') expect(e.url, id).toMatch(/^https:\/\/docs\.python\.org\/3\//);
      if (e.kind === 'issue')
        expect(e.url, id).toMatch(/^https:\/\/github\.com\/python\/cpython\/issues\/\d+$/);
    }
  });

  it('writes no measured number into a rule text: the page reads figures from the recordings', () => {
    for (const rule of rules.rules) expect(rule.rule, rule.id).not.toMatch(/\d+(\.\d+)?\s*ms\b/);
  });

  it('writes no figure path into a text the reader sees (a figure is shown beside it, not in it)', () => {
    // "a Tk stall of tkStall.stallMs" once reached the page as written.
    const figurePath = /\b[a-z]+[A-Z]?\w*\.[a-z]+[A-Z]\w*\b/;
    for (const rule of rules.rules) {
      expect(rule.rule, rule.id).not.toMatch(figurePath);
      for (const e of rule.evidence)
        if (e.kind === 'recording')
          expect(e.shows, `${rule.id}: ${e.figure}`).not.toMatch(figurePath);
    }
  });
});
