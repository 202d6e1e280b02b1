import './app/page-errors';
import { mount } from 'svelte';
import App from './app/App.svelte';
import { parseUrlState } from './app/url-state';
import './app/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');

// index.html paints the page's opening before this script runs, and the app mounts after it. An
// embedded panel shows no opening: embed.html has none, and index.html?embed=1 drops it here.
const url = parseUrlState(location.search);
if (url.state.embed) target.replaceChildren();
mount(App, { target, props: { url } });
