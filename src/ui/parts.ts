/**
 * The long parts of a strategy panel, each behind a disclosure of its own. On the full page they
 * start open; an embedded panel (`embed=1`) starts with them closed, so that it shows its lesson,
 * its live run and the stall chart in one screen, and the address's `show` parameter opens the ones
 * its author names (`show=python,recording`).
 */
export const PARTS = ['python', 'recording', 'lanes', 'figures', 'extras'] as const;
export type Part = (typeof PARTS)[number];

/** `show=all`: every part open. */
export const ALL_PARTS = 'all';

/** Each part's disclosure label: what opening it shows. */
export const PART_SUMMARIES: Readonly<Record<Part, string>> = {
  python: 'Python and TypeScript',
  recording: 'Recorded under real Tk',
  lanes: 'What each thread did',
  figures: 'More figures from your run',
  extras: 'More to try',
};
