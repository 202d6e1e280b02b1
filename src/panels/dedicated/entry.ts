/** The Dedicated panel as one chunk, loaded after the page's first paint. */
export { default as DedicatedPanelView } from './DedicatedPanel.svelte';
export { DedicatedPanel } from './dedicated-panel.svelte';
