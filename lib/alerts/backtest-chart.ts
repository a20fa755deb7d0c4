// Pure mappers from a backtest result to what the editor's backtest panel draws (STYLE.md principle 7): the
// headline sentence, one chart row per minute, one shaded area per firing of the charted integration, and the
// integrations that fired, for the chart's integration selector.
import type { BacktestResult } from "./types";

export interface BacktestRow {
  t: number;
  value: number | null;
}

export interface FiringArea {
  x1: number;
  x2: number;
  /** Still firing at the end of the window. */
  open: boolean;
  peak: number | null;
}

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** "This rule would have fired 3 times in the last 7 days", or the note when it cannot be backtested. */
export function backtestHeadline(r: BacktestResult, days: number): string {
  if (!r.supported) return r.note ?? "This rule cannot be backtested.";
  if (r.evaluatedIntegrations === 0) return "No integration is in this rule's scope yet.";
  const span = days === 1 ? "the last day" : `the last ${days} days`;
  if (r.firings.length === 0) return `This rule would not have fired in ${span}.`;
  const integrations = new Set(r.firings.map((f) => f.integrationId)).size;
  return `This rule would have fired ${times(r.firings.length)} in ${span}${integrations > 1 ? ` across ${integrations} integrations` : ""}.`;
}

/** Most points a chart draws; a week of minutes (10,080) is folded into buckets of several minutes. */
export const MAX_CHART_POINTS = 720;

/**
 * One row per minute, or per bucket of minutes when the series is longer than `maxPoints`: a bucket keeps its
 * highest value (what a threshold is compared with, so a short spike stays visible) and null when it had no data.
 */
export function toBacktestRows(r: BacktestResult, maxPoints = MAX_CHART_POINTS): BacktestRow[] {
  // Minutes before the first stored value are left out, so a young integration's few hours fill the chart.
  const first = r.series.findIndex((p) => p.value !== null);
  const series = first < 0 ? [] : r.series.slice(first);
  const per = Math.max(1, Math.ceil(series.length / maxPoints));
  const rows: BacktestRow[] = [];
  for (let i = 0; i < series.length; i += per) {
    let value: number | null = null;
    for (const p of series.slice(i, i + per)) if (p.value !== null && (value === null || p.value > value)) value = p.value;
    rows.push({ t: Date.parse(series[i]!.t), value });
  }
  return rows;
}

/** The charted integration's firings as x ranges, clipped to the window; an open firing runs to its end. */
export function toFiringAreas(r: BacktestResult): FiringArea[] {
  const from = Date.parse(r.from);
  const to = Date.parse(r.to);
  return r.firings
    .filter((f) => f.integrationId === r.seriesIntegrationId)
    .map((f) => ({ x1: Math.max(from, Date.parse(f.start)), x2: f.end === null ? to : Math.min(to, Date.parse(f.end)), open: f.end === null, peak: f.peak }))
    .filter((a) => a.x2 >= a.x1)
    .sort((a, b) => a.x1 - b.x1);
}

/** Integrations with firings, most first, for choosing which one the chart shows. */
export function firingsByIntegration(r: BacktestResult): { integrationId: string; name: string; count: number }[] {
  const by = new Map<string, { integrationId: string; name: string; count: number }>();
  for (const f of r.firings) {
    const e = by.get(f.integrationId) ?? { integrationId: f.integrationId, name: f.integrationName, count: 0 };
    e.count += 1;
    by.set(f.integrationId, e);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The y-axis top: the data and both thresholds fit with a little headroom; a percentage never passes 100. */
export function backtestYMax(r: BacktestResult, rows: BacktestRow[]): number {
  const values = rows.map((x) => x.value ?? 0);
  const top = Math.max(0, ...values, r.threshold ?? 0, r.resolveThreshold ?? 0) * 1.15;
  if (top === 0) return 1;
  return r.unit === "%" ? Math.min(100, Math.ceil(top)) : Math.ceil(top);
}

/** A value in the result's unit: "42%", "1,200 ms", "3 failures". */
export function formatBacktestValue(value: number | null, unit: string): string {
  if (value === null) return "no data";
  const n = Math.round(value * 10) / 10;
  if (unit === "%") return `${n}%`;
  if (unit === "version") return `version ${n}`;
  return `${n.toLocaleString("en")} ${unit}`;
}
