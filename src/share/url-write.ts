import type { NumericParamName } from '../tasks/params';

type UrlNumeric = Exclude<NumericParamName, 'chunk'>;
import { DEFAULT_STATE, type PanelShare, type UrlState } from './url-state';

// Writing the URL lives apart from reading it: the page must read its address before its first
// paint, but only writes one after the reader changes something, so this loads later.

/** The numeric parameters the address carries (the chunk field is the panel's alone). */
const NUMERIC: readonly UrlNumeric[] = ['duration', 'poll', 'tasks', 'rate', 'dialog'];

/** The state a panel's configuration stands for: its values over the defaults. */
export function shareState(share: PanelShare, flags: Partial<UrlState> = {}): UrlState {
  return { ...DEFAULT_STATE, ...share, ...flags };
}

/** The query string for a state: only the values that differ from the defaults, in a fixed order. */
export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.panel) params.set('panel', state.panel);
  if (state.kind !== DEFAULT_STATE.kind) params.set('kind', state.kind);
  for (const name of NUMERIC) {
    // The one-thread panel's P has a default of its own (20 ms): its link always says which P.
    const given = name === 'poll' && state.panel === 'one-thread';
    if (given || state[name] !== DEFAULT_STATE[name]) params.set(name, String(state[name]));
  }
  if (state.mode !== DEFAULT_STATE.mode) params.set('mode', state.mode);
  if (state.embed) params.set('embed', '1');
  if (state.theme !== DEFAULT_STATE.theme) params.set('theme', state.theme);
  if (state.show.length > 0) params.set('show', state.show.join(','));
  const query = params.toString();
  return query ? `?${query}` : '';
}
