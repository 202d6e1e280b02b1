import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  capabilityNotes,
  type Capabilities,
} from '../../src/instrument/capabilities';
import { termParts } from '../../src/instrument/glossary';
import { blamedScript, stallCause } from '../../src/instrument/stall-cause';
import type { StallCause } from '../../src/instrument/stall-log';
import { ROWS, STRATEGY_NAMES, WHEN_TO_USE } from '../../src/panels/comparison/comparison';
import { browserWordsIn } from '../support/browser-words';

// Sentences the page builds in code, checked against the same list of browser words as the page
// itself (tests/e2e/browser-words.spec.ts), for every input, not only those one browser run shows.
// Plain text must carry none; text a view marks with TermText may use a glossary term, marked.

/** The browser words left in a sentence once TermText has marked the glossary's terms in it. */
function unmarked(text: string): string[][] {
  return browserWordsIn(
    termParts(text)
      .map((part) => (part.term ? ' … ' : part.text))
      .join(''),
  );
}

/** What long-animation-frame attribution names (Chromium's `invoker`), and what else it could. */
const INVOKERS = [
  'FrameRequestCallback',
  '#document.onclick',
  'BUTTON#run.onclick',
  'DIV.onpointerdown',
  'INPUT.onkeydown',
  'INPUT.oninput',
  'SELECT.onchange',
  'Window.onscroll',
  'DETAILS.ontoggle',
  'Worker.onmessage',
  'MessagePort.onmessage',
  'Window.onload',
  'DIV.onanimationend',
  'TimerHandler:setTimeout',
  'TimerHandler:setInterval',
  'Window.requestIdleCallback',
  'Response.json.then',
  'Promise.resolve',
  'http://127.0.0.1:4173/assets/index-abc.js',
  'blob:http://127.0.0.1:4173/0c1d',
  'IntersectionObserver.callback',
  '',
];

describe('a stall, in the reader’s words', () => {
  it('names whose work it was without a browser word', () => {
    const causes: StallCause[] = ['strategy', 'page', 'unattributed'];
    for (const cause of causes)
      for (const strategy of ['blocking', 'one-thread', null])
        expect(browserWordsIn(stallCause({ cause, strategy }))).toEqual([]);
  });

  it('says what the script the browser blamed was, as a Tk app would have it', () => {
    for (const invoker of INVOKERS) {
      const said = blamedScript(invoker);
      expect(browserWordsIn(said), invoker).toEqual([]);
      expect(said, invoker).not.toContain(invoker || '\u0000');
    }
    expect(blamedScript('FrameRequestCallback')).toBe("the page's redraw callback");
    expect(blamedScript('#document.onclick')).toBe('a click handler on the page');
    expect(blamedScript('INPUT.onkeydown')).toBe('a key handler on the page');
    expect(blamedScript('TimerHandler:setTimeout')).toMatch(/after\(\)/);
    expect(blamedScript('DIV.onanimationend')).toBe('an event handler on the page');
    expect(blamedScript('IntersectionObserver.callback')).toBe('a script of the page');
  });
});

describe('what this browser cannot measure', () => {
  it('is said with every browser term marked, whatever is missing', () => {
    // Every combination of the five capabilities, at both places notes are shown.
    for (let mask = 0; mask < 1 << CAPABILITIES.length; mask++) {
      const capabilities = Object.fromEntries(
        CAPABILITIES.map((name, i) => [name, (mask & (1 << i)) !== 0]),
      ) as unknown as Capabilities;
      for (const site of ['stalls', 'probe'] as const)
        for (const note of capabilityNotes(capabilities, site))
          expect(unmarked(note), note).toEqual([]);
    }
  });
});

describe('the comparison', () => {
  it('names its rows and says when to use each strategy without a browser word', () => {
    for (const row of ROWS) expect(browserWordsIn(row.label)).toEqual([]);
    for (const text of [...Object.values(WHEN_TO_USE), ...Object.values(STRATEGY_NAMES)])
      expect(browserWordsIn(text)).toEqual([]);
  });
});

describe('the word list itself', () => {
  it('finds the words a reader could not place', () => {
    for (const text of [
      'script FrameRequestCallback, named by a long animation frame entry',
      '#document.onclick',
      'The monitor drew 6 frames during it',
      'To next paint',
      '0 malformed, rejected',
      'the page hears it as an error event',
      'A worker has no document',
      'browsers clamp and batch timers',
      'see the benchmarks',
      'Main-thread instrument',
    ])
      expect(browserWordsIn(text), text).not.toEqual([]);
    // Tk's own main thread, and tkinter's error, are Python's words.
    expect(browserWordsIn('Tk main-thread heartbeat')).toEqual([]);
    expect(browserWordsIn('RuntimeError: main thread is not in main loop')).toEqual([]);
  });
});
