// @vitest-environment jsdom
import '../setup';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Glossary from '../../src/instrument/Glossary.svelte';
import { GLOSSARY, glossaryParts, termId, termParts } from '../../src/instrument/glossary';

// Every browser term the page marks (a data-term attribute) has an entry in "Browser terms, in Tk and
// asyncio words", and every entry is marked somewhere: read from the sources, where every marking
// is a literal (a computed one could name a term no entry has, so none is allowed).

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

const sources = [...files('src'), 'index.html'].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
const marked = new Map<string, string>();
for (const { path, text } of sources)
  for (const match of text.matchAll(/data-term="([^"]*)"/g)) marked.set(match[1] as string, path);
const terms = GLOSSARY.map((entry) => entry.term);

describe('the browser terms the page marks', () => {
  it('are read from the sources (a sanity check on the reader itself)', () => {
    expect(marked.get('main thread')).toBeDefined();
    expect(marked.size).toBeGreaterThanOrEqual(10);
  });

  it('are all marked with a literal, never a computed name, except from the glossary itself', () => {
    // TermText marks terms in sentences built in code, taking each from GLOSSARY (termParts).
    const computed = sources
      .filter(({ text }) => /data-term=\{/.test(text))
      .map(({ path }) => path);
    expect(computed).toEqual(['src/instrument/TermText.svelte']);
  });

  it('each link to their entry', () => {
    const unlinked: string[] = [];
    for (const { path, text } of sources)
      for (const match of text.matchAll(/<(\w+)([^<>]*?)data-term="([^"]*)"/g)) {
        const [, tag, before, term] = match as unknown as [string, string, string, string];
        if (tag !== 'a' || !before.includes(`href="#${termId(term)}"`))
          unlinked.push(`${path}: ${term}`);
      }
    expect(unlinked).toEqual([]);
  });

  it('each have an entry in the glossary', () => {
    const missing = [...marked].filter(([term]) => !terms.includes(term));
    expect(missing).toEqual([]);
  });

  it('use every entry of the glossary somewhere', () => {
    expect(terms.filter((term) => !marked.has(term))).toEqual([]);
  });
});

describe('terms in sentences built in code', () => {
  it('are found whole, the longest first, as the glossary spells them', () => {
    expect(termParts('worker → main thread: 1 message')).toEqual([
      { text: 'worker → ', term: null },
      { text: 'main thread', term: 'main thread' },
      { text: ': 1 message', term: null },
    ]);
    expect(termParts('Main thread stalled; frame gap 80 ms').filter((p) => p.term)).toEqual([
      { text: 'Main thread', term: 'main thread' },
      { text: 'frame gap', term: 'frame gap' },
    ]);
    // Inside a longer word or a call, a term is not the term.
    expect(termParts('frames, postMessage(x), reframe')).toEqual([
      { text: 'frames, postMessage(x), reframe', term: null },
    ]);
    expect(termParts('')).toEqual([{ text: '', term: null }]);
  });
});

describe('the glossary', () => {
  it('has one entry per term, each with its own anchor', () => {
    expect(new Set(terms).size).toBe(terms.length);
    expect(new Set(terms.map(termId)).size).toBe(terms.length);
  });

  it('closes every piece of Python it opens', () => {
    for (const entry of GLOSSARY) expect(glossaryParts(entry.tk).length % 2, entry.term).toBe(1);
  });

  it('is a closed disclosure that says what it holds, each term given in Tk words', () => {
    const { container } = render(Glossary);
    const details = container.querySelector('details');
    expect(details?.open).toBe(false);
    expect(details?.querySelector('summary')?.textContent).toBe(
      'Browser terms, in Tk and asyncio words',
    );
    const shown = [...container.querySelectorAll('dt')].map((dt) => dt.dataset.glossaryTerm);
    expect(shown).toEqual(terms);
    const thread = container.querySelector(`#${termId('main thread')} + dd`);
    expect(thread?.textContent).toContain('Your Tk thread');
    expect(thread?.querySelector('code')?.textContent).toBe('mainloop()');
    const postMessage = container.querySelector(`#${termId('postMessage')} + dd`);
    expect(postMessage?.textContent).toContain('call_soon_threadsafe');
  });
});
