// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staticCodeView } from '../../src/code/static-code-view';

// index.html paints the page's opening before any script runs, and the app mounts after it
// (src/main.ts): the opening must be there, inside the app's element, and only there.

describe('the page opening', () => {
  const doc = new DOMParser().parseFromString(readFileSync('index.html', 'utf8'), 'text/html');

  it("is static HTML inside the app's element: skip link, heading, lede", () => {
    expect(doc.querySelector('#app > a.skip')?.getAttribute('href')).toBe('#panels');
    expect(doc.querySelector('#app .page-header h1')?.textContent).toBe('Two Loops');
    expect(doc.querySelector('#app .page-header .lede')?.textContent).toContain(
      'Tkinter and asyncio each want to own the thread they run on:',
    );
  });

  it('is not rendered a second time by the app', () => {
    const app = readFileSync('src/app/App.svelte', 'utf8');
    expect(app).not.toContain('class="lede"');
    expect(app).not.toContain('class="skip"');
    expect(app).not.toContain('class="page-header"');
  });
});

describe('the recommended program in the opening', () => {
  const file = readFileSync('python/recommended.py', 'utf8');

  it('has a slot in the opening that the build fills with python/recommended.py', () => {
    const html = readFileSync('index.html', 'utf8');
    const opening = html.slice(html.indexOf('<!-- opening -->'), html.indexOf('<!-- /opening -->'));
    expect(opening).toContain('<!-- recommended.py -->');
    expect(opening).toContain('data-code-actions="recommended.py"');
  });

  it('is drawn with its text unchanged and nothing in it taken as markup', () => {
    const html = staticCodeView(file, 'Python: recommended.py');
    const pre = new DOMParser().parseFromString(html, 'text/html').querySelector('pre');
    expect(pre?.textContent).toBe(file);
    expect(pre?.querySelectorAll('.line')).toHaveLength(file.trimEnd().split('\n').length);
    expect(pre?.querySelector('.tok-keyword')?.textContent).toBe('import');
    const hostile = staticCodeView('x = "<script>alert(1)</script>" & y\n', 'a "label"');
    const parsed = new DOMParser().parseFromString(hostile, 'text/html');
    expect(parsed.querySelector('script')).toBeNull();
    expect(parsed.querySelector('pre')?.textContent).toBe('x = "<script>alert(1)</script>" & y\n');
    expect(parsed.querySelector('pre')?.getAttribute('aria-label')).toBe('a "label"');
  });

  it('marks the line the program opens at, and keeps the whole file in the box', () => {
    const file = readFileSync('python/recommended.py', 'utf8');
    const html = staticCodeView(file, 'Python: recommended.py', 'python', /^ {4}def start\(/);
    const pre = new DOMParser().parseFromString(html, 'text/html').querySelector('pre');
    const marked = pre?.querySelectorAll('[data-opens-here]');
    expect(marked).toHaveLength(1);
    expect(marked?.[0]?.textContent).toBe('    def start(self) -> None:\n');
    expect(pre?.textContent).toBe(file);
    // A renamed method fails the build instead of silently opening the box at its first line.
    expect(() => staticCodeView(file, 'x', 'python', /^ {4}def begin\(/)).toThrow(/no line/);
  });
});
