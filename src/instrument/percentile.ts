/**
 * Nearest-rank percentile: the smallest value with at least fraction `q` (0…1) of the values at or
 * below it. `sorted` must be in ascending order; undefined when it is empty. The Python recorder
 * (python/harness) uses the same definition, so live and recorded figures compare like for like.
 */
export function nearestRank(sorted: ArrayLike<number>, q: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
}
