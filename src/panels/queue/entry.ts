/** The Queue panel as one chunk, loaded after the page's first paint. */
export { default as QueuePanelView } from './QueuePanel.svelte';
export { QueuePanel } from './queue-panel.svelte';
