// A component's badge figures from its members' hour figures: uptime over 24 h, 7 d and 30 d (failed runs over
// runs, all members pooled) and p95 latency over 24 h from the merged latency histograms. Pure.
import { emptyHistogram, fromSparse, histogramQuantile } from "../../domain/latency-histogram";
import type { ComponentStatus } from "../component-status";
import type { BadgeFigures } from "./badge-svg";
import type { HourRow, WindowSums } from "../../db/status-badge-rollups";

export type { HourRow, WindowSums };

const HOUR_MS = 3_600_000;

const ratio = (runs: number, failures: number) => (runs === 0 ? null : (runs - failures) / runs);

/** `hours` are the last 24 h's rows (for p95); `sums` the members' window totals. */
export function badgeFigures(
  status: ComponentStatus,
  members: ReadonlySet<string>,
  sums: readonly WindowSums[],
  hours: readonly HourRow[],
  now: number,
): BadgeFigures {
  const t = { r1: 0, f1: 0, r7: 0, f7: 0, r30: 0, f30: 0 };
  for (const s of sums) {
    if (!members.has(s.integrationId)) continue;
    t.r1 += s.runs24h;
    t.f1 += s.failures24h;
    t.r7 += s.runs7d;
    t.f7 += s.failures7d;
    t.r30 += s.runs30d;
    t.f30 += s.failures30d;
  }
  const hist = emptyHistogram();
  let max = 0;
  for (const h of hours) {
    if (!members.has(h.integrationId) || now - h.bucket.getTime() > 24 * HOUR_MS) continue;
    fromSparse(h.histIdx, h.histCnt, hist);
    max = Math.max(max, h.latencyMaxMs);
  }
  return { status, uptime24h: ratio(t.r1, t.f1), uptime7d: ratio(t.r7, t.f7), uptime30d: ratio(t.r30, t.f30), p95Ms: histogramQuantile(hist, 0.95, max || 1) };
}
