import './app/page-errors';
import { mount } from 'svelte';
import App from './app/App.svelte';
import { parseUrlState } from './share/url-state';
import './ui/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');

// index.html paints the page's opening before this script runs, and the app mounts after it. An
// embedded panel shows no opening: embed.html has none, and index.html?embed=1 drops it here.
const url = parseUrlState(location.search);
if (url.state.embed) target.replaceChildren();
mount(App, { target, props: { url } });
// Copy and Download for the program the build wrote into the opening: a chunk of their own, so the
// first load carries none of it.
if (!url.state.embed)
  import('./code/static-code-actions').then(
    (m) => m.addStaticCodeActions(target),
    () =>
      target.querySelectorAll('[data-code-actions]').forEach((slot) => {
        slot.textContent = 'Copy and Download could not load: select the code to copy it.';
      }),
  );
