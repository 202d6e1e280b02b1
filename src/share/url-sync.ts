import type { PanelId } from '../tasks/params';
import type { Theme } from '../ui/theme';
import { isKnownParam, type PanelShare, type UrlState } from './url-state';
import { serializeUrlState, shareState } from './url-write';

export interface UrlSyncEnv {
  history: Pick<History, 'state' | 'replaceState'>;
  location: Pick<Location, 'href'>;
}

/**
 * Keeps the address showing the configuration the reader last changed, so copying it from the
 * address bar shares what is on screen. Each source's first value is the one the page loaded
 * with: it is recorded, not written, so opening the page never rewrites its own address. Writes
 * replace the current history entry: a reader adjusting a field should not have to press Back
 * twenty times to leave.
 */
export class UrlSync {
  #state: UrlState;
  readonly #seen = new Map<string, string>();
  readonly #env: UrlSyncEnv;

  constructor(loaded: UrlState, env: UrlSyncEnv = { history, location }) {
    this.#state = loaded;
    this.#env = env;
  }

  /** A panel's configuration changed; null while one of its fields is refused (nothing written). */
  panel(id: PanelId, share: PanelShare | null): void {
    const key = share ? serializeUrlState(shareState(share)) : '';
    if (!this.#changed(id, key) || !share) return;
    const { embed, theme, show } = this.#state;
    this.#write(shareState(share, { embed, theme, show }));
  }

  theme(theme: Theme): void {
    if (this.#changed('theme', theme)) this.#write({ ...this.#state, theme });
  }

  /** Whether `key` differs from what this source had last time; its first value never does. */
  #changed(source: string, key: string): boolean {
    const last = this.#seen.get(source);
    this.#seen.set(source, key);
    return last !== undefined && last !== key;
  }

  #write(state: UrlState): void {
    this.#state = state;
    const { history, location } = this.#env;
    const url = new URL(location.href);
    const params = new URLSearchParams(serializeUrlState(state));
    for (const [name, value] of new URLSearchParams(url.search)) {
      if (!isKnownParam(name)) params.append(name, value);
    }
    url.search = params.toString();
    if (url.href !== location.href) history.replaceState(history.state, '', url.href);
  }
}
