import type { NumericParamName } from '../tasks/params';
import { DEFAULT_STATE, type PanelShare, type UrlState } from './url-state';

// Writing the URL lives apart from reading it: the page must read its address before its first
// paint, but only writes one after the reader changes something, so this loads later.

const NUMERIC: readonly NumericParamName[] = ['duration', 'poll', 'tasks', 'rate'];

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
    if (state[name] !== DEFAULT_STATE[name]) params.set(name, String(state[name]));
  }
  if (state.embed) params.set('embed', '1');
  if (state.theme !== DEFAULT_STATE.theme) params.set('theme', state.theme);
  const query = params.toString();
  return query ? `?${query}` : '';
}
