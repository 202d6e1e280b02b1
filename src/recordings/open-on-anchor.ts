/**
 * Links to a mistake (`#mistake-deadlock-title`, from the checker, a panel, the decision guide or
 * another mistake) must show its evidence, which waits behind a disclosure. This opens `details`
 * whenever the address's fragment names an element inside `scope`:
 * - at once, when called: "What goes wrong" arrives as a lazy chunk, after the browser has looked
 *   for the fragment and found nothing, so the named element is also scrolled to the top here;
 * - on every later `hashchange` (a link followed on the page): the browser scrolls to the element
 *   itself, unless it was inside the closed disclosure, in which case it is scrolled to here.
 * Returns a function that stops listening.
 */
export function openOnAnchor(scope: HTMLElement, details: HTMLDetailsElement): () => void {
  const follow = (arrived: boolean) => {
    const target = anchorTarget();
    if (!target || !scope.contains(target)) return;
    const wasHidden = !details.open && details.contains(target);
    details.open = true;
    if (arrived || wasHidden) target.scrollIntoView({ block: 'start' });
  };
  follow(true);
  const onHashChange = () => follow(false);
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** The element the address's fragment names, or null (no fragment, no such id, a bad escape). */
function anchorTarget(): HTMLElement | null {
  const fragment = location.hash.slice(1);
  if (fragment === '') return null;
  try {
    return document.getElementById(decodeURIComponent(fragment));
  } catch {
    return null; // a malformed %-escape names nothing
  }
}

/** Whether the address's fragment names a mistake (`#mistake-…`), which "What goes wrong" holds. */
export function anchorsAMistake(): boolean {
  return location.hash.startsWith('#mistake-');
}
