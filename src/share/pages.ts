/**
 * The folder, beside index.html, whose index.html is the embedded page (embed.html, moved down one
 * level). Embed snippets point at it with their settings in the query: `panel/?panel=queue&embed=1`.
 * A folder's address keeps its query on servers that clean URLs (`serve` answers `embed.html?…`
 * with a redirect to `embed` and drops everything after `?`); a file's address does not.
 * vite.config.ts writes the folder.
 */
export const EMBED_FOLDER = 'panel';
