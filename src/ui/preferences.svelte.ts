import type { Theme } from './theme';

/**
 * The reader's display preferences: the chosen theme and the system's reduced-motion setting,
 * kept current when the system setting changes.
 */
export class Preferences {
  theme = $state<Theme>('auto');
  reducedMotion = $state(false);
  systemDark = $state(false);

  readonly dark = $derived(this.theme === 'dark' || (this.theme === 'auto' && this.systemDark));

  watchSystem(): () => void {
    if (typeof matchMedia !== 'function') return () => {};
    const motion = matchMedia('(prefers-reduced-motion: reduce)');
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const update = () => {
      this.reducedMotion = motion.matches;
      this.systemDark = scheme.matches;
    };
    update();
    motion.addEventListener('change', update);
    scheme.addEventListener('change', update);
    return () => {
      motion.removeEventListener('change', update);
      scheme.removeEventListener('change', update);
    };
  }
}
