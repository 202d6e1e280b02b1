import { EMBED_FOLDER } from './pages';
import type { PanelShare } from './url-state';
import { serializeUrlState, shareState } from './url-write';

/**
 * The auto-height half of the embed snippet, the same lines as examples/host.html (a unit test
 * keeps them equal). It trusts a message only from one of its own frames, and takes nothing from
 * it but a number. It then asks every frame for its height (`two-loops:hello`): a frame that
 * loaded before the script ran (a deferred bundle, a framework's late mount) reported it to nobody.
 */
export const HOST_SCRIPT = `<script>
  // Two Loops: size each embedded panel to its content.
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'two-loops:resize' || typeof data.height !== 'number') return;
    for (const frame of document.querySelectorAll('iframe.two-loops')) {
      if (frame.contentWindow === event.source) frame.style.height = \`\${Math.ceil(data.height)}px\`;
    }
  });
  for (const frame of document.querySelectorAll('iframe.two-loops')) {
    frame.contentWindow?.postMessage({ type: 'two-loops:hello' }, '*');
  }
</script>`;

/** A first height for the frame, close to a panel's real one, so the page jumps less on load. */
const START_HEIGHT = 900;

/**
 * The page's own folder with this configuration in its query (`…/two-loops/?panel=queue`), or for
 * a frame the embedded page's folder beside it (`…/two-loops/panel/?panel=queue&embed=1`), which
 * skips the full page's opening. Folders, not files: a server that cleans URLs (`serve`'s default)
 * redirects `index.html?…` and `embed.html?…` to an address without the query, and a folder's
 * address keeps it. `href` is the full page's address (index.html or its folder).
 */
export function shareLink(share: PanelShare, href: string, embed = false): string {
  const url = new URL(href);
  url.pathname = url.pathname.replace(/[^/]*$/, embed ? `${EMBED_FOLDER}/` : '');
  url.search = serializeUrlState(shareState(share, { embed }));
  url.hash = '';
  return url.href;
}

export function embedSnippet(share: PanelShare, title: string, href: string): string {
  const src = escapeAttribute(shareLink(share, href, true));
  const name = escapeAttribute(`Two Loops: ${title}`);
  return `<iframe class="two-loops" src="${src}" title="${name}" loading="lazy" width="100%" height="${START_HEIGHT}" style="border:0"></iframe>\n${HOST_SCRIPT}\n`;
}

function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** Copies with the asynchronous clipboard; false where the page may not (no permission, no API). */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
