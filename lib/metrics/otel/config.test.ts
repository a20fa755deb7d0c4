import { describe, expect, it } from "vitest";
import { otelPushConfig } from "./config";

describe("otelPushConfig", () => {
  it("is on with either standard endpoint variable, the metrics one winning as is", () => {
    expect(otelPushConfig({})).toBeNull();
    expect(otelPushConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " })).toBeNull();
    expect(otelPushConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).toEqual({
      intervalMs: 60_000,
      timeoutMs: 30_000,
      endpoint: "http://collector:4318/v1/metrics",
    });
    expect(otelPushConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "http://b/otlp" })?.endpoint).toBe(
      "http://b/otlp",
    );
    expect(otelPushConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_SDK_DISABLED: "TRUE" })).toBeNull();
  });

  it("reads the export interval in ms; a timeout never above it; nonsense falls back to the defaults", () => {
    const base = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318" };
    expect(otelPushConfig({ ...base, OTEL_METRIC_EXPORT_INTERVAL: "15000" })).toMatchObject({ intervalMs: 15_000, timeoutMs: 15_000 });
    expect(otelPushConfig({ ...base, OTEL_METRIC_EXPORT_INTERVAL: "-5" })?.intervalMs).toBe(60_000);
    expect(otelPushConfig({ ...base, OTEL_METRIC_EXPORT_INTERVAL: "soon" })?.intervalMs).toBe(60_000);
  });
});
