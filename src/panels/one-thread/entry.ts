/** The one-thread panel as one chunk, loaded after the page's first paint. */
import type { Instrument } from '../../instrument/instrument.svelte';
import type { UrlState } from '../../share/url-state';
import { NUMERIC_PARAMS } from '../../tasks/params';
import type { Announcer } from '../../ui/announcer.svelte';
import { ONE_THREAD_POLL_DEFAULT, OneThreadPanel } from './one-thread-panel.svelte';

import View from './OneThreadPanel.svelte';

export { View };
export { OneThreadPanel };

/** Whether the address named P (a refused `poll` gives the Queue panel's default, not ours). */
function pollGiven(poll: number): boolean {
  return (
    poll !== NUMERIC_PARAMS.poll.default ||
    new URLSearchParams(location.search).get('poll') === String(poll)
  );
}

/**
 * The panel as the address configures it, with its view; `made` is told the panel first. One `poll` in the address sets P for both polling
 * panels; without one, this panel starts at its own default (20 ms), not the Queue panel's.
 */
export function create(
  instrument: Instrument,
  announcer: Announcer,
  state: UrlState,
  made: (panel: OneThreadPanel) => void,
): { View: typeof View; panel: OneThreadPanel } {
  const panel = new OneThreadPanel(instrument, announcer, {
    kind: state.kind,
    duration: state.duration,
    rate: state.rate,
    poll: pollGiven(state.poll) ? state.poll : ONE_THREAD_POLL_DEFAULT,
    dialog: state.dialog,
    mode: state.mode,
  });
  made(panel);
  return { View, panel };
}
