/**
 * The sizes of the page's growing-but-bounded collections, for the soak test (`npm run soak`), and
 * the parts still to mount, for the benchmarks; both read them from the browser as
 * `globalThis.__twoLoopsDiagnostics()`. Read-only, numbers
 * only: it exposes nothing that could change the page.
 */
export type Diagnostics = Record<string, number>;

declare global {
  var __twoLoopsDiagnostics: (() => Diagnostics) | undefined;
}

/** Publishes `read` for the soak test; returns the function that withdraws it. */
export function exposeDiagnostics(read: () => Diagnostics): () => void {
  globalThis.__twoLoopsDiagnostics = read;
  return () => {
    if (globalThis.__twoLoopsDiagnostics === read) globalThis.__twoLoopsDiagnostics = undefined;
  };
}
