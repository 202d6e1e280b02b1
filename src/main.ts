import './app/page-errors';
import { mount } from 'svelte';
import App from './app/App.svelte';
import type { EarlyMessages } from './app/embed';
import { parseUrlState } from './share/url-state';
import { nextTask } from './ui/turns';
import './ui/theme.css';

// The app has started: the page's static "not started" hint (index.html) is not needed.
document.getElementById('not-started')?.remove();

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');

// index.html paints the page's opening before this script runs, and the app mounts after it. An
// embedded panel shows no opening: embed.html has none, and index.html?embed=1 drops it here.
const url = parseUrlState(location.search);
// embed.html and panel/ are embedded pages (their <html> says so) even when a server dropped
// their query on the way.
if (document.documentElement.hasAttribute('data-embed')) url.state.embed = true;
// An embed listens to its host from here, its first script: a theme posted at the frame's load
// event, or a request for the height, waits in order for the app's host link (connectToHost),
// which takes the listener over a moment later.
const early: EarlyMessages = [];
if (url.state.embed) {
  target.replaceChildren();
  onmessage = (event) => void early.push(event);
}
// Mounting waits for a task of its own: evaluating this chunk and mounting in the same task put
// one long task on the chart the page is about to draw.
await nextTask();
mount(App, { target, props: { url, early } });
// Copy and Download for the program the build wrote into the opening: a chunk of their own, so the
// first load carries none of it.
if (!url.state.embed)
  void import('./code/static-code-actions').then(
    (m) => m.addStaticCodeActions(target),
    () =>
      target.querySelectorAll('[data-code-actions]').forEach((slot) => {
        slot.textContent = 'Copy and Download could not load: select the code to copy it.';
      }),
  );
