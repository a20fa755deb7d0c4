// Pure: what the OTLP push reports, named per the OpenTelemetry semantic conventions where they exist
// (http.client.request.duration for HTTP probes; error.type, server.address, http.response.status_code) and under
// tether.* otherwise. The fleet's gauges are the /metrics families, renamed (Prometheus snake_case to OTel dotted
// names, base units in `unit`); counters and histograms are recorded per run by each worker instead, because
// OTel's cumulative instruments are observed as they happen, not read back from daily rollups.
import type { Attributes } from "@opentelemetry/api";
import type { MetricFamily } from "../families";
import type { ProbeRunSample } from "./types";

export interface GaugeSpec {
  /** The /metrics family it mirrors. */
  family: string;
  name: string;
  unit: string;
  description: string;
}

export const FLEET_GAUGES: readonly GaugeSpec[] = [
  {
    family: "tether_integration_up",
    name: "tether.integration.up",
    unit: "1",
    description: "1 when the integration's latest run passed and its circuit is not open.",
  },
  { family: "tether_integration_health", name: "tether.integration.health", unit: "1", description: "Health verdict: 0 down, 1 degraded, 2 healthy." },
  { family: "tether_circuit_state", name: "tether.circuit.state", unit: "1", description: "Circuit breaker state: 1 for the current state, 0 for the others." },
  {
    family: "tether_rate_limit_headroom_ratio",
    name: "tether.rate_limit.headroom",
    unit: "1",
    description: "Share of the provider's rate limit left at the latest run.",
  },
  {
    family: "tether_tls_certificate_expiry_seconds",
    name: "tether.tls.certificate.expiry",
    unit: "s",
    description: "Unix time the certificate seen by the latest TLS run expires.",
  },
  {
    family: "tether_credential_expiry_seconds",
    name: "tether.credential.expiry",
    unit: "s",
    description: "Unix time the credential seen by the latest run expires.",
  },
  { family: "tether_webhook_events", name: "tether.webhook.events", unit: "{event}", description: "Webhook events kept, by their current processing status." },
  {
    family: "tether_webhook_last_event_age_seconds",
    name: "tether.webhook.last_event.age",
    unit: "s",
    description: "Seconds since the source's latest webhook event arrived.",
  },
  { family: "tether_incidents_open", name: "tether.incidents.open", unit: "{incident}", description: "Incidents not yet resolved, by severity." },
  {
    family: "tether_worker_up",
    name: "tether.worker.up",
    unit: "1",
    description: "Workers seen in the last day and not stopped: 1 while heartbeating, 0 once lost.",
  },
  {
    family: "tether_schedule_lag_seconds",
    name: "tether.schedule.lag",
    unit: "s",
    description: "How far the most overdue enabled integration's next run is behind its slot.",
  },
  {
    family: "tether_slo_error_budget_remaining_ratio",
    name: "tether.slo.error_budget.remaining",
    unit: "1",
    description: "Share of the SLO's error budget left over its window.",
  },
  { family: "tether_slo_burn_rate", name: "tether.slo.burn_rate", unit: "1", description: "How fast the SLO's error budget burns over the window." },
];

/** Prometheus label -> OTel attribute. */
export const ATTRIBUTE_OF: Readonly<Record<string, string>> = {
  integration: "tether.integration.name",
  kind: "tether.integration.kind",
  state: "tether.circuit.state",
  source: "tether.webhook.source",
  status: "tether.webhook.status",
  severity: "tether.incident.severity",
  worker: "tether.worker.id",
  slo: "tether.slo.name",
  slo_id: "tether.slo.id",
  window: "tether.slo.window",
};

export interface GaugePoint {
  attributes: Attributes;
  value: number;
}

/** The fleet gauges' points from the families of one scrape, keyed by instrument name. */
export function fleetGaugePoints(families: readonly MetricFamily[]): Map<string, GaugePoint[]> {
  const byFamily = new Map(families.map((f) => [f.name, f]));
  const out = new Map<string, GaugePoint[]>();
  for (const g of FLEET_GAUGES) {
    const samples = byFamily.get(g.family)?.samples ?? [];
    out.set(
      g.name,
      samples.map((s) => ({
        attributes: Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [ATTRIBUTE_OF[k] ?? `tether.${k}`, v])),
        value: s.value,
      })),
    );
  }
  return out;
}

/** The semantic conventions' advised boundaries for http.client.request.duration (seconds). */
export const HTTP_DURATION_BOUNDARIES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

const DEFAULT_PORT: Record<string, number> = { "http:": 80, "https:": 443 };

/** http.client.request.duration's attributes for an HTTP probe's run; null when the run made no request. */
export function httpClientAttributes(run: ProbeRunSample): Attributes | null {
  if (!run.url || run.result.latencyMs === null) return null;
  let url: URL;
  try {
    url = new URL(run.url);
  } catch {
    return null;
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORT[url.protocol];
  const attributes: Attributes = {
    "http.request.method": (run.method ?? "GET").toUpperCase(),
    "server.address": url.hostname.replace(/^\[|\]$/g, ""),
    "url.scheme": url.protocol.replace(/:$/, ""),
  };
  if (port !== undefined) attributes["server.port"] = port;
  if (run.result.httpStatus !== null) attributes["http.response.status_code"] = run.result.httpStatus;
  // error.type: the status code when a status failed the run (as the conventions ask), our error class otherwise.
  if (!run.result.ok)
    attributes["error.type"] =
      run.result.errorClass === "http_status" && run.result.httpStatus !== null ? String(run.result.httpStatus) : (run.result.errorClass ?? "_OTHER");
  return attributes;
}

/** tether.probe.runs and tether.probe.duration attributes, every kind. */
export function probeRunAttributes(run: ProbeRunSample): Attributes {
  const attributes: Attributes = {
    "tether.integration.name": run.integration,
    "tether.integration.kind": run.kind,
    "tether.probe.result": run.result.ok ? "success" : "failure",
  };
  if (!run.result.ok) attributes["error.type"] = run.result.errorClass ?? "_OTHER";
  return attributes;
}
