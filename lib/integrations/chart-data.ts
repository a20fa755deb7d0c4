// Pure mappers from API series to chart rows (STYLE.md principle 7): every bucket in the window gets a row,
// empty ones with nulls so the chart shows a gap instead of interpolating through missing data.
import { histogramQuantile } from "../domain/latency-histogram";
import type { Series } from "./types";

export interface LatencyRow {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface ErrorRateRow {
  t: number;
  /** Percentage 0-100, null without runs. */
  errorRate: number | null;
  runs: number;
  failures: number;
}

function eachStep(series: Series): number[] {
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const step = series.stepSeconds * 1000;
  const out: number[] = [];
  for (let t = from; t < to; t += step) out.push(t);
  return out;
}

export function toLatencyRows(series: Series): LatencyRow[] {
  const byT = new Map(series.points.map((p) => [Date.parse(p.t), p]));
  return eachStep(series).map((t) => {
    const p = byT.get(t);
    if (!p || p.hist.every((n) => n === 0)) return { t, p50: null, p95: null, p99: null };
    return { t, p50: histogramQuantile(p.hist, 0.5, p.maxMs), p95: histogramQuantile(p.hist, 0.95, p.maxMs), p99: histogramQuantile(p.hist, 0.99, p.maxMs) };
  });
}

export function toErrorRateRows(series: Series): ErrorRateRow[] {
  const byT = new Map(series.points.map((p) => [Date.parse(p.t), p]));
  return eachStep(series).map((t) => {
    const p = byT.get(t);
    if (!p || p.runs === 0) return { t, errorRate: null, runs: 0, failures: 0 };
    return { t, errorRate: Math.round((p.failures / p.runs) * 1000) / 10, runs: p.runs, failures: p.failures };
  });
}
