// The worker end to end with metrics: a real worker runs an HTTP probe against a local target, records it into the
// real OTLP push (to a local OTLP/HTTP receiver), and renders GET /metrics' exposition into PostgreSQL on its tick.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDemoTarget, type DemoTarget } from "../../demo/target-server";
import { Worker } from "../../scheduler/worker";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { loadMetricsPush } from "./index";

let t: TestDb;
let target: DemoTarget;
let receiver: Server;
const bodies: {
  resourceMetrics: {
    scopeMetrics: {
      metrics: { name: string; histogram?: { dataPoints: { attributes: { key: string; value: Record<string, unknown> }[]; count: number | string }[] } }[];
    }[];
  }[];
}[] = [];
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

beforeAll(async () => {
  t = await createTestDb();
  target = await startDemoTarget({ port: 0, random: () => 0 });
  receiver = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      bodies.push(JSON.parse(text));
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await target?.close();
  await t?.close();
});

it("pushes the worker's runs as http.client.request.duration and stores the rendered exposition", { timeout: 60_000 }, async () => {
  await t.db.integration.create({
    data: {
      name: "demo",
      kind: "http",
      config: { method: "GET", url: `${target.url}/healthy`, headers: [], expectedStatus: "2xx" },
      intervalSeconds: 30,
      timeoutMs: 2_000,
      retryAttempts: 0,
      nextRunAt: new Date(Date.now() - 1_000),
    },
  });
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/metrics`;
  process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = endpoint;
  let worker: Worker;
  try {
    const otel = await loadMetricsPush(t.db, process.env, { serviceInstanceId: "W" });
    worker = new Worker({ db: t.db, concurrency: 5, workerId: "W", logger: silent, metricsPush: otel!.push });
  } finally {
    delete process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT;
  }
  // Something scrapes GET /metrics (workers render only then), and no render is fresh.
  await t.db.metricsExposition.upsert({
    where: { id: "prometheus" },
    create: { id: "prometheus", body: new Uint8Array(), renderedAt: new Date(0), renderMs: 0, bytes: 0, scrapedAt: new Date() },
    update: { renderedAt: new Date(0), scrapedAt: new Date() },
  });
  expect(await worker.tick()).toHaveLength(1);
  await worker.drain();
  await expect.poll(async () => (await t.db.metricsExposition.findUnique({ where: { id: "prometheus" } }))?.renderedBy ?? null, { timeout: 20_000 }).toBe("W");
  // stop() shuts the push down, which sends what it holds.
  await worker.stop();
  const metrics = bodies.flatMap((b) => b.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics)));
  const point = metrics.find((m) => m.name === "http.client.request.duration")?.histogram?.dataPoints[0];
  const attributes = Object.fromEntries((point?.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]));
  expect(attributes).toMatchObject({ "server.address": "127.0.0.1", "http.request.method": "GET", "http.response.status_code": 200 });
  expect(Number(point?.count)).toBe(1);
  expect(metrics.some((m) => m.name === "tether.integration.health")).toBe(true);
});
