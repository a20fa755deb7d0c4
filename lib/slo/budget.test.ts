import { describe, expect, it } from "vitest";
import { BUCKET_UPPER_BOUNDS_MS } from "../domain/latency-histogram";
import { budgetRemaining, budgetSeries, burnRate, burnRateOver, fastBucketLimit, goodOf, sliCounts, sloStatus, summarize, windowRange } from "./budget";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 15, 12, 30);

describe("windowRange", () => {
  it("rolls back whole days from now", () => {
    expect(windowRange("rolling_7d", now)).toEqual({ from: now - 7 * DAY, to: now });
    expect(windowRange("rolling_28d", now).from).toBe(now - 28 * DAY);
    expect(windowRange("rolling_30d", now).from).toBe(now - 30 * DAY);
  });
  it("starts the calendar month at its first UTC midnight", () => {
    expect(windowRange("calendar_month", now)).toEqual({ from: Date.UTC(2026, 10, 1), to: now });
  });
});

describe("good events", () => {
  it("counts successful runs for availability", () => {
    expect(goodOf({ start: 0, count: 10, failures: 3 }, { kind: "availability" })).toBe(7);
  });
  it("counts fast runs for latency, never more than the successful ones", () => {
    const sli = { kind: "latency", thresholdMs: 500 } as const;
    expect(goodOf({ start: 0, count: 10, failures: 1, fast: 6 }, sli)).toBe(6);
    expect(goodOf({ start: 0, count: 10, failures: 5, fast: 9 }, sli)).toBe(5);
    expect(goodOf({ start: 0, count: 10, failures: 0 }, sli)).toBe(0);
  });
  it("takes the last bucket wholly under the bound", () => {
    const limit = fastBucketLimit(500);
    expect(BUCKET_UPPER_BOUNDS_MS[limit]).toBeLessThanOrEqual(500);
    expect(BUCKET_UPPER_BOUNDS_MS[limit + 1]).toBeGreaterThan(500);
    expect(fastBucketLimit(0.5)).toBe(-1);
  });
});

describe("budget and burn", () => {
  it("burns at 1x when the bad share equals the allowance", () => {
    expect(burnRate(999, 1000, 99.9)).toBeCloseTo(1);
    expect(budgetRemaining(999, 1000, 99.9)).toBeCloseTo(0);
  });
  it("leaves the whole budget with no failures, and goes negative when overspent", () => {
    expect(budgetRemaining(1000, 1000, 99)).toBe(1);
    expect(budgetRemaining(9990, 10_000, 99.9)).toBeCloseTo(0);
    expect(budgetRemaining(9_750, 10_000, 99.5)).toBeCloseTo(-4);
    expect(budgetRemaining(9_975, 10_000, 99)).toBeCloseTo(0.75);
  });
  it("is null with no events", () => {
    expect(burnRate(0, 0, 99.9)).toBeNull();
    expect(summarize([], 99.9)).toEqual({ total: 0, good: 0, achievedPct: null, budgetRemaining: null, burnRate: null });
  });
  it("sums only the buckets inside a range", () => {
    const counts = [
      { start: now - 2 * HOUR, total: 100, good: 90 },
      { start: now - 30 * 60_000, total: 100, good: 100 },
    ];
    const s = summarize(counts, 99, { from: now - 3 * HOUR, to: now });
    expect(s).toMatchObject({ total: 200, good: 190, achievedPct: 95 });
    expect(s.burnRate).toBeCloseTo(5);
    // The last hour holds only the clean bucket.
    expect(burnRateOver(counts, 99, 60, now)).toBe(0);
    expect(burnRateOver(counts, 99, 180, now)).toBeCloseTo(5);
  });
});

describe("budgetSeries", () => {
  it("gives one cumulative point a day from the window's start", () => {
    const from = Date.UTC(2026, 10, 1);
    const to = from + 2 * DAY + HOUR;
    const counts = sliCounts(
      [
        { start: from + HOUR, count: 1000, failures: 0 },
        { start: from + DAY + HOUR, count: 1000, failures: 5 },
        { start: from + 2 * DAY, count: 1000, failures: 5 },
        { start: from - HOUR, count: 1000, failures: 1000 }, // before the window: left out
      ],
      { kind: "availability" },
    );
    const points = budgetSeries(counts, 99.5, from, to);
    expect(points.map((p) => p.day)).toEqual([from, from + DAY, from + 2 * DAY]);
    expect(points[0]!.budgetRemaining).toBe(1);
    expect(points[1]!.budgetRemaining).toBeCloseTo(1 - 5 / 2000 / 0.005);
    expect(points[2]!.budgetRemaining).toBeCloseTo(1 - 10 / 3000 / 0.005);
  });
  it("has null points before any event", () => {
    expect(budgetSeries([], 99, 0, DAY).map((p) => p.budgetRemaining)).toEqual([null]);
  });
});

describe("sloStatus", () => {
  it("names the budget's state", () => {
    expect(sloStatus(null)).toBe("no_data");
    expect(sloStatus(0.5)).toBe("healthy");
    expect(sloStatus(0.1)).toBe("at_risk");
    expect(sloStatus(0)).toBe("exhausted");
    expect(sloStatus(-2)).toBe("exhausted");
  });
});
