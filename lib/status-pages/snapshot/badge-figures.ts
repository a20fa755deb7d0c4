// A component's badge figures from its members' hour rollups: uptime over 24 h, 7 d and 30 d (failed runs over
// runs, all members pooled) and p95 latency over 24 h from the merged latency histograms. Pure.
import { emptyHistogram, fromSparse, histogramQuantile } from "../../domain/latency-histogram";
import type { ComponentStatus } from "../component-status";
import type { BadgeFigures } from "./badge-svg";

export interface HourRow {
  integrationId: string;
  bucket: Date;
  count: number;
  failures: number;
  latencyMaxMs: number;
  histIdx: number[];
  histCnt: number[];
}

const HOUR_MS = 3_600_000;
export const BADGE_WINDOW_MS = 30 * 24 * HOUR_MS;

export function badgeFigures(status: ComponentStatus, members: ReadonlySet<string>, hours: readonly HourRow[], now: number): BadgeFigures {
  const windows = [24 * HOUR_MS, 7 * 24 * HOUR_MS, BADGE_WINDOW_MS].map(() => ({ runs: 0, failures: 0 }));
  const limits = [24 * HOUR_MS, 7 * 24 * HOUR_MS, BADGE_WINDOW_MS];
  const hist = emptyHistogram();
  let max = 0;
  for (const h of hours) {
    if (!members.has(h.integrationId)) continue;
    const age = now - h.bucket.getTime();
    limits.forEach((limit, k) => {
      if (age <= limit) {
        windows[k]!.runs += h.count;
        windows[k]!.failures += h.failures;
      }
    });
    if (age <= limits[0]!) {
      fromSparse(h.histIdx, h.histCnt, hist);
      max = Math.max(max, h.latencyMaxMs);
    }
  }
  const [d1, d7, d30] = windows.map((w) => (w.runs === 0 ? null : (w.runs - w.failures) / w.runs));
  return { status, uptime24h: d1 ?? null, uptime7d: d7 ?? null, uptime30d: d30 ?? null, p95Ms: histogramQuantile(hist, 0.95, max || 1) };
}
