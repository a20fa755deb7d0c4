// Fixed log-scale latency histogram. Every rollup stores counts per bucket, so rollups of any window merge
// exactly by adding arrays; percentiles read from a merged histogram are accurate to one bucket (~12%).

const FIRST_UPPER_MS = 1;
const GROWTH = 1.25;
/** Bucket i holds latencies in (upper[i-1], upper[i]]; the last bucket is open-ended. */
export const BUCKET_UPPER_BOUNDS_MS: readonly number[] = Array.from({ length: 64 }, (_, i) =>
  i === 63 ? Number.POSITIVE_INFINITY : Math.round(FIRST_UPPER_MS * GROWTH ** i * 100) / 100,
);
export const BUCKET_COUNT = BUCKET_UPPER_BOUNDS_MS.length;

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

export function bucketIndex(latencyMs: number): number {
  let lo = 0;
  let hi = BUCKET_COUNT - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (latencyMs <= BUCKET_UPPER_BOUNDS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function histogramOf(latencies: readonly number[]): Histogram {
  const hist = emptyHistogram();
  for (const latency of latencies) hist[bucketIndex(latency)]! += 1;
  return hist;
}

/** Adds `other` into `into` (arrays of different length are tolerated: missing buckets count as zero). */
export function mergeInto(into: Histogram, other: readonly number[]): Histogram {
  for (let i = 0; i < BUCKET_COUNT; i++) into[i]! += other[i] ?? 0;
  return into;
}

/**
 * The q-quantile (0..1) of a histogram: the upper bound of the bucket holding the nearest-rank sample,
 * clamped to `maxMs` so an open-ended top bucket still reports a real number. Null when empty.
 */
export function histogramQuantile(hist: readonly number[], q: number, maxMs: number): number | null {
  const total = hist.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= rank) return Math.min(BUCKET_UPPER_BOUNDS_MS[i] ?? maxMs, maxMs);
  }
  return maxMs;
}

/** Sparse form for long-kept rollups: the indexes of non-empty buckets and their counts. */
export function toSparse(hist: readonly number[]): { idx: number[]; cnt: number[] } {
  const idx: number[] = [];
  const cnt: number[] = [];
  hist.forEach((n, i) => {
    if (n > 0) {
      idx.push(i);
      cnt.push(n);
    }
  });
  return { idx, cnt };
}

export function fromSparse(idx: readonly number[], cnt: readonly number[], into: Histogram = emptyHistogram()): Histogram {
  idx.forEach((i, k) => {
    if (i >= 0 && i < BUCKET_COUNT) into[i]! += cnt[k] ?? 0;
  });
  return into;
}
