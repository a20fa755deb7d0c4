// When the OTLP push is on, from the standard OpenTelemetry variables: an OTLP endpoint (general or metrics-only)
// turns it on; OTEL_SDK_DISABLED=true turns it off. The endpoint and headers themselves are read by the exporter,
// which follows the specification (the general endpoint gets /v1/metrics appended, the metrics one is used as is).
export interface OtelPushConfig {
  /** OTEL_METRIC_EXPORT_INTERVAL: how often a push is made (ms), 60 s by default. */
  intervalMs: number;
  /** OTEL_METRIC_EXPORT_TIMEOUT: how long one push may take (ms), 30 s by default and never above the interval. */
  timeoutMs: number;
  /** Where the pushes go, for the log (never the headers: they carry credentials). */
  endpoint: string;
}

type Env = Record<string, string | undefined>;

const positiveInt = (v: string | undefined, fallback: number): number => {
  const n = Number(v?.trim());
  return v?.trim() && Number.isInteger(n) && n > 0 ? n : fallback;
};

export function otelPushConfig(env: Env): OtelPushConfig | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return null;
  const metrics = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim();
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!metrics && !general) return null;
  const intervalMs = positiveInt(env.OTEL_METRIC_EXPORT_INTERVAL, 60_000);
  return {
    intervalMs,
    timeoutMs: Math.min(positiveInt(env.OTEL_METRIC_EXPORT_TIMEOUT, 30_000), intervalMs),
    endpoint: metrics || `${general!.replace(/\/+$/, "")}/v1/metrics`,
  };
}
