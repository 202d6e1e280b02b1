import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The page says how the recommended program and the Dedicated loop panel's Python differ, where
// each is offered. The difference it names is checked against the two files, so that the sentences
// cannot drift from the code the reader copies.

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const text = (html: string, testId: string) => {
  const m = new RegExp(`data-testid="${testId}">([\\s\\S]*?)</p>`).exec(html);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
};

describe('the recommended program and dedicated_loop.py, as the page relates them', () => {
  const recommended = read('python/recommended.py');
  const dedicated = read('python/strategies/dedicated_loop.py');

  it('says so where each is offered: at the top, and in the Dedicated panel', () => {
    const top = text(read('index.html'), 'recommended-relation');
    const panel = text(read('src/panels/dedicated/DedicatedPanel.svelte'), 'dedicated-relation');
    expect(top).toMatch(/Copy this one/);
    expect(top).toMatch(/dedicated_loop\.py/);
    expect(top).toMatch(/root\.after\(0, …\) from the loop thread/);
    expect(top).toMatch(/queue\.Queue every 50 ms/);
    expect(panel).toMatch(/recommended program/);
    expect(panel).toMatch(/root\.after\(0, …\) called from the loop thread/);
    expect(panel).toMatch(/queue\.Queue every 50 ms/);
  });

  it('names the difference the two files have: a queue read every 50 ms, or after(0) from the loop thread', () => {
    // Both: one loop thread started once, tasks submitted with run_coroutine_threadsafe, stopped on close.
    for (const file of [recommended, dedicated]) {
      expect(file).toMatch(/run_forever\(\)/);
      expect(file).toMatch(/asyncio\.run_coroutine_threadsafe\(/);
      expect(file).toMatch(/call_soon_threadsafe\(self\.loop\.stop\)/);
    }
    expect(recommended).toMatch(/queue\.Queue\(\)/);
    expect(recommended).toMatch(/self\.root\.after\(50, self\.check\)/);
    expect(recommended).not.toMatch(/after\(0,/);
    expect(dedicated).toMatch(/self\.root\.after\(0, callback, \*args\)/);
    expect(dedicated).not.toMatch(/queue\.Queue/);
  });
});
