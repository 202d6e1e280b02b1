import type { Announcer } from './announcer.svelte';
import { defineContext } from './define-context';
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
}

export const uiContext = defineContext<UiServices>('the announcer and preferences');
