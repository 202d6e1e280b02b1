import { mount } from 'svelte';
import CodeActions from './CodeActions.svelte';

/**
 * Adds Copy and Download to the code views the build wrote into the page (index.html's
 * `[data-code-actions="FILE"]` slots, each inside the `<figure>` that holds its `<pre>`). Loaded
 * after the app has started: the code itself is already painted, only its two buttons wait.
 *
 * @param root where to look for slots (the document)
 * @returns how many slots were given their buttons
 */
export function addStaticCodeActions(root: ParentNode): number {
  let count = 0;
  for (const slot of root.querySelectorAll<HTMLElement>('[data-code-actions]')) {
    const pre = slot.closest('figure')?.querySelector('pre') ?? undefined;
    const filename = slot.dataset.codeActions;
    if (!pre || !filename || slot.childElementCount > 0) continue;
    opensAtMarkedLine(pre);
    mount(CodeActions, {
      target: slot,
      props: { filename, text: () => pre.textContent ?? '', selectable: () => pre },
    });
    count++;
  }
  return count;
}

/**
 * Where the browser has no `scroll-initial-target` (the style's way to open the box at its marked
 * line), scrolls the box there now, unless the reader has scrolled it already.
 */
function opensAtMarkedLine(pre: HTMLElement): void {
  const line = pre.querySelector<HTMLElement>('[data-opens-here]');
  if (!line || pre.scrollTop !== 0 || CSS.supports('scroll-initial-target', 'nearest')) return;
  // Its top just below the box's top padding, as the style's scroll-margin-top places it.
  pre.scrollTop = line.offsetTop - parseFloat(getComputedStyle(pre).paddingTop);
}
