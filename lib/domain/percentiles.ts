// Exact percentiles of a small sample (one minute of probe runs), by the nearest-rank method.

export function percentile(sortedAscending: readonly number[], q: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sortedAscending.length));
  return sortedAscending[rank - 1]!;
}

export interface LatencySummary {
  count: number;
  sum: number;
  max: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    sum: sorted.reduce((s, n) => s + n, 0),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}
