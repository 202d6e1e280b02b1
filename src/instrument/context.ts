import { getContext, setContext } from 'svelte';
import type { Instrument } from './instrument.svelte';

// The instrument's own context: its views find the page's one Instrument here, not through the
// page's service registry, so measuring depends on nothing above it.
const KEY = Symbol('two-loops:instrument');

export function provideInstrument(instrument: Instrument): void {
  setContext(KEY, instrument);
}

/** The context entry for rendering an instrument view on its own (tests, embeds). */
export function instrumentContext(instrument: Instrument): [symbol, Instrument] {
  return [KEY, instrument];
}

export function useInstrument(): Instrument {
  const instrument = getContext<Instrument | undefined>(KEY);
  if (!instrument) throw new Error('useInstrument() outside the page: provide an Instrument first');
  return instrument;
}
