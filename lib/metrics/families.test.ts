import { describe, expect, it } from "vitest";
import { histogramOf, toSparse } from "../domain/latency-histogram";
import { emptyDayStats } from "../db/rollups";
import type { IntegrationMetricRow, MetricsSnapshot } from "../db/metrics";
import { STALE_AFTER_MS } from "../workers/heartbeat";
import { metricFamilies, WORKER_STALE_AFTER_MS, type MetricFamily } from "./families";

const now = new Date("2026-12-02T12:00:00Z");
const integration = (over: Partial<IntegrationMetricRow>): IntegrationMetricRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "stripe",
  kind: "http",
  enabled: true,
  circuit: "closed",
  consecutiveFailures: 0,
  lastRunOk: true,
  rateLimitHeadroom: null,
  tlsValidTo: null,
  credentialExpiresAt: null,
  nextRunAt: now,
  ...over,
});
const snapshot = (over: Partial<MetricsSnapshot>): MetricsSnapshot => ({
  integrations: [],
  runTotals: [],
  errorClasses: [],
  day: new Map(),
  webhooks: [],
  sources: [],
  incidentsOpen: [],
  workers: [],
  ...over,
});
const value = (families: MetricFamily[], name: string, labels: Record<string, string>, metricName = name) =>
  families
    .find((f) => f.name === name)
    ?.samples.find((s) => (s.metricName ?? name) === metricName && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe("metricFamilies", () => {
  it("maps today's rollup totals to a success/failure counter and a cumulative histogram in seconds", () => {
    const { idx, cnt } = toSparse(histogramOf([3, 40, 40, 2000]));
    const f = metricFamilies(
      snapshot({
        integrations: [integration({})],
        runTotals: [{ integrationId: "00000000-0000-4000-8000-000000000001", count: 5, failures: 1, latencySumMs: 2083, histIdx: idx, histCnt: cnt }],
      }),
      now,
    );
    expect(value(f, "tether_probe_runs_total", { integration: "stripe", result: "success", error_class: "none" })).toBe(4);
    expect(value(f, "tether_probe_runs_total", { integration: "stripe", result: "failure", error_class: "unknown" })).toBe(1);
    expect(value(f, "tether_probe_duration_seconds", { le: "0.00477" }, "tether_probe_duration_seconds_bucket")).toBe(1);
    expect(value(f, "tether_probe_duration_seconds", { le: "0.05551" }, "tether_probe_duration_seconds_bucket")).toBe(3);
    expect(value(f, "tether_probe_duration_seconds", { le: "+Inf" }, "tether_probe_duration_seconds_bucket")).toBe(4);
    expect(value(f, "tether_probe_duration_seconds", {}, "tether_probe_duration_seconds_sum")).toBeCloseTo(2.083);
    expect(value(f, "tether_probe_duration_seconds", {}, "tether_probe_duration_seconds_count")).toBe(4);
    const buckets = f.find((x) => x.name === "tether_probe_duration_seconds")!.samples.filter((s) => s.metricName?.endsWith("_bucket"));
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
  });

  it("splits failures by error class, the unclassified rest (older rollups) as unknown", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    const f = metricFamilies(
      snapshot({
        integrations: [integration({})],
        runTotals: [{ integrationId: id, count: 10, failures: 4, latencySumMs: 0, histIdx: [], histCnt: [] }],
        errorClasses: [
          { integrationId: id, errorClass: "timeout", failures: 2 },
          { integrationId: id, errorClass: "http_status", failures: 1 },
        ],
      }),
      now,
    );
    const failures = f.find((x) => x.name === "tether_probe_runs_total")!.samples.filter((s) => s.labels.result === "failure");
    expect(Object.fromEntries(failures.map((s) => [s.labels.error_class, s.value]))).toEqual({ timeout: 2, http_status: 1, unknown: 1 });
  });

  it("uses the domain's health verdict: 0 down, 1 degraded, 2 healthy; paused and never-run are absent", () => {
    const day = emptyDayStats();
    day.runs = 100;
    day.failures = 10;
    const f = metricFamilies(
      snapshot({
        integrations: [
          integration({ id: "a", name: "ok" }),
          integration({ id: "b", name: "flaky" }),
          integration({ id: "c", name: "broken", lastRunOk: false, consecutiveFailures: 3, circuit: "open" }),
          integration({ id: "d", name: "paused", enabled: false }),
          integration({ id: "e", name: "new", lastRunOk: null }),
        ],
        day: new Map([["b", day]]),
      }),
      now,
    );
    expect(value(f, "tether_integration_health", { integration: "ok" })).toBe(2);
    expect(value(f, "tether_integration_health", { integration: "flaky" })).toBe(1);
    expect(value(f, "tether_integration_health", { integration: "broken" })).toBe(0);
    expect(value(f, "tether_integration_health", { integration: "paused" })).toBeUndefined();
    expect(value(f, "tether_integration_health", { integration: "new" })).toBeUndefined();
    expect(value(f, "tether_integration_up", { integration: "flaky" })).toBe(1);
    expect(value(f, "tether_integration_up", { integration: "broken" })).toBe(0);
    expect(value(f, "tether_circuit_state", { integration: "broken", state: "open" })).toBe(1);
    expect(value(f, "tether_circuit_state", { integration: "broken", state: "closed" })).toBe(0);
  });

  it("reads headroom, certificate and credential expiry as ratio and Unix seconds; webhooks, incidents, workers and lag", () => {
    const f = metricFamilies(
      snapshot({
        integrations: [
          integration({
            rateLimitHeadroom: 0.25,
            tlsValidTo: new Date("2027-01-01T00:00:00Z"),
            credentialExpiresAt: new Date("2026-12-03T00:00:00Z"),
            nextRunAt: new Date(now.getTime() - 90_000),
          }),
        ],
        sources: [{ slug: "stripe-in" }, { slug: "quiet" }],
        webhooks: [
          { source: "stripe-in", status: "processed", events: 7, lastReceivedAt: new Date(now.getTime() - 30_000) },
          { source: "stripe-in", status: "rejected_signature", events: 2, lastReceivedAt: new Date(now.getTime() - 60_000) },
        ],
        incidentsOpen: [{ severity: "critical", count: 2 }],
        workers: [
          { id: "w1", lastSeenAt: new Date(now.getTime() - 1_000), stoppedAt: null },
          { id: "w2", lastSeenAt: new Date(now.getTime() - 60_000), stoppedAt: null },
          { id: "w3", lastSeenAt: now, stoppedAt: now },
        ],
      }),
      now,
    );
    expect(value(f, "tether_rate_limit_headroom_ratio", { integration: "stripe" })).toBe(0.25);
    expect(value(f, "tether_tls_certificate_expiry_seconds", {})).toBe(Date.parse("2027-01-01T00:00:00Z") / 1000);
    expect(value(f, "tether_credential_expiry_seconds", {})).toBe(Date.parse("2026-12-03T00:00:00Z") / 1000);
    expect(value(f, "tether_webhook_events_total", { source: "stripe-in", status: "accepted" })).toBe(7);
    expect(value(f, "tether_webhook_events_total", { source: "stripe-in", status: "rejected_signature" })).toBe(2);
    expect(value(f, "tether_webhook_events", { source: "quiet", status: "processed" })).toBe(0);
    expect(value(f, "tether_webhook_last_event_age_seconds", { source: "stripe-in" })).toBe(30);
    expect(value(f, "tether_webhook_last_event_age_seconds", { source: "quiet" })).toBeUndefined();
    expect(value(f, "tether_incidents_open", { severity: "critical" })).toBe(2);
    expect(value(f, "tether_incidents_open", { severity: "info" })).toBe(0);
    expect(value(f, "tether_worker_up", { worker: "w1" })).toBe(1);
    expect(value(f, "tether_worker_up", { worker: "w2" })).toBe(0);
    expect(value(f, "tether_worker_up", { worker: "w3" })).toBeUndefined();
    expect(value(f, "tether_schedule_lag_seconds", {})).toBe(90);
  });

  it("keeps the worker staleness in step with the heartbeat module", () => {
    expect(WORKER_STALE_AFTER_MS).toBe(STALE_AFTER_MS);
  });
});
