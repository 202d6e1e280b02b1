// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionGuideHtml, GUIDE, LIBRARIES } from '../../src/panels/comparison/decision-guide';
import { PANEL_IDS } from '../../src/tasks/params';

// The decision guide the build writes into the page's opening: from the reader's app to the
// strategy, each line linking to its panel and saying what backs it.

const doc = new DOMParser().parseFromString(decisionGuideHtml(), 'text/html');
const section = doc.querySelector('section.decision-guide');
const lines = [...(section?.querySelectorAll('dt') ?? [])].map((dt) => ({
  app: dt.textContent ?? '',
  advice: dt.nextElementSibling?.textContent ?? '',
  links: [...(dt.nextElementSibling?.querySelectorAll('a') ?? [])].map((a) =>
    a.getAttribute('href'),
  ),
}));
const line = (app: RegExp) => lines.find((l) => app.test(l.app));

describe('the decision guide', () => {
  it('is a section named by its heading, one line per situation', () => {
    expect(section?.getAttribute('aria-labelledby')).toBe('guide-title');
    expect(section?.querySelector('#guide-title')?.textContent).toBe('Which fix for your app');
    expect(lines).toHaveLength(GUIDE.length);
  });

  it('links every line to the panel that shows its strategy', () => {
    for (const [i, l] of lines.entries()) {
      expect(l.links, l.app).toContain(`#${GUIDE[i]?.panel}`);
      for (const href of l.links)
        expect(
          PANEL_IDS.some((id) => href === `#${id}`) || /^#mistake-[a-z-]+-title$/.test(href ?? ''),
          href ?? '',
        ).toBe(true);
    }
  });

  it('links only to mistakes that the page lists', () => {
    const mistakes = readFileSync('src/recordings/MistakeList.svelte', 'utf8');
    for (const href of lines.flatMap((l) => l.links))
      if (href?.startsWith('#mistake-'))
        expect(mistakes).toContain(`id="${href.slice('#mistake-'.length, -'-title'.length)}"`);
  });

  it('answers the common freeze, which is not asyncio, with a thread', () => {
    const blocking = line(/time\.sleep\(\)/);
    expect(blocking?.app).toContain('requests.get()');
    expect(blocking?.advice).toContain('asyncio.to_thread(f)');
    expect(blocking?.advice).toContain('run_in_executor(None, f)');
    expect(blocking?.links).toContain('#mistake-blocking-call-title');
  });

  it('sends network I/O to the dedicated loop and an asyncio app to one thread, with its costs', () => {
    expect(line(/network I\/O/)?.links).toContain('#dedicated');
    const oneThread = line(/asyncio app needs a small Tk window/);
    expect(oneThread?.links).toContain('#one-thread');
    for (const cost of ['waits up to P', '1000/P', 'dialog pauses every coroutine', 'guest'])
      expect(oneThread?.advice).toContain(cost);
    expect(line(/CPU-heavy/)?.advice).toContain('ProcessPoolExecutor');
  });

  it('names each library with its version', () => {
    const all = lines.map((l) => l.advice).join(' ');
    expect(all).toContain(`async-tkinter-loop ${LIBRARIES.asyncTkinterLoop}`);
    expect(all).toContain(`Trio ${LIBRARIES.trio}`);
    // The version the offered Python's own comment names: one version on the whole page.
    expect(readFileSync('python/strategies/one_thread.py', 'utf8')).toContain(
      `async-tkinter-loop\`, ${LIBRARIES.asyncTkinterLoop}`,
    );
  });

  it('has a slot in the opening, after the recommended program', () => {
    const html = readFileSync('index.html', 'utf8');
    const opening = html.slice(html.indexOf('<!-- opening -->'), html.indexOf('<!-- /opening -->'));
    expect(opening.indexOf('<!-- decision-guide -->')).toBeGreaterThan(
      opening.indexOf('<!-- recommended.py -->'),
    );
  });
});
