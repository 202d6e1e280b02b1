import { getContext, setContext } from 'svelte';
import type { Instrument } from '../instrument/instrument.svelte';
import type { Announcer } from './announcer.svelte';
import type { Preferences } from './preferences.svelte';

/** What every part of the page shares: one instrument, one live region, one set of preferences. */
export interface PageServices {
  instrument: Instrument;
  announcer: Announcer;
  preferences: Preferences;
}

const KEY = Symbol('two-loops');

export function providePage(services: PageServices): void {
  setContext(KEY, services);
}

/** The same services as a context map, for rendering one component on its own (tests, embeds). */
export function pageContext(services: PageServices): Map<symbol, PageServices> {
  return new Map([[KEY, services]]);
}

export function usePage(): PageServices {
  const services = getContext<PageServices | undefined>(KEY);
  if (!services)
    throw new Error('usePage() outside the page: render inside <App> or provide the services');
  return services;
}
