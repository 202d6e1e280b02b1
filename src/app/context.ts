import { instrumentContext, provideInstrument } from '../instrument/context';
import type { Instrument } from '../instrument/instrument.svelte';
import { provideShare, shareContext, type ShareHooks } from '../share/context';
import { provideUi, uiContext, type UiServices } from '../ui/context';

/**
 * What every part of the page shares: one instrument, one live region, one set of preferences,
 * and sharing where it makes sense. Each feature owns its own context; the page provides them all.
 */
export interface PageServices extends UiServices {
  instrument: Instrument;
  /** Absent where sharing makes no sense (an embed). */
  share?: ShareHooks;
}

export function providePage(services: PageServices): void {
  provideInstrument(services.instrument);
  provideUi(services);
  provideShare(services.share);
}

/** The same services as a context map, for rendering one component on its own (tests, embeds). */
export function pageContext(services: PageServices): Map<symbol, unknown> {
  return new Map<symbol, unknown>([
    instrumentContext(services.instrument),
    uiContext(services),
    shareContext(services.share),
  ]);
}
