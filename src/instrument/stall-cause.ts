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
