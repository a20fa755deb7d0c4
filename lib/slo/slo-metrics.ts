// The SLO figures GET /metrics (and the OTLP push) expose: each SLO's error budget left over its window and its burn
// rate over the windows the burn-rate alert rules use (the SRE Workbook presets: 5m, 30m, 1h, 6h, 3d), computed
// from the same rollups the SLO pages read (sloCounts). An SLO with no events in a window has no sample there.
import type { Db } from "../db/client";
import type { MetricFamily, Sample } from "../metrics/families";
import { BURN_RATE_PRESETS } from "../alerts/rule";
import { burnRateOver, summarize, type SliCounts } from "./budget";
import { sloCovers } from "./slo";
import { integrations, loadSlo, sloCounts, type Loaded } from "./slos";

const windowLabel = (minutes: number) => (minutes % 1_440 === 0 ? `${minutes / 1_440}d` : minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`);

/** Every window a burn-rate preset names, shortest first, with its label: 5m, 30m, 1h, 6h, 3d. */
export const SLO_BURN_WINDOWS: readonly { label: string; minutes: number }[] = [
  ...new Set(Object.values(BURN_RATE_PRESETS).flatMap((pairs) => pairs.flatMap((p) => [p.shortMinutes, p.longMinutes]))),
]
  .sort((a, b) => a - b)
  .map((minutes) => ({ label: windowLabel(minutes), minutes }));

export interface SloMetricInput {
  id: string;
  name: string;
  objectivePct: number;
  range: { from: number; to: number };
  counts: readonly SliCounts[];
}

/** Pure: the two SLO families from each SLO's bucket counts at `now`. */
export function sloMetricFamilies(slos: readonly SloMetricInput[], now: number): MetricFamily[] {
  const remaining: Sample[] = [];
  const burn: Sample[] = [];
  for (const s of slos) {
    // The id beside the name: names are not unique, and a rename should not start a new series in a join.
    const base = { slo: s.name, slo_id: s.id };
    const left = summarize(s.counts, s.objectivePct, { from: s.range.from, to: now + 1 }).budgetRemaining;
    if (left !== null) remaining.push({ labels: base, value: left });
    for (const w of SLO_BURN_WINDOWS) {
      const rate = burnRateOver(s.counts, s.objectivePct, w.minutes, now);
      if (rate !== null) burn.push({ labels: { ...base, window: w.label }, value: rate });
    }
  }
  return [
    {
      name: "tether_slo_error_budget_remaining_ratio",
      type: "gauge",
      help: "Share of the SLO's error budget left over its window: 1 untouched, 0 spent, below 0 overspent (absent with no events).",
      samples: remaining,
    },
    {
      name: "tether_slo_burn_rate",
      type: "gauge",
      help: "How fast the SLO's error budget burns over the window (1 spends it exactly over the SLO window), for the burn-rate rules' windows.",
      samples: burn,
    },
  ];
}

/** The METRIC_COLLECTORS entry: reads every SLO's counts, then maps them. */
export async function collectSloMetrics(db: Db, now: Date): Promise<MetricFamily[]> {
  const [rows, all] = await Promise.all([db.slo.findMany({ orderBy: { name: "asc" } }), integrations(db)]);
  const loaded = rows.map(loadSlo).filter((s): s is Loaded => s !== null);
  const t = now.getTime();
  const inputs = await Promise.all(
    loaded.map(async (slo) => {
      const { range, counts } = await sloCounts(
        db,
        slo,
        all.filter((i) => sloCovers(slo.scope, i)),
        t,
      );
      return { id: slo.id, name: slo.name, objectivePct: slo.objectivePct, range, counts };
    }),
  );
  return sloMetricFamilies(inputs, t);
}
