import type { StallReport } from './instrument.svelte';

/**
 * Whose work a stall was, in the reader's words: a strategy's code (named), the page's own work,
 * or, where the browser reports too little to tell, unknown.
 */
export function stallCause({ cause, strategy }: Pick<StallReport, 'cause' | 'strategy'>): string {
  switch (cause) {
    case 'strategy':
      return strategy
        ? `the ${strategy[0]?.toUpperCase()}${strategy.slice(1)} strategy's code`
        : 'a strategy';
    case 'page':
      return "the page's own work";
    case 'unattributed':
      return 'cause unknown in this browser';
  }
}

/** What a script the browser blamed was, by kind of event handler ("click" → "a click handler"). */
const HANDLERS: Record<string, string> = {
  click: 'a click handler on the page',
  dblclick: 'a click handler on the page',
  pointerdown: 'a click handler on the page',
  pointerup: 'a click handler on the page',
  mousedown: 'a click handler on the page',
  mouseup: 'a click handler on the page',
  keydown: 'a key handler on the page',
  keyup: 'a key handler on the page',
  keypress: 'a key handler on the page',
  input: 'a key handler on the page',
  change: "a widget's change handler on the page",
  scroll: 'a scroll handler on the page',
  wheel: 'a scroll handler on the page',
  message: 'a message handed over from another thread',
  toggle: 'a disclosure opening or closing',
  load: 'the page loading',
};

/**
 * The script that held a stall up, in the reader's words, from the name the browser gives it in
 * a long animation frame's attribution (`invoker`: "FrameRequestCallback", "#document.onclick",
 * "TimerHandler:setTimeout", a script's URL…). Each says what the same work would be in a Tk app:
 * a redraw callback, a bound event handler, an `after()` callback. Never throws; a name it does not
 * know is "a script of the page".
 */
export function blamedScript(invoker: string): string {
  if (invoker === 'FrameRequestCallback') return "the page's redraw callback";
  const handler = /\.on([a-z]+)$/.exec(invoker)?.[1];
  if (handler) return HANDLERS[handler] ?? 'an event handler on the page';
  if (/^TimerHandler:/.test(invoker)) return 'a timer callback, like an after() callback in Tk';
  if (/requestIdleCallback/.test(invoker)) return 'an idle callback, like after_idle() in Tk';
  if (/\.then$|Promise|resolve|reject/i.test(invoker))
    return 'the page resuming after an awaited result';
  if (/^(https?:|blob:|data:)/.test(invoker)) return "the page's code loading";
  return 'a script of the page';
}
