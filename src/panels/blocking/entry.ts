/**
 * The Blocking panel as one chunk, the first the page mounts after its opening: the first load
 * carries only the instrument, so that its start-up is short and the panel's own mounting is a
 * main-thread task of its own.
 */
export { default as BlockingPanelView } from './BlockingPanel.svelte';
export { BlockingPanel } from './blocking-panel.svelte';
