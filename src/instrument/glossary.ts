/**
 * The browser's words the page cannot avoid, each said in Tk's and asyncio's. Wherever one of
 * them appears on the page it is marked with a `data-term` attribute holding the term exactly as
 * written here, and tests/unit/glossary.test.ts checks that every marked term has an entry and
 * every entry is used somewhere.
 */
export interface GlossaryEntry {
  /** The browser's term, as the page marks it. */
  term: string;
  /**
   * The same thing in Tk and asyncio words. Text between backticks is Python and is shown as
   * code; nothing else is markup.
   */
  tk: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'main thread',
    tk: "Your Tk thread, the one that runs `mainloop()`: it runs every callback and every redraw. The page's main thread runs its own event loop, handlers and painting the same way, which is why this page freezes when your window would.",
  },
  {
    term: 'frame',
    tk: 'One redraw of the window, what Tk does when `mainloop()` reaches its idle tasks (`update_idletasks()`). A browser aims at one per display refresh, 60 a second on most screens.',
  },
  {
    term: 'frame gap',
    tk: 'A time your Tk window could not redraw: the time between two redraws of this page. A gap longer than 50 ms counts as a stall, a freeze you can see.',
  },
  {
    term: 'requestAnimationFrame',
    tk: 'Asks the browser to call a function just before its next redraw. Nearest in Tk: a `tick` that reschedules itself with `root.after(16, tick)`, except that it runs only when a redraw is due, so it stops whenever the thread is busy.',
  },
  {
    term: 'compositor thread',
    tk: 'No Tk counterpart: a second browser thread that moves what the page has already drawn without asking the main thread. Tk has only your thread, so a blocked Tk window stops entirely, spinners included.',
  },
  {
    term: 'long task',
    tk: 'A callback that held your Tk thread for more than 50 ms. The browser reports each one with its start and end, so the page can time a freeze exactly.',
  },
  {
    term: 'long animation frame',
    tk: 'A redraw more than 50 ms late, reported with the script that held it up: what a stack dump from a watchdog thread (`faulthandler.dump_traceback()`) tells you about a frozen Tk app.',
  },
  {
    term: 'Event Timing',
    tk: "The browser's own record of how long an input waited for its handler. Tk keeps none: the Tk recordings time their clicks themselves.",
  },
  {
    term: 'Web Worker',
    tk: 'A thread (`threading.Thread`) that shares no objects with yours: it gets only copies of data, in messages. It has no GIL to share, so it computes truly in parallel.',
  },
  {
    term: 'postMessage',
    tk: 'A thread-safe hand-off to another thread: `queue.put()`, `loop.call_soon_threadsafe()` or `asyncio.run_coroutine_threadsafe()`. The data is copied, never shared.',
  },
  {
    term: 'Promise',
    tk: 'A future: what `asyncio.run_coroutine_threadsafe()` returns. It settles once, with a result or an exception.',
  },
  {
    term: 'worker.terminate()',
    tk: 'No Python counterpart: Python cannot kill a thread, only ask it to stop (`loop.call_soon_threadsafe(loop.stop)`).',
  },
];

/**
 * Splits a sentence built in code (a status line, a lane's summary…) into plain text (even
 * indexes) and the glossary's terms it uses (odd indexes, each exactly as the glossary spells it,
 * its first letter capitalised or not), so that a view can mark each term where it appears. The
 * longest term wins where two overlap ("frame gap" before "frame"). Returns `[text]` when the
 * sentence uses none.
 */
export function termParts(text: string): { text: string; term: string | null }[] {
  const parts: { text: string; term: string | null }[] = [];
  let rest = 0;
  for (const match of text.matchAll(TERMS)) {
    const at = match.index;
    if (at > rest) parts.push({ text: text.slice(rest, at), term: null });
    const term = GLOSSARY.find((e) => e.term.toLowerCase() === match[0].toLowerCase())?.term;
    parts.push({ text: match[0], term: term ?? null });
    rest = at + match[0].length;
  }
  if (rest < text.length || parts.length === 0) parts.push({ text: text.slice(rest), term: null });
  return parts;
}

const TERMS = new RegExp(
  `(?<![\\w.])(?:${[...GLOSSARY]
    .map((e) => e.term)
    .flatMap((t) => [t, `${t[0]?.toUpperCase()}${t.slice(1)}`])
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\\w(])`,
  'g',
);

/** A term's anchor on the page, for links to its entry. */
export function termId(term: string): string {
  return `term-${term
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** Splits an entry's text into plain text (even indexes) and Python code (odd indexes). */
export function glossaryParts(text: string): string[] {
  return text.split('`');
}
