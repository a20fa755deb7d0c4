// Error-budget arithmetic, pure: the window an SLO is judged over, good events from rollup buckets, the budget
// left, burn rates and the budget-over-time series. Time is a parameter; nothing here reads a clock or a database.
import { BUCKET_UPPER_BOUNDS_MS } from "../domain/latency-histogram";
import type { Sli, SloWindow } from "./slo";

const DAY_MS = 86_400_000;

/** A rollup bucket's counts, as the SLI sees them: `fast` is the runs no slower than the latency bound (latency SLIs). */
export interface RollupCounts {
  start: number;
  count: number;
  failures: number;
  fast?: number | null;
}

export interface SliCounts {
  start: number;
  total: number;
  good: number;
}

/** [from, to) of the window that ends now. The calendar month is the UTC month so far. */
export function windowRange(window: SloWindow, now: number): { from: number; to: number } {
  if (window === "calendar_month") {
    const d = new Date(now);
    return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), to: now };
  }
  const days = window === "rolling_7d" ? 7 : window === "rolling_28d" ? 28 : 30;
  return { from: now - days * DAY_MS, to: now };
}

/**
 * The last histogram bucket wholly at or under the bound: runs counted up to it were certainly that fast, so a latency
 * SLI errs on the strict side by at most one bucket (~25%). -1 when the bound is below the first bucket.
 */
export function fastBucketLimit(thresholdMs: number): number {
  let limit = -1;
  BUCKET_UPPER_BOUNDS_MS.forEach((upper, i) => {
    if (upper <= thresholdMs) limit = i;
  });
  return limit;
}

/**
 * Good events of a bucket. Availability: the successful runs. Latency: the fast runs, never more than the successful
 * ones (a failed run is never good; rollups do not say which fast runs failed, so this is an upper bound).
 */
export function goodOf(b: RollupCounts, sli: Sli): number {
  const ok = Math.max(0, b.count - b.failures);
  return sli.kind === "availability" ? ok : Math.min(ok, Math.max(0, b.fast ?? 0));
}

export const sliCounts = (buckets: readonly RollupCounts[], sli: Sli): SliCounts[] =>
  buckets.map((b) => ({ start: b.start, total: b.count, good: goodOf(b, sli) }));

/** How fast the budget burns: the bad share over the share the objective allows. 1 spends it exactly over the window. */
export function burnRate(good: number, total: number, objectivePct: number): number | null {
  if (total <= 0) return null;
  return (total - good) / total / (1 - objectivePct / 100);
}

/** The share of the error budget left: 1 untouched, 0 spent, below 0 overspent. Null with no events. */
export function budgetRemaining(good: number, total: number, objectivePct: number): number | null {
  const burn = burnRate(good, total, objectivePct);
  return burn === null ? null : 1 - burn;
}

export interface BudgetSummary {
  total: number;
  good: number;
  /** Achieved SLI in percent; null with no events. */
  achievedPct: number | null;
  budgetRemaining: number | null;
  burnRate: number | null;
}

/** Sums the buckets in [from, to) (all of them when no range is given). */
export function summarize(counts: readonly SliCounts[], objectivePct: number, range?: { from: number; to: number }): BudgetSummary {
  let total = 0;
  let good = 0;
  for (const c of counts) {
    if (range && (c.start < range.from || c.start >= range.to)) continue;
    total += c.total;
    good += c.good;
  }
  return {
    total,
    good,
    achievedPct: total > 0 ? (100 * good) / total : null,
    budgetRemaining: budgetRemaining(good, total, objectivePct),
    burnRate: burnRate(good, total, objectivePct),
  };
}

/** Burn rate over the `minutes` before now. */
export function burnRateOver(counts: readonly SliCounts[], objectivePct: number, minutes: number, now: number): number | null {
  return summarize(counts, objectivePct, { from: now - minutes * 60_000, to: now + 1 }).burnRate;
}

export interface BudgetPoint {
  /** The start of the UTC day. */
  day: number;
  /** Budget left at the end of that day (or now, for today), counted from the window's start; null before any event. */
  budgetRemaining: number | null;
}

/** One point a UTC day from the window's start to now: the budget left so far, cumulatively over the window. */
export function budgetSeries(counts: readonly SliCounts[], objectivePct: number, from: number, to: number): BudgetPoint[] {
  const sorted = counts.filter((c) => c.start >= from && c.start < to).sort((a, b) => a.start - b.start);
  const points: BudgetPoint[] = [];
  let total = 0;
  let good = 0;
  let i = 0;
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    for (; i < sorted.length && sorted[i]!.start < day + DAY_MS; i++) {
      total += sorted[i]!.total;
      good += sorted[i]!.good;
    }
    points.push({ day, budgetRemaining: budgetRemaining(good, total, objectivePct) });
  }
  return points;
}

export type SloStatus = "no_data" | "healthy" | "at_risk" | "exhausted";

/** Healthy with more than a quarter of the budget left, at risk above none, exhausted at or below none. */
export function sloStatus(remaining: number | null): SloStatus {
  if (remaining === null) return "no_data";
  if (remaining <= 0) return "exhausted";
  return remaining < 0.25 ? "at_risk" : "healthy";
}
