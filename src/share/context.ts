import type { Component } from 'svelte';
import { defineContext } from '../ui/define-context';
import type { PanelShare } from './url-state';

/** What a panel needs to offer its Copy link and Embed controls. */
export interface ShareHooks {
  /** Null until the sharing chunk is loaded. */
  readonly Controls: Component<{ id: string; title: string; share: PanelShare | null }> | null;
  /** A panel's current configuration, or null while one of its fields is refused. */
  shareable(panel: string): PanelShare | null;
}

/**
 * Sharing's context. `null` where sharing makes no sense (an embed): panels then show no share
 * controls.
 */
export const shareContext = defineContext<ShareHooks | null>('sharing');
