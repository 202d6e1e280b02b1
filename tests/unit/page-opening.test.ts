import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// index.html paints the page's opening before any script runs, and the app mounts after it
// (src/main.ts): the opening must be there, inside the app's element, and only there.

describe('the page opening', () => {
  const doc = new DOMParser().parseFromString(readFileSync('index.html', 'utf8'), 'text/html');

  it("is static HTML inside the app's element: skip link, heading, lede", () => {
    expect(doc.querySelector('#app > a.skip')?.getAttribute('href')).toBe('#panels');
    expect(doc.querySelector('#app .page-header h1')?.textContent).toBe('Two Loops');
    expect(doc.querySelector('#app .page-header .lede')?.textContent).toContain(
      'Tkinter and asyncio each want to own the thread they run on.',
    );
  });

  it('is not rendered a second time by the app', () => {
    const app = readFileSync('src/app/App.svelte', 'utf8');
    expect(app).not.toContain('class="lede"');
    expect(app).not.toContain('class="skip"');
    expect(app).not.toContain('class="page-header"');
  });
});
