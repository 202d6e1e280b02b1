import { defineContext } from '../ui/define-context';
import type { Instrument } from './instrument.svelte';

/**
 * The instrument's own context: its views find the page's one Instrument here, not through the
 * page's service registry, so measuring depends on nothing above it.
 */
export const instrumentContext = defineContext<Instrument>('the instrument');
