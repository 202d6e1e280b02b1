/**
 * The sources the code views show, each loaded on demand as its own small chunk, so the code text
 * does not weigh on the page's first load. Python and TypeScript are the real files: the Python the
 * Tk recordings run and the TypeScript this page runs.
 */
export const SOURCES = {
  'python:blocking': () => import('../../python/strategies/blocking.py?raw'),
  'typescript:blocking': () => import('../strategies/blocking.ts?raw'),
} satisfies Record<string, () => Promise<{ default: string }>>;

export type SourceName = keyof typeof SOURCES;

export async function loadSource(name: SourceName): Promise<string> {
  return (await SOURCES[name]()).default;
}
