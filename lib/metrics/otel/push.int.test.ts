// The OTLP/HTTP push end to end: the real OpenTelemetry SDK and exporter, configured by the standard variables,
// pushing to a local OTLP/HTTP receiver (node:http) that decodes the JSON protocol; the fleet's gauges come from a
// real database, the run instruments from recorded runs.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { loadMetricsPush } from "./index";

type AnyValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean };
type KeyValue = { key: string; value: AnyValue };
type Point = {
  attributes?: KeyValue[];
  asDouble?: number;
  asInt?: number | string;
  count?: number | string;
  sum?: number;
  bucketCounts?: (number | string)[];
  explicitBounds?: number[];
};
type OtlpMetric = {
  name: string;
  unit?: string;
  description?: string;
  gauge?: { dataPoints: Point[] };
  sum?: { dataPoints: Point[]; isMonotonic?: boolean };
  histogram?: { dataPoints: Point[] };
};
type ExportRequest = { resourceMetrics: { resource: { attributes: KeyValue[] }; scopeMetrics: { scope: { name: string }; metrics: OtlpMetric[] }[] }[] };

const received: { path: string; headers: IncomingHttpHeaders; body: ExportRequest }[] = [];
let receiver: Server;
let t: TestDb;
const now = new Date();

const attrs = (p: { attributes?: KeyValue[] }) =>
  Object.fromEntries(
    (p.attributes ?? []).map((a) => [
      a.key,
      a.value.stringValue ?? (a.value.intValue !== undefined ? Number(a.value.intValue) : (a.value.doubleValue ?? a.value.boolValue)),
    ]),
  );

beforeAll(async () => {
  t = await createTestDb();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as ExportRequest });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const stripe = await t.db.integration.create({
    data: { name: "stripe", kind: "http", config: { url: "https://api.stripe.test/v1/balance" }, intervalSeconds: 60, timeoutMs: 5000 },
  });
  await t.db.circuitState.create({
    data: { integrationId: stripe.id, state: "closed", lastRunOk: true, lastRunAt: now, lastDetails: { rateLimit: { headroom: 0.4 } }, lastDetailsAt: now },
  });
  await t.db.probeRollupMinute.create({
    data: {
      integrationId: stripe.id,
      bucket: new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 120_000),
      count: 10,
      failures: 1,
      latencySumMs: 500,
      latencyMaxMs: 80,
      latencyHist: [],
    },
  });
  await t.db.slo.create({
    data: {
      name: "Stripe availability",
      scope: { kind: "integration", integrationId: stripe.id },
      objectivePct: 80,
      window: "rolling_7d",
      sli: { kind: "availability" },
    },
  });
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await t?.close();
});

