import { getContext, setContext, type Component } from 'svelte';
import type { PanelShare } from './url-state';

/** What a panel needs to offer its Copy link and Embed controls. */
export interface ShareHooks {
  /** Null until the sharing chunk is loaded. */
  readonly Controls: Component<{ id: string; title: string; share: PanelShare | null }> | null;
  /** A panel's current configuration, or null while one of its fields is refused. */
  shareable(panel: string): PanelShare | null;
}

const KEY = Symbol('two-loops:share');

/** `undefined` where sharing makes no sense (an embed): panels then show no share controls. */
export function provideShare(hooks: ShareHooks | undefined): void {
  setContext(KEY, hooks);
}

/** The context entry for rendering a panel on its own (tests, embeds). */
export function shareContext(hooks: ShareHooks | undefined): [symbol, ShareHooks | undefined] {
  return [KEY, hooks];
}

export function useShare(): ShareHooks | undefined {
  return getContext<ShareHooks | undefined>(KEY);
}
