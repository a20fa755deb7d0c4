// One scrape: read the fleet's figures from PostgreSQL in a few batched queries, map them, add what other
// features contribute, render. Any instance answers for the whole fleet.
import type { Db } from "../db/client";
import { readMetricsSnapshot } from "../db/metrics";
import { metricFamilies, type MetricFamily } from "./families";
import { renderExposition } from "./exposition";
import { collectSloMetrics } from "../slo/slo-metrics";

/** A feature's own metric families, read by its own queries (e.g. SLOs). */
export type MetricCollector = (db: Db, now: Date) => Promise<MetricFamily[]>;

/** Extension point: collectors beyond the core figures, appended to every scrape in this order. */
export const METRIC_COLLECTORS: MetricCollector[] = [collectSloMetrics];

export async function collectMetricFamilies(db: Db, now: Date, collectors: readonly MetricCollector[] = METRIC_COLLECTORS): Promise<MetricFamily[]> {
  const [snapshot, ...extra] = await Promise.all([readMetricsSnapshot(db, now), ...collectors.map((c) => c(db, now))]);
  return [...metricFamilies(snapshot, now), ...extra.flat()];
}

export async function scrapeMetrics(db: Db, now: Date = new Date(), collectors?: readonly MetricCollector[]): Promise<string> {
  return renderExposition(await collectMetricFamilies(db, now, collectors));
}