describe("OTLP/HTTP metrics push", () => {
  it("is off unless an OTLP endpoint is configured", async () => {
    expect(await loadMetricsPush(t.db, {}, { serviceInstanceId: "w" })).toBeNull();
    expect(
      await loadMetricsPush(t.db, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:1", OTEL_SDK_DISABLED: "true" }, { serviceInstanceId: "w" }),
    ).toBeNull();
  });

  it("pushes the run instruments and the fleet's gauges, named by the semantic conventions, to the configured endpoint", { timeout: 30_000 }, async () => {
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
      OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20otlp-token,x-tenant=acme",
      OTEL_METRIC_EXPORT_INTERVAL: "600000",
    };
    // The exporter reads the endpoint and headers from the process environment, as the specification has it.
    Object.assign(process.env, env);
    const errors: unknown[] = [];
    try {
      const loaded = await loadMetricsPush(t.db, process.env, { serviceInstanceId: "worker-1", onError: (e) => errors.push(e) });
      expect(loaded?.config).toEqual({ intervalMs: 600_000, timeoutMs: 30_000, endpoint: `${base}/v1/metrics` });
      const push = loaded!.push;
      const run = { integration: "stripe", kind: "http", url: "https://api.stripe.test/v1/balance", method: "get" };
      push.probeRun({ ...run, result: { ok: true, latencyMs: 120, httpStatus: 200, errorClass: null } });
      push.probeRun({ ...run, result: { ok: true, latencyMs: 80, httpStatus: 200, errorClass: null } });
      push.probeRun({ ...run, result: { ok: false, latencyMs: 30, httpStatus: 503, errorClass: "http_status" } });
      push.probeRun({
        integration: "db",
        kind: "postgres",
        url: null,
        method: null,
        result: { ok: false, latencyMs: null, httpStatus: null, errorClass: "timeout" },
      });
      // Shutdown pushes what is pending: one export, no waiting on the interval.
      await push.shutdown();
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
    expect(errors).toEqual([]);
    expect(received).toHaveLength(1);
    const [{ path, headers, body }] = received as [(typeof received)[number]];
    expect(path).toBe("/v1/metrics");
    expect(headers["content-type"]).toMatch(/application\/json/);
    expect(headers.authorization).toBe("Bearer otlp-token");
    expect(headers["x-tenant"]).toBe("acme");
    const resource = attrs(body.resourceMetrics[0]!.resource);
    expect(resource).toMatchObject({ "service.name": "tether", "service.instance.id": "worker-1" });
    const metrics = body.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
    const metric = (name: string) => metrics.find((m) => m.name === name);

    const http = metric("http.client.request.duration")!;
    expect(http.unit).toBe("s");
    const ok = http.histogram!.dataPoints.find((p) => attrs(p)["http.response.status_code"] === 200)!;
    expect(attrs(ok)).toEqual({
      "http.request.method": "GET",
      "server.address": "api.stripe.test",
      "server.port": 443,
      "url.scheme": "https",
      "http.response.status_code": 200,
    });
    expect(Number(ok.count)).toBe(2);
    expect(ok.sum).toBeCloseTo(0.2);
    expect(ok.explicitBounds?.slice(0, 3)).toEqual([0.005, 0.01, 0.025]);
    const failed = http.histogram!.dataPoints.find((p) => attrs(p)["http.response.status_code"] === 503)!;
    expect(attrs(failed)["error.type"]).toBe("503");
    expect(http.histogram!.dataPoints).toHaveLength(2);

    const runs = metric("tether.probe.runs")!;
    expect(runs.unit).toBe("{run}");
    expect(runs.sum?.isMonotonic).toBe(true);
    const runPoint = (labels: Record<string, string>) => runs.sum!.dataPoints.find((p) => Object.entries(labels).every(([k, v]) => attrs(p)[k] === v));
    expect(Number(runPoint({ "tether.integration.name": "stripe", "tether.probe.result": "success" })?.asDouble)).toBe(2);
    expect(attrs(runPoint({ "tether.integration.name": "db" })!)).toEqual({
      "tether.integration.name": "db",
      "tether.integration.kind": "postgres",
      "tether.probe.result": "failure",
      "error.type": "timeout",
    });
    const duration = metric("tether.probe.duration")!;
    expect(duration.unit).toBe("s");
    // The run without a latency (it never got that far) counts, but has no duration.
    expect(duration.histogram!.dataPoints.reduce((n, p) => n + Number(p.count), 0)).toBe(3);

    const gauge = (name: string) => metric(name)?.gauge?.dataPoints ?? [];
    expect(gauge("tether.rate_limit.headroom").map((p) => [attrs(p), p.asDouble])).toEqual([[{ "tether.integration.name": "stripe" }, 0.4]]);
    expect(metric("tether.rate_limit.headroom")?.unit).toBe("1");
    expect(gauge("tether.circuit.state").find((p) => attrs(p)["tether.circuit.state"] === "closed")?.asDouble).toBe(1);
    const budget = gauge("tether.slo.error_budget.remaining");
    expect(budget).toHaveLength(1);
    expect(attrs(budget[0]!)["tether.slo.name"]).toBe("Stripe availability");
    expect(budget[0]!.asDouble).toBeCloseTo(0.5);
    const burn = gauge("tether.slo.burn_rate");
    expect(burn.map((p) => attrs(p)["tether.slo.window"]).sort()).toEqual(["1h", "30m", "3d", "5m", "6h"]);
    expect(metric("tether.schedule.lag")?.unit).toBe("s");
  });
});
