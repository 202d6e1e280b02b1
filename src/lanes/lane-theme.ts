import type { LaneTheme } from './draw-lanes';

const PROPERTIES = {
  background: '--lane-bg',
  grid: '--lane-grid',
  separator: '--lane-separator',
  text: '--lane-text',
  done: '--lane-done',
  failed: '--lane-failed',
  cancelled: '--lane-cancelled',
  open: '--lane-open',
  activity: '--lane-activity',
  onBar: '--lane-on-bar',
  stall: '--lane-stall',
  stallFill: '--lane-stall-fill',
  arrow: '--lane-arrow',
} as const satisfies Record<Exclude<keyof LaneTheme, 'font'>, `--${string}`>;

/** Fallbacks for a page without the stylesheet (a test, an embed that forgot it): still legible. */
const FALLBACK: Omit<LaneTheme, 'font'> = {
  background: '#ffffff',
  grid: '#e3e6eb',
  separator: '#7d8591',
  text: '#1a1d23',
  done: '#2563eb',
  failed: '#b42318',
  cancelled: '#5f6673',
  open: '#7c3aed',
  activity: '#0f766e',
  onBar: '#ffffff',
  stall: '#d64545',
  stallFill: '#fbe4e4',
  arrow: '#374151',
};

/** Reads the lane colours from the CSS custom properties in effect at `element`. */
export function readLaneTheme(element: Element): LaneTheme {
  const style = getComputedStyle(element);
  const theme = { font: `12px ${style.fontFamily || 'sans-serif'}` } as LaneTheme;
  for (const [key, property] of Object.entries(PROPERTIES) as Array<
    [keyof typeof PROPERTIES, string]
  >) {
    theme[key] = style.getPropertyValue(property).trim() || FALLBACK[key];
  }
  return theme;
}
