import type { Announcer } from './announcer.svelte';
import { defineContext } from './define-context';
import type { Preferences } from './preferences.svelte';

/** What every view shares about the reader: one live region, one set of display preferences. */
export interface UiServices {
  announcer: Announcer;
  preferences: Preferences;
}

export const uiContext = defineContext<UiServices>('the announcer and preferences');
