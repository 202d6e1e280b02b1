/** The longest paste checked, in characters (UTF-16 code units): a long program, not a project. */
export const MAX_CHARS = 100_000;
