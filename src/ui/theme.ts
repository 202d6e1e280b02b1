/** The colour schemes a reader can choose; `auto` follows the system's setting. */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
