/**
 * Landing on a shared link's target while the page is still loading. A link to one panel
 * (`?panel=dedicated`, `#dedicated`) names an element that a lazy chunk mounts after the first
 * paint, and the parts that arrive above it afterwards (code views, recordings, the decision guide)
 * push it down. This brings the target into view as soon as it exists and keeps it there, frame by
 * frame, until the page has settled and kept still, or the reader scrolls, types or clicks: from
 * then on the scroll position is theirs.
 */

/** The landing gives up after this long (ms) even if the page never settles. */
const LIMIT_MS = 30_000;
/** Settled: nothing mounted is left waiting, and the target has not moved for this long (ms). */
const STILL_MS = 1_500;
/** What the reader does to scroll, or to take over the page. */
const READER_EVENTS = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

/**
 * The id a full page should land on: the address's fragment when it names something other than a
 * glossary term or a mistake (those open and scroll themselves), else the `panel` parameter;
 * null when there is none.
 */
export function landingId(hash: string, panel: string | null): string | null {
  let fragment: string;
  try {
    fragment = decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    fragment = ''; // a malformed escape (#%E0) names nothing
  }
  if (fragment && !/^(term|mistake)-/.test(fragment)) return fragment;
  return panel;
}

/**
 * Keeps the element with `id` at the top of the view while the page loads. `settled()` says
 * whether the page has mounted everything it asked for. Returns the function that stops it.
 */
export function land(id: string, settled: () => boolean): () => void {
  const started = performance.now();
  let still = started;
  let raf = 0;
  // Where this left the target (px from the viewport's top) and how tall the page was then. A
  // scroll that moves the target from there is someone else's (the reader's scroll bar, a script's
  // scrollTo or scrollIntoView), even while parts keep arriving: the browser's scroll anchoring, as
  // parts arrive above, keeps the target where it was. The one scroll that is nobody's is the
  // browser clamping the position of a page that just got shorter.
  let left: { top: number; height: number } | null = null;
  const scrolled = () => {
    const target = document.getElementById(id);
    if (!target || !left) return;
    const page = document.documentElement;
    const clamped =
      page.scrollHeight < left.height && scrollY + innerHeight >= page.scrollHeight - 1;
    if (!clamped && Math.abs(target.getBoundingClientRect().top - left.top) > 1) stop();
  };
  const stop = () => {
    cancelAnimationFrame(raf);
    document.documentElement.removeAttribute('data-landing');
    for (const type of READER_EVENTS) removeEventListener(type, stop, { capture: true });
    removeEventListener('scroll', scrolled);
  };
  // While it holds the view, the page says so (`data-landing` on <html>): tests and tools wait for
  // the landing to end instead of guessing how long it takes.
  document.documentElement.setAttribute('data-landing', id);
  for (const type of READER_EVENTS) addEventListener(type, stop, { capture: true, passive: true });
  addEventListener('scroll', scrolled, { passive: true });

  const step = (now: number) => {
    const target = document.getElementById(id);
    if (target) {
      const top = target.getBoundingClientRect().top;
      // Not at the top, and not by the reader's doing (their first input stops this): it has just
      // appeared, something arrived above it, or the page below it was too short to scroll it up
      // until now. Near the page's end, where it cannot reach the top, scrolling changes nothing.
      if (Math.abs(top) > 1) {
        target.scrollIntoView({ block: 'start' });
        const after = target.getBoundingClientRect().top;
        if (Math.abs(after - top) > 1) still = now;
        left = { top: after, height: document.documentElement.scrollHeight };
      } else left = { top, height: document.documentElement.scrollHeight };
    }
    if (now - started > LIMIT_MS || (target && settled() && now - still > STILL_MS)) return stop();
    raf = requestAnimationFrame(step);
  };
  raf = requestAnimationFrame(step);
  return stop;
}
