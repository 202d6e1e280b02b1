/**
 * The sources the code views show, each loaded on demand as its own small chunk, so the code text
 * does not weigh on the page's first load. Python and TypeScript are the real files: the Python the
 * Tk recordings run and the TypeScript this page runs.
 */
export const SOURCES = {
  'python:blocking': () => import('../../python/strategies/blocking.py?raw'),
  'typescript:blocking': () => import('../strategies/blocking.ts?raw'),
  'python:queue': () => import('../../python/strategies/queue_polling.py?raw'),
  'typescript:queue': () => import('../strategies/queue-polling.ts?raw'),
  'python:dedicated': () => import('../../python/strategies/dedicated_loop.py?raw'),
  'typescript:dedicated': () => import('../strategies/dedicated-loop.ts?raw'),
  'python:mistake-asyncio-queue': () =>
    import('../../python/mistakes/asyncio_queue_from_thread.py?raw'),
  'python:mistake-before-mainloop': () =>
    import('../../python/mistakes/task_before_mainloop.py?raw'),
  'python:mistake-never-stopped': () => import('../../python/mistakes/loop_never_stopped.py?raw'),
  'python:mistake-wait-on-future': () =>
    import('../../python/mistakes/wait_on_future_in_callback.py?raw'),
} satisfies Record<string, () => Promise<{ default: string }>>;

export type SourceName = keyof typeof SOURCES;

export async function loadSource(name: SourceName): Promise<string> {
  return (await SOURCES[name]()).default;
}
