/**
 * Sharing, as one chunk loaded after the first paint: the address sync and the share controls.
 * Nothing in it is needed to run a panel, so the first load does not carry it.
 */
export { UrlSync } from './url-sync';
export { default as ShareControls } from './ShareControls.svelte';
