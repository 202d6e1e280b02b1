import type { Announcer } from './announcer.svelte';
import { defineContext } from './define-context';
import type { Part } from './parts';
import type { Preferences } from './preferences.svelte';

/** What every view shares about the reader: one live region, one set of display preferences. */
export interface UiServices {
  announcer: Announcer;
  preferences: Preferences;
  /**
   * Whether a panel mounts its parts in main-thread turns of their own (see ./turns.ts), as the
   * page does so that its start-up never stalls the thread it measures. A component rendered on
   * its own (a test) leaves it out and mounts whole, at once.
   */
  stagedMount?: boolean;
  /**
   * Whether the page is an embedded panel: its long parts (see ./parts.ts) then start closed,
   * except those in `show`. Absent, the full page: every part starts open.
   */
  embed?: boolean;
  /** The parts the address asks to open from the start (`show=…`). */
  show?: readonly Part[];
}

export const uiContext = defineContext<UiServices>('the announcer and preferences');
