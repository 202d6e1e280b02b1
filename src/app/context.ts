import { getContext, setContext, type Component } from 'svelte';
import type { Instrument } from '../instrument/instrument.svelte';
import type { Announcer } from './announcer.svelte';
import type { Preferences } from './preferences.svelte';
import type { PanelShare } from './url-state';

/** What every part of the page shares: one instrument, one live region, one set of preferences. */
export interface PageServices {
  instrument: Instrument;
  announcer: Announcer;
  preferences: Preferences;
  /** Absent where sharing makes no sense (an embed); Controls is null until its chunk is loaded. */
  share?: ShareHooks;
}

export interface ShareHooks {
  readonly Controls: Component<{ id: string; title: string; share: PanelShare | null }> | null;
  /** A panel's current configuration, or null while one of its fields is refused. */
  shareable(panel: string): PanelShare | null;
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
