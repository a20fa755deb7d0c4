import { describe, expect, it } from "vitest";
import { BUCKET_UPPER_BOUNDS_MS, bucketIndex, emptyHistogram, fromSparse, histogramOf, histogramQuantile, mergeInto, toSparse } from "./latency-histogram";
import { percentile, summarize } from "./percentiles";

describe("latency histogram", () => {
  it("puts a latency in the first bucket whose upper bound holds it", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.01)).toBe(1);
    expect(bucketIndex(1e9)).toBe(BUCKET_UPPER_BOUNDS_MS.length - 1);
    for (const ms of [3, 17, 250, 4_999]) {
      const i = bucketIndex(ms);
      expect(ms).toBeLessThanOrEqual(BUCKET_UPPER_BOUNDS_MS[i]!);
      if (i > 0) expect(ms).toBeGreaterThan(BUCKET_UPPER_BOUNDS_MS[i - 1]!);
    }
  });

  it("merges windows exactly: the merged quantile equals the quantile of all samples' histogram", () => {
    const a = [10, 20, 30, 40, 50];
    const b = [500, 600, 700];
    const merged = mergeInto(histogramOf(a), histogramOf(b));
    expect(merged).toEqual(histogramOf([...a, ...b]));
    expect(histogramQuantile(merged, 0.5, 700)).toBe(histogramQuantile(histogramOf([...a, ...b]), 0.5, 700));
  });

  it("reads quantiles within one bucket (25%) of the exact value, clamped to the max", () => {
    const samples = Array.from({ length: 1_000 }, (_, i) => i + 1);
    const hist = histogramOf(samples);
    const exact = percentile(samples, 0.95)!;
    const approx = histogramQuantile(hist, 0.95, 1_000)!;
    expect(approx).toBeGreaterThanOrEqual(exact);
    expect(approx).toBeLessThanOrEqual(exact * 1.25);
    expect(histogramQuantile(histogramOf([5_000_000]), 0.99, 5_000_000)).toBe(5_000_000);
    expect(histogramQuantile(emptyHistogram(), 0.5, 0)).toBeNull();
  });

  it("summarizes exact nearest-rank percentiles", () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ count: 5, sum: 15, max: 5, p50: 3, p95: 5, p99: 5 });
    expect(summarize([])).toMatchObject({ count: 0, p50: null });
  });
});

describe("sparse histograms", () => {
  it("round-trip and merge like dense ones", () => {
    const hist = histogramOf([3, 3, 250, 9_000]);
    const sparse = toSparse(hist);
    expect(sparse.idx).toHaveLength(3);
    expect(sparse.cnt).toEqual([2, 1, 1]);
    expect(fromSparse(sparse.idx, sparse.cnt)).toEqual(hist);
    expect(fromSparse(sparse.idx, sparse.cnt, histogramOf([3]))).toEqual(histogramOf([3, 3, 3, 250, 9_000]));
  });
});
