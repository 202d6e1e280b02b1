import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every link and picture in the README resolves in the repository as it is committed: a relative
// target must be a tracked file (or a folder holding one), and a `#fragment` must name one of the
// README's own headings. A file that exists only on one machine (git-ignored, never added) fails.

const ROOT = resolve(__dirname, '../..');

/** Every file git tracks, as paths relative to the repository's root. */
function trackedFiles(): Set<string> {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return new Set(out.split('\0').filter(Boolean));
}

/** The Markdown with its fenced code blocks and inline code spans blanked out. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/**
 * Every link target in a Markdown text: inline links and images (`[text](target)`,
 * `![alt](target "title")`), reference definitions (`[name]: target`) and HTML `href`/`src`.
 */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(
    /!?\[(?:[^\]\n]|\n(?!\n))*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
  ))
    targets.push(m[1] as string);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm))
    targets.push(m[1] as string);
  for (const m of text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g))
    targets.push(m[1] as string);
  return targets;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown text's headings (`#`–`######`), outside code blocks. */
function anchors(markdown: string): Set<string> {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set(
    [...text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => headingSlug(m[1] as string)),
  );
}

/** What is wrong with each target that does not resolve, as one line each; empty when all do. */
function brokenLinks(markdown: string, tracked: Set<string>): string[] {
  const own = anchors(markdown);
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // another site
    const [path = '', fragment] = target.split('#');
    if (path === '') {
      if (!own.has(decodeURIComponent(fragment ?? '')))
        broken.push(`${target}: no heading has this anchor`);
      continue;
    }
    const file = decodeURIComponent(path).replace(/^\.\//, '').replace(/\/$/, '');
    const isFolder = [...tracked].some((f) => f.startsWith(`${file}/`));
    if (!tracked.has(file) && !isFolder) broken.push(`${target}: not a tracked file or folder`);
  }
  return broken;
}

describe('the README’s links', () => {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const tracked = trackedFiles();

  it('finds the links and the picture the README has', () => {
    const targets = linkTargets(readme);
    expect(targets).toContain('docs/soak-30min.log');
    expect(targets).toContain('python/recommended.py');
    expect(targets.some((t) => t.startsWith('docs/') && t.endsWith('.png'))).toBe(true);
    expect(targets).toContain('#hosting-it-anywhere');
    // Code is not a link: the embed snippet's iframe address is inside a fenced block.
    expect(targets.some((t) => t.includes('YOUR-HOST'))).toBe(false);
  });

  it('every relative link, picture and anchor resolves in the repository as committed', () => {
    expect(brokenLinks(readme, tracked)).toEqual([]);
  });

  it('reports a missing file, an untracked file and an unknown anchor', () => {
    const sample = [
      '# Title',
      '## A section',
      '[ok](docs/a.png) [folder](docs/) [gone](docs/missing.log) [anchor](#a-section)',
      '![pic](docs/b.png "title") [bad](#nowhere) [web](https://example.com/x)',
      '<img src="docs/c.png"> `[code](not/a/link)`',
    ].join('\n');
    expect(brokenLinks(sample, new Set(['docs/a.png']))).toEqual([
      'docs/missing.log: not a tracked file or folder',
      'docs/b.png: not a tracked file or folder',
      '#nowhere: no heading has this anchor',
      'docs/c.png: not a tracked file or folder',
    ]);
  });
});
