import { highlightLines, type Language } from './highlight';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ENTITIES[c] as string);

/**
 * A source file as HTML, drawn the way the code views draw it (CodeView.svelte): one span per
 * line, tokens classed by the same highlighter, every character escaped. The build writes it into
 * index.html, so the program a reader came for paints with the page's opening and costs no script.
 *
 * @param source the file's text; one trailing newline is not drawn as an empty last line
 * @param label the accessible name of the scrollable `<pre>`
 * @returns a `<pre>` element's HTML whose text content is `source`
 */
export function staticCodeView(
  source: string,
  label: string,
  language: Language = 'python',
): string {
  const lines = highlightLines(source.replace(/\n$/, ''), language).map(
    (tokens) =>
      `<span class="line">${tokens
        .map((t) =>
          t.kind === 'plain'
            ? escape(t.text)
            : `<span class="tok-${t.kind}">${escape(t.text)}</span>`,
        )
        .join('')}\n</span>`,
  );
  return `<pre tabindex="0" aria-label="${escape(label)}" data-language="${language}"><code>${lines.join('')}</code></pre>`;
}
