import { highlightLines, type Language } from './highlight';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ENTITIES[c] as string);

/**
 * Lines per block of a code view. Each block is laid out and painted only when it comes near the
 * screen (`.code .lines` in theme.css), so opening or scrolling to a view of 500 lines lays out the
 * few blocks in its 26rem window, not the whole file: opening "The TypeScript that runs this panel"
 * was one 35–47 ms task of thread time, most of it layout.
 */
const LINES_PER_BLOCK = 24;

/**
 * A source file as HTML, drawn the way the code views draw it (CodeView.svelte): one span per
 * line, tokens classed by the same highlighter, every character escaped. The build writes it into
 * index.html, so the program a reader came for paints with the page's opening and costs no script.
 *
 * @param source the file's text; one trailing newline is not drawn as an empty last line
 * @param label the accessible name of the scrollable `<pre>`
 * @param opensAt the line the box opens scrolled to (the first that matches), marked
 *   `data-opens-here`; throws if no line matches, so a renamed function cannot silently move it
 * @returns a `<pre>` element's HTML whose text content is `source`
 */
export function staticCodeView(
  source: string,
  label: string,
  language: Language = 'python',
  opensAt?: RegExp,
): string {
  const text = source.replace(/\n$/, '');
  let lines = codeLinesHtml(text, language);
  // The line the box opens scrolled to: marked, and the page's style (scroll-initial-target) or its
  // code actions scroll the box there. The box still holds the whole file, from its first line.
  const at = opensAt ? text.split('\n').findIndex((line) => opensAt.test(line)) : -1;
  if (opensAt && at < 0) throw new Error(`staticCodeView: no line matches ${String(opensAt)}`);
  if (at >= 0) {
    let i = 0;
    lines = lines.replace(/<span class="line"/g, (open) =>
      i++ === at ? `${open} data-opens-here` : open,
    );
  }
  return `<pre tabindex="0" role="group" aria-label="${escape(label)}" data-language="${language}"><code>${lines}</code></pre>`;
}

/**
 * The lines of a source as HTML: one `<span class="line">` per line, each ending in its newline,
 * tokens classed by the highlighter, every character escaped. Parsing one string is a single cheap
 * step for the browser, where a component per token costs a main-thread task of its own.
 *
 * @param source the text to draw, one line per `\n`
 * @param phases the phase each line belongs to (written as `data-phase`), index for index
 * @returns HTML for the inside of a `<code>` element; its text content is `source` plus a newline
 */
/**
 * The same lines as `codeLinesHtml`, in blocks of `LINES_PER_BLOCK` (`<span class="lines">`, its
 * line count in `--lines`), built as DOM nodes into `code` (its children replaced): what the
 * page's code views do at run time, where a host's Trusted Types policy may forbid assigning
 * HTML. Text goes in as text nodes, so nothing in `source` is ever parsed as markup.
 *
 * @param code the `<code>` element to fill
 * @param source the text to draw, one line per `\n`
 * @param phases the phase each line belongs to (written as `data-phase`), index for index
 */
export function renderCodeLines(
  code: Element,
  source: string,
  language: Language,
  phases: readonly (string | null)[] = [],
): void {
  const doc = code.ownerDocument;
  const fragment = doc.createDocumentFragment();
  let block: HTMLElement | null = null;
  highlightLines(source, language).forEach((tokens, i) => {
    if (i % LINES_PER_BLOCK === 0) {
      block = doc.createElement('span');
      block.className = 'lines';
      fragment.append(block);
    }
    const line = doc.createElement('span');
    line.className = 'line';
    const phase = phases[i];
    if (phase) line.dataset.phase = phase;
    for (const t of tokens) {
      if (t.kind === 'plain') {
        line.append(t.text);
      } else {
        const token = doc.createElement('span');
        token.className = `tok-${t.kind}`;
        token.textContent = t.text;
        line.append(token);
      }
    }
    line.append('\n');
    block?.append(line);
  });
  for (const each of fragment.children as HTMLCollectionOf<HTMLElement>)
    each.style.setProperty('--lines', String(each.childElementCount));
  code.replaceChildren(fragment);
}

export function codeLinesHtml(
  source: string,
  language: Language,
  phases: readonly (string | null)[] = [],
): string {
  return highlightLines(source, language)
    .map((tokens, i) => {
      const phase = phases[i];
      const body = tokens
        .map((t) =>
          t.kind === 'plain'
            ? escape(t.text)
            : `<span class="tok-${t.kind}">${escape(t.text)}</span>`,
        )
        .join('');
      return `<span class="line"${phase ? ` data-phase="${escape(phase)}"` : ''}>${body}\n</span>`;
    })
    .join('');
}
