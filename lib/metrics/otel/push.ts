// The OTLP/HTTP push, on the OpenTelemetry SDK: a MeterProvider with a periodic reader and the OTLP/HTTP (JSON)
// exporter, which reads the endpoint and headers from the standard variables. Per run: tether.probe.runs,
// tether.probe.duration and, for HTTP probes, http.client.request.duration. At each export: the fleet's gauges,
// collected from PostgreSQL by the same code as GET /metrics (so every pushing worker reports the whole fleet;
// service.instance.id tells them apart).
import type { Attributes, BatchObservableResult, Observable } from "@opentelemetry/api";
import type { MetricFamily } from "../families";
import type { OtelPushConfig } from "./config";
import { FLEET_GAUGES, fleetGaugePoints, HTTP_DURATION_BOUNDARIES, httpClientAttributes, probeRunAttributes } from "./instruments";
import type { MetricsPush, ProbeRunSample } from "./types";

export interface OtelPushDeps {
  config: OtelPushConfig;
  /** The fleet's figures now (collectMetricFamilies); a failure skips the gauges of that export. */
  collect: () => Promise<MetricFamily[]>;
  serviceInstanceId: string;
  serviceVersion?: string;
  onError?: (err: unknown) => void;
}

export async function createOtelPush(deps: OtelPushDeps): Promise<MetricsPush> {
  // Imported here, not at the top: the worker's bundle (packages external) would hoist static imports of these
  // packages to its start and load the SDK on every worker, configured or not.
  const [{ OTLPMetricExporter }, { resourceFromAttributes }, { MeterProvider, PeriodicExportingMetricReader }] = await Promise.all([
    import("@opentelemetry/exporter-metrics-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/sdk-metrics"),
  ]);
  const exporter = new OTLPMetricExporter({ timeoutMillis: deps.config.timeoutMs });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      "service.name": process.env.OTEL_SERVICE_NAME?.trim() || "tether",
      "service.instance.id": deps.serviceInstanceId,
      ...(deps.serviceVersion ? { "service.version": deps.serviceVersion } : {}),
    }),
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: deps.config.intervalMs, exportTimeoutMillis: deps.config.timeoutMs })],
  });
  const meter = provider.getMeter("tether");
  const httpDuration = meter.createHistogram("http.client.request.duration", {
    unit: "s",
    description: "Duration of HTTP client requests (Tether's HTTP probes).",
    advice: { explicitBucketBoundaries: HTTP_DURATION_BOUNDARIES },
  });
  const probeDuration = meter.createHistogram("tether.probe.duration", {
    unit: "s",
    description: "Probe run latency.",
    advice: { explicitBucketBoundaries: HTTP_DURATION_BOUNDARIES },
  });
  const runs = meter.createCounter("tether.probe.runs", { unit: "{run}", description: "Probe runs, by result and error type." });
  const gauges = new Map<string, Observable<Attributes>>(
    FLEET_GAUGES.map((g) => [g.name, meter.createObservableGauge(g.name, { unit: g.unit, description: g.description })]),
  );
  meter.addBatchObservableCallback(
    async (result: BatchObservableResult) => {
      const families = await deps.collect().catch((err: unknown) => {
        deps.onError?.(err);
        return null;
      });
      if (!families) return;
      for (const [name, points] of fleetGaugePoints(families)) {
        const gauge = gauges.get(name)!;
        for (const p of points) result.observe(gauge, p.value, p.attributes);
      }
    },
    [...gauges.values()],
  );

  return {
    probeRun(run: ProbeRunSample) {
      const attributes = probeRunAttributes(run);
      runs.add(1, attributes);
      if (run.result.latencyMs === null) return;
      probeDuration.record(run.result.latencyMs / 1000, attributes);
      const http = httpClientAttributes(run);
      if (http) httpDuration.record(run.result.latencyMs / 1000, http);
    },
    async shutdown() {
      await provider.shutdown().catch((err: unknown) => deps.onError?.(err));
    },
  };
}
