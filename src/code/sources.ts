/**
 * The sources the code views show, each loaded on demand as its own small chunk, so the code text
 * does not weigh on the page's first load. Python and TypeScript are the real files: the Python the
 * Tk recordings run (and a reader copies or downloads under `file`), and the TypeScript this page
 * runs.
 */
export const SOURCES = {
  'python:blocking': {
    file: 'blocking.py',
    load: () => import('../../python/strategies/blocking.py?raw'),
  },
  'typescript:blocking': {
    file: 'blocking.ts',
    load: () => import('../strategies/blocking.ts?raw'),
  },
  'python:queue': {
    file: 'queue_polling.py',
    load: () => import('../../python/strategies/queue_polling.py?raw'),
  },
  'typescript:queue': {
    file: 'queue-polling.ts',
    load: () => import('../strategies/queue-polling.ts?raw'),
  },
  'python:dedicated': {
    file: 'dedicated_loop.py',
    load: () => import('../../python/strategies/dedicated_loop.py?raw'),
  },
  'typescript:dedicated': {
    file: 'dedicated-loop.ts',
    load: () => import('../strategies/dedicated-loop.ts?raw'),
  },
  'python:one-thread': {
    file: 'one_thread.py',
    load: () => import('../../python/strategies/one_thread.py?raw'),
  },
  'typescript:one-thread': {
    file: 'one-thread.ts',
    load: () => import('../strategies/one-thread.ts?raw'),
  },
  'python:one-thread-guest': {
    file: 'one_thread_guest.py',
    load: () => import('../../python/strategies/one_thread_guest.py?raw'),
  },
  'typescript:one-thread-guest': {
    file: 'one-thread-guest.ts',
    load: () => import('../strategies/one-thread-guest.ts?raw'),
  },
  'python:mistake-asyncio-queue': {
    file: 'asyncio_queue_from_thread.py',
    load: () => import('../../python/mistakes/asyncio_queue_from_thread.py?raw'),
  },
  'python:mistake-before-mainloop': {
    file: 'task_before_mainloop.py',
    load: () => import('../../python/mistakes/task_before_mainloop.py?raw'),
  },
  'python:mistake-never-stopped': {
    file: 'loop_never_stopped.py',
    load: () => import('../../python/mistakes/loop_never_stopped.py?raw'),
  },
  'python:mistake-wait-on-future': {
    file: 'wait_on_future_in_callback.py',
    load: () => import('../../python/mistakes/wait_on_future_in_callback.py?raw'),
  },
  'python:mistake-close-while-running': {
    file: 'close_while_task_runs.py',
    load: () => import('../../python/mistakes/close_while_task_runs.py?raw'),
  },
  'python:fix-close-while-running': {
    file: 'close_while_task_runs_fixed.py',
    load: () => import('../../python/fixes/close_while_task_runs.py?raw'),
  },
  'python:mistake-blocking-call': {
    file: 'blocking_call_in_command.py',
    load: () => import('../../python/mistakes/blocking_call_in_command.py?raw'),
  },
  'python:fix-blocking-call': {
    file: 'blocking_call_in_command_fixed.py',
    load: () => import('../../python/fixes/blocking_call_in_command.py?raw'),
  },
  'python:mistake-loop-per-click': {
    file: 'loop_thread_per_click.py',
    load: () => import('../../python/mistakes/loop_thread_per_click.py?raw'),
  },
  'python:fix-loop-per-click': {
    file: 'loop_thread_per_click_fixed.py',
    load: () => import('../../python/fixes/loop_thread_per_click.py?raw'),
  },
  'python:mistake-client-first-loop': {
    file: 'client_bound_to_first_loop.py',
    load: () => import('../../python/mistakes/client_bound_to_first_loop.py?raw'),
  },
  'python:fix-client-first-loop': {
    file: 'client_bound_to_first_loop_fixed.py',
    load: () => import('../../python/fixes/client_bound_to_first_loop.py?raw'),
  },
  'python:mistake-after-close': {
    file: 'worker_after_close.py',
    load: () => import('../../python/mistakes/worker_after_close.py?raw'),
  },
  'python:fix-after-close': {
    file: 'worker_after_close_fixed.py',
    load: () => import('../../python/fixes/worker_after_close.py?raw'),
  },
  'python:mistake-widget-from-thread': {
    file: 'widget_from_thread.py',
    load: () => import('../../python/mistakes/widget_from_thread.py?raw'),
  },
  'python:fix-widget-from-thread': {
    file: 'widget_from_thread_fixed.py',
    load: () => import('../../python/fixes/widget_from_thread.py?raw'),
  },
  'python:freeze-finder': {
    file: 'freeze_finder.py',
    load: () => import('../../python/tools/freeze_finder.py?raw'),
  },
} satisfies Record<string, { file: string; load: () => Promise<{ default: string }> }>;

export type SourceName = keyof typeof SOURCES;

/** The text of a source, loaded as its own chunk. Rejects when the chunk cannot be fetched. */
export async function loadSource(name: SourceName): Promise<string> {
  return (await SOURCES[name].load()).default;
}

/** The name a reader saves a source under (a fix keeps its mistake's name with `_fixed`). */
export function sourceFile(name: SourceName): string {
  return SOURCES[name].file;
}
