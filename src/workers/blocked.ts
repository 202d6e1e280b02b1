import { WORKER_POLICY } from './start';

/**
 * One line for a panel whose worker could not start, from what `new Worker` threw: what `needs`
 * the worker and what the site serving the page must allow. Lives apart from start.ts so that the first
 * load does not carry the sentence (only the lazily loaded panels and workers show it).
 */
export function workersBlocked(
  error: unknown,
  needs = "this panel runs its tasks in Web Workers (the browser's threads)",
): string {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    `Not run: ${needs}, and the browser refused to start one here (${why}). ` +
    `The site serving this page must allow workers: in a sandboxed frame ` +
    `allow-same-origin beside allow-scripts, under Trusted Types the ${WORKER_POLICY} policy, ` +
    `and worker-src 'self' in its Content-Security-Policy. The Blocking panel needs none.`
  );
}
