// Renders metric families in the Prometheus text exposition format with prom-client's own formatter (escaping,
// HELP/TYPE lines, number formatting). A fresh Registry per scrape: nothing global, no process metrics leaking in.
import { Registry, type Metric } from "prom-client";
import type { MetricFamily } from "./families";

export const EXPOSITION_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export async function renderExposition(families: readonly MetricFamily[]): Promise<string> {
  const registry = new Registry();
  for (const f of families) {
    // prom-client formats any registered object whose get() returns a family; ours are computed, not observed.
    const values = f.samples.map((s) => ({ labels: s.labels, value: s.value, ...(s.metricName ? { metricName: s.metricName } : {}) }));
    registry.registerMetric({
      name: f.name,
      help: f.help,
      type: f.type,
      get: async () => ({ name: f.name, help: f.help, type: f.type, values, aggregator: "sum" }),
    } as unknown as Metric);
  }
  return registry.metrics();
}
