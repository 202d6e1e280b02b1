import { getContext, setContext } from 'svelte';
import type { Announcer } from './announcer.svelte';
import type { Preferences } from './preferences.svelte';

/** What every view shares about the reader: one live region, one set of display preferences. */
export interface UiServices {
  announcer: Announcer;
  preferences: Preferences;
}

const KEY = Symbol('two-loops:ui');

export function provideUi(services: UiServices): void {
  setContext(KEY, services);
}

/** The context entry for rendering a view on its own (tests, embeds). */
export function uiContext(services: UiServices): [symbol, UiServices] {
  return [KEY, services];
}

export function useUi(): UiServices {
  const services = getContext<UiServices | undefined>(KEY);
  if (!services) throw new Error('useUi() outside the page: provide the announcer and preferences');
  return services;
}
