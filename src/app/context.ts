import { instrumentContext } from '../instrument/context';
import type { Instrument } from '../instrument/instrument.svelte';
import {
  readerRecordingContext,
  type ReaderRecordingState,
} from '../recordings/reader-context.svelte';
import { shareContext, type ShareHooks } from '../share/context';
import { uiContext, type UiServices } from '../ui/context';

/**
 * What every part of the page shares: one instrument, one live region, one set of preferences,
 * and sharing where it makes sense. Each feature owns its context; the page provides them all.
 */
export interface PageServices extends UiServices {
  instrument: Instrument;
  /** The recording a reader brought (Your machine), which every recorded view shows beside ours. */
  readerRecording: ReaderRecordingState;
  /** Absent where sharing makes no sense (an embed). */
  share?: ShareHooks;
}

export function providePage(services: PageServices): void {
  instrumentContext.provide(services.instrument);
  uiContext.provide(services);
  readerRecordingContext.provide(services.readerRecording);
  shareContext.provide(services.share ?? null);
}

/** The same services as a context map, for rendering one component on its own (tests, embeds). */
export function pageContext(services: PageServices): Map<symbol, unknown> {
  return new Map<symbol, unknown>([
    instrumentContext.entry(services.instrument),
    uiContext.entry(services),
    readerRecordingContext.entry(services.readerRecording),
    shareContext.entry(services.share ?? null),
  ]);
}
