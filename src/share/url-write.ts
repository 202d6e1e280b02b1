import type { NumericParamName } from '../tasks/params';
import { DEFAULT_STATE, type PanelShare, type UrlState } from './url-state';

// Writing the URL lives apart from reading it: the page must read its address before its first
// paint, but only writes one after the reader changes something, so this loads later.

const NUMERIC: readonly NumericParamName[] = ['duration', 'poll', 'tasks', 'rate', 'dialog'];

/**
 * The state a panel's configuration stands for: its values over the defaults. A panel that shares
 * its P writes it even when it equals the Queue panel's default, since the one-thread panel's own
 * default differs.
 */
export function shareState(share: PanelShare, flags: Partial<UrlState> = {}): UrlState {
  const pollGiven =
    share.poll !== undefined && (share.panel === 'one-thread' || share.poll !== DEFAULT_STATE.poll);
  return { ...DEFAULT_STATE, ...share, pollGiven, ...flags };
}

/** The query string for a state: only the values that differ from the defaults, in a fixed order. */
export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.panel) params.set('panel', state.panel);
  if (state.kind !== DEFAULT_STATE.kind) params.set('kind', state.kind);
  for (const name of NUMERIC) {
    const given = name === 'poll' && state.pollGiven;
    if (given || state[name] !== DEFAULT_STATE[name]) params.set(name, String(state[name]));
  }
  if (state.mode !== DEFAULT_STATE.mode) params.set('mode', state.mode);
  if (state.embed) params.set('embed', '1');
  if (state.theme !== DEFAULT_STATE.theme) params.set('theme', state.theme);
  const query = params.toString();
  return query ? `?${query}` : '';
}
