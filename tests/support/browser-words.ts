/**
 * The browser's words a Python developer would have to translate, for the tests that check the
 * page speaks Python first (tests/e2e/browser-words.spec.ts reads the page; tests/unit/reader-words
 * reads the sentences the page builds in code). ("worker" alone is not one: a worker thread is
 * Python's word too. "event" is Tk's.)
 */
export const BROWSER_WORDS: readonly RegExp[] = [
  /\blong[- ]tasks?\b/i,
  /\blong[- ]animation[- ]frames?\b/i,
  /\bframe gaps?\b/i,
  /\bframes?\b/i,
  /\brequestAnimationFrame\b/,
  /\brAF\b/,
  /\bcompositor\b/i,
  /\bpostMessage\b/,
  /\bWeb Workers?\b/i,
  /\bterminate\(\)/,
  /\bOffscreenCanvas\b/,
  /\bEvent Timing\b/i,
  // "Tk main thread" is Python's own: the Tk recordings say it of real Tk, and tkinter's
  // RuntimeError says "main thread is not in main loop".
  /(?<!\bTk(?:'s)? )\bmain[- ]thread\b(?! is not in main loop)/i,
  /\bmicrotasks?\b/i,
  /\bPromises?\b/,
  /\bFrameRequestCallback\b/,
  /\bUser Timing\b/i,
  /\bMessageChannel\b/,
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
  /\bIntersectionObserver\b/,
  /\bPerformanceObserver\b/,
  /\bharness\b/i,
  // A long animation frame's script attribution: "#document.onclick", "BUTTON#run.onclick".
  /#document\b/,
  /\.on[a-z]+\b/,
  /\bonclick\b/i,
  /\bdocument\b/,
  /\bDOM\b/,
  /\bpaint(s|ed|ing)?\b/i,
  /\bmonitor\b/i,
  /\berror event\b/i,
  /\bclamp(s|ed|ing)?\b/i,
  /\bbenchmarks?\b/i,
  /\bentr(y|ies)\b/i,
  /\bmalformed\b/i,
];

/** Each browser word in `text`, as [the word's pattern, text]. */
export function browserWordsIn(text: string): string[][] {
  return BROWSER_WORDS.filter((word) => word.test(text)).map((word) => [String(word), text]);
}
