// Pure mapping from the metrics snapshot (lib/db/metrics.ts) to Prometheus metric families, named by Prometheus'
// rules: base units (seconds, ratios), `_total` counters, `_info` for metadata, and low-cardinality labels.
// The `integration` label is the integration's name: unique in the schema and what people read in Grafana;
// its id is on tether_integration_info for joins that must survive a rename. Time is a parameter.
import { BUCKET_UPPER_BOUNDS_MS, fromSparse } from "../domain/latency-histogram";
import { healthOf, type HealthStatus } from "../domain/health";
import type { MetricsSnapshot } from "../db/metrics";

export type MetricType = "counter" | "gauge" | "histogram";
export type Labels = Record<string, string>;

export interface Sample {
  /** Set for a histogram's `_bucket`, `_sum` and `_count` lines; the family name otherwise. */
  metricName?: string;
  labels: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** Workers not seen for this long are lost (lib/workers/heartbeat.ts STALE_AFTER_MS, kept in step by its test). */
export const WORKER_STALE_AFTER_MS = 30_000;

/**
 * The exposed latency buckets: a subset of our rollups' own log-scale bounds, nearest to the usual 5 ms ... 60 s
 * ladder. Only our own bounds can be exposed exactly (a rollup knows counts per bucket, not the latencies), so
 * `le` reads 0.00477, 0.00931, ... rather than round numbers; 11 buckets (5 ms to 29 s) keep the series per integration few.
 */
export const EXPOSED_BUCKET_INDEXES = [7, 10, 14, 18, 21, 25, 28, 31, 35, 41, 46] as const;
const EXPOSED_LE = EXPOSED_BUCKET_INDEXES.map((idx) => String(Number((BUCKET_UPPER_BOUNDS_MS[idx]! / 1000).toPrecision(6))));

const HEALTH_VALUE: Partial<Record<HealthStatus, number>> = { down: 0, degraded: 1, healthy: 2 };
const CIRCUIT_STATES = ["closed", "open", "half_open"] as const;
const SEVERITIES = ["critical", "warning", "info"] as const;
const WEBHOOK_STATUSES = ["received", "rejected_signature", "processed", "failed", "dead_lettered"] as const;

const seconds = (ms: number) => ms / 1000;
const BUCKET = "tether_probe_duration_seconds_bucket";
const SUM = "tether_probe_duration_seconds_sum";
const COUNT = "tether_probe_duration_seconds_count";
const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function metricFamilies(s: MetricsSnapshot, now: Date): MetricFamily[] {
  const family = (name: string, type: MetricType, help: string, samples: Sample[] = []): MetricFamily => ({ name, type, help, samples });
  const info = family("tether_integration_info", "gauge", "Integrations Tether monitors (always 1), for joins on id and kind.");
  const runs = family(
    "tether_probe_runs_total",
    "counter",
    "Probe runs since 00:00 UTC today (the counter resets daily), by result and error class (none for successes).",
  );
  const duration = family("tether_probe_duration_seconds", "histogram", "Probe run latency since 00:00 UTC today, from the hour rollups' histograms.");
  const up = family("tether_integration_up", "gauge", "1 when the integration's latest run passed and its circuit is not open; 0 otherwise.");
  const health = family("tether_integration_health", "gauge", "Health verdict: 0 down, 1 degraded, 2 healthy (paused and never-run integrations are absent).");
  const circuit = family("tether_circuit_state", "gauge", "Circuit breaker state: 1 for the current state, 0 for the others.");
  const headroom = family("tether_rate_limit_headroom_ratio", "gauge", "Share of the provider's rate limit left (remaining / limit) at the latest run.");
  const tls = family("tether_tls_certificate_expiry_seconds", "gauge", "Unix time the certificate seen by the latest TLS run expires.");
  const credential = family("tether_credential_expiry_seconds", "gauge", "Unix time the credential (access token) seen by the latest run expires.");

  const totals = new Map(s.runTotals.map((t) => [t.integrationId, t]));
  const byClass = new Map<string, { errorClass: string; failures: number }[]>();
  for (const c of s.errorClasses) byClass.set(c.integrationId, [...(byClass.get(c.integrationId) ?? []), c]);
  for (const i of s.integrations) {
    // `kind` is on the info metric and on the run counter (the labels); elsewhere a join adds it, as
    // Prometheus advises for metadata, which keeps every other series short.
    const base = { integration: i.name };
    info.samples.push({ labels: { integration: i.name, id: i.id, kind: i.kind }, value: 1 });
    const t = totals.get(i.id);
    runs.samples.push({ labels: { integration: i.name, kind: i.kind, result: "success", error_class: "none" }, value: t ? t.count - t.failures : 0 });
    // Failures recorded before the rollups counted classes have none: they show as "unknown", so the sum stays exact.
    const classes = byClass.get(i.id) ?? [];
    const unclassified = (t?.failures ?? 0) - classes.reduce((n, c) => n + c.failures, 0);
    for (const c of classes)
      runs.samples.push({ labels: { integration: i.name, kind: i.kind, result: "failure", error_class: c.errorClass }, value: c.failures });
    if (unclassified > 0 || classes.length === 0)
      runs.samples.push({ labels: { integration: i.name, kind: i.kind, result: "failure", error_class: "unknown" }, value: Math.max(0, unclassified) });
    const hist = fromSparse(t?.histIdx ?? [], t?.histCnt ?? []);
    let cumulative = 0;
    let next = 0;
    EXPOSED_BUCKET_INDEXES.forEach((idx, k) => {
      for (; next <= idx; next++) cumulative += hist[next]!;
      duration.samples.push({ metricName: BUCKET, labels: { integration: i.name, le: EXPOSED_LE[k]! }, value: cumulative });
    });
    const count = hist.reduce((sum, n) => sum + n, 0);
    duration.samples.push({ metricName: BUCKET, labels: { integration: i.name, le: "+Inf" }, value: count });
    duration.samples.push({ metricName: SUM, labels: base, value: seconds(t?.latencySumMs ?? 0) });
    duration.samples.push({ metricName: COUNT, labels: base, value: count });

    const state = i.circuit ?? "closed";
    for (const c of CIRCUIT_STATES) circuit.samples.push({ labels: { integration: i.name, state: c }, value: Number(c === state) });
    const day = s.day.get(i.id);
    const errorRate = day && day.runs > 0 ? day.failures / day.runs : null;
    const verdict = healthOf({ enabled: i.enabled, circuit: state, lastRunOk: i.lastRunOk, consecutiveFailures: i.consecutiveFailures, errorRate });
    const value = HEALTH_VALUE[verdict];
    if (value !== undefined) {
      health.samples.push({ labels: base, value });
      up.samples.push({ labels: base, value: Number(i.lastRunOk === true && state !== "open") });
    }
    if (i.rateLimitHeadroom !== null) headroom.samples.push({ labels: base, value: i.rateLimitHeadroom });
    if (i.tlsValidTo) tls.samples.push({ labels: base, value: unixSeconds(i.tlsValidTo) });
    if (i.credentialExpiresAt) credential.samples.push({ labels: base, value: unixSeconds(i.credentialExpiresAt) });
  }

  // Webhooks: the verdict at receipt never changes, so it is a counter; the processing status moves on, so a gauge.
  const received = family(
    "tether_webhook_events_total",
    "counter",
    "Webhook events received and kept, by the verdict at receipt (accepted or rejected_signature).",
  );
  const byStatus = family("tether_webhook_events", "gauge", "Webhook events kept, by their current processing status.");
  const age = family("tether_webhook_last_event_age_seconds", "gauge", "Seconds since the source's latest webhook event arrived (absent before the first).");
  for (const { slug } of s.sources) {
    const rows = s.webhooks.filter((w) => w.source === slug);
    const count = (status: string) => rows.find((r) => r.status === status)?.events ?? 0;
    const rejected = count("rejected_signature");
    received.samples.push({ labels: { source: slug, status: "accepted" }, value: rows.reduce((n, r) => n + r.events, 0) - rejected });
    received.samples.push({ labels: { source: slug, status: "rejected_signature" }, value: rejected });
    for (const status of WEBHOOK_STATUSES) byStatus.samples.push({ labels: { source: slug, status }, value: count(status) });
    const last = Math.max(...rows.map((r) => r.lastReceivedAt?.getTime() ?? Number.NEGATIVE_INFINITY));
    if (Number.isFinite(last)) age.samples.push({ labels: { source: slug }, value: Math.max(0, seconds(now.getTime() - last)) });
  }

  const incidents = family(
    "tether_incidents_open",
    "gauge",
    "Incidents not yet resolved (open or acknowledged), by severity.",
    SEVERITIES.map((severity) => ({ labels: { severity }, value: s.incidentsOpen.find((r) => r.severity === severity)?.count ?? 0 })),
  );
  const workers = family(
    "tether_worker_up",
    "gauge",
    "Workers seen in the last day and not stopped: 1 while heartbeating, 0 once lost.",
    s.workers
      .filter((w) => !w.stoppedAt)
      .map((w) => ({ labels: { worker: w.id }, value: Number(now.getTime() - w.lastSeenAt.getTime() <= WORKER_STALE_AFTER_MS) })),
  );
  const due = s.integrations.filter((i) => i.enabled).map((i) => now.getTime() - i.nextRunAt.getTime());
  const lag = family(
    "tether_schedule_lag_seconds",
    "gauge",
    "How far the most overdue enabled integration's next run is behind its slot (0 when none is late).",
    [{ labels: {}, value: Math.max(0, ...due.map(seconds)) }],
  );

  return [info, runs, duration, up, health, circuit, headroom, tls, credential, received, byStatus, age, incidents, workers, lag];
}
