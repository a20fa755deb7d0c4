// GET /metrics end to end: seeded runs' rollups, circuits, webhooks, incidents and workers in a real database;
// the exposition parsed by a Prometheus text parser, linted by promtool, and scraped by a real Prometheus server
// (Debian's `prometheus` package) through the route handler with a metrics-scoped token, then queried with PromQL.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { histogramOf, toSparse } from "../domain/latency-histogram";
import { createTestDb, type TestDb } from "../testing/postgres";
import { scrapeMetrics } from "./scrape";
import { exposedText, METRICS_STALE_AFTER_MS, renderIfDue, servedExposition } from "./exposition-cache";

const HOUR_MS = 3_600_000;
const havePromtool = spawnSync("promtool", ["--version"]).status === 0;
const havePrometheus = spawnSync("prometheus", ["--version"]).status === 0;
const MISSING = "promtool/prometheus are missing: install Debian's `prometheus` package (apt-get install -y prometheus), as .ci/run does";

let t: TestDb;
let stripeId: string;
let sloId: string;
const now = new Date();
const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);

beforeAll(async () => {
  t = await createTestDb();
  const make = (name: string, kind: "http" | "tls") =>
    t.db.integration.create({ data: { name, kind, config: {}, intervalSeconds: 60, timeoutMs: 5000, nextRunAt: new Date(now.getTime() + 30_000) } });
  const stripe = await make("stripe", "http");
  const cert = await make("api.example.com cert", "tls");
  stripeId = stripe.id;
  await t.db.circuitState.create({
    data: {
      integrationId: stripe.id,
      state: "closed",
      lastRunOk: true,
      lastRunAt: now,
      lastDetails: {
        rateLimit: { headroom: 0.4, remaining: 40, limit: 100 },
        credential: { source: "token_expiration", expiresAt: "2027-01-01T00:00:00.000Z", daysLeft: 30 },
      },
      lastDetailsAt: now,
    },
  });
  await t.db.circuitState.create({
    data: {
      integrationId: cert.id,
      state: "open",
      lastRunOk: false,
      consecutiveFailures: 5,
      lastRunAt: now,
      lastDetails: { validTo: "2026-12-31T23:59:59.000Z" },
      lastDetailsAt: now,
    },
  });
  const { idx, cnt } = toSparse(histogramOf([12, 12, 80, 80, 80, 3000]));
  await t.db.probeRollupHour.create({
    data: {
      integrationId: stripe.id,
      bucket: hourStart,
      count: 7,
      failures: 1,
      latencySumMs: 3264,
      latencyMaxMs: 3000,
      histIdx: idx,
      histCnt: cnt,
      errorClasses: { timeout: 1 },
    },
  });
  // The SLO pages' recent figures come from minute rollups: 10 runs two minutes ago, 1 failed.
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
  const slo = await t.db.slo.create({
    data: {
      name: "Stripe availability",
      scope: { kind: "integration", integrationId: stripe.id },
      objectivePct: 80,
      window: "rolling_7d",
      sli: { kind: "availability" },
    },
  });
  sloId = slo.id;
  await t.db.incident.create({
    data: {
      ruleName: "down",
      conditionKind: "consecutive_failures",
      integrationId: cert.id,
      severity: "critical",
      startedAt: now,
      summary: "down",
      unit: "runs",
    },
  });
  const source = await t.db.webhookSource.create({ data: { slug: "stripe-in", name: "Stripe", scheme: "stripe", integrationId: stripe.id } });
  const event = (status: "processed" | "rejected_signature", receivedAt: Date) =>
    t.db.webhookEvent.create({
      data: { sourceId: source.id, headers: {}, body: Buffer.from("{}"), verified: status === "processed", verificationDetail: "", status, receivedAt },
    });
  await event("processed", new Date(now.getTime() - 120_000));
  await event("processed", new Date(now.getTime() - 60_000));
  await event("rejected_signature", new Date(now.getTime() - 90_000));
  await t.db.workerHeartbeat.create({
    data: { id: "worker-a", hostname: "h", pid: 1, startedAt: now, lastSeenAt: now, concurrency: 10, inFlight: 0, current: [] },
  });
});

afterAll(async () => {
  await t?.close();
});

const family = (parsed: ParsedFamily[], name: string) => parsed.find((f) => f.name === name);
const sample = (parsed: ParsedFamily[], name: string, labels: Record<string, string>) =>
  family(parsed, name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));

describe("GET /metrics exposition", () => {
  it("exposes the seeded figures, parsed as the Prometheus text format", async () => {
    const parsed = parsePrometheusTextFormat(await scrapeMetrics(t.db, now));
    expect(family(parsed, "tether_probe_runs_total")?.type).toBe("COUNTER");
    expect(sample(parsed, "tether_probe_runs_total", { integration: "stripe", result: "success" })?.value).toBe("6");
    expect(sample(parsed, "tether_probe_runs_total", { integration: "stripe", result: "failure", error_class: "timeout" })?.value).toBe("1");
    expect(sample(parsed, "tether_probe_runs_total", { integration: "stripe", result: "failure", error_class: "unknown" })).toBeUndefined();
    // This parser folds a labelled histogram's series together, so the histogram's values are asserted through
    // PromQL in the Prometheus test below; here only its type.
    expect(family(parsed, "tether_probe_duration_seconds")?.type).toBe("HISTOGRAM");
    // 1 failure in 7 runs today is over the 5% error rate: degraded, as on the overview.
    expect(sample(parsed, "tether_integration_health", { integration: "stripe" })?.value).toBe("1");
    expect(sample(parsed, "tether_integration_health", { integration: "api.example.com cert" })?.value).toBe("0");
    expect(sample(parsed, "tether_integration_up", { integration: "api.example.com cert" })?.value).toBe("0");
    expect(sample(parsed, "tether_circuit_state", { integration: "api.example.com cert", state: "open" })?.value).toBe("1");
    expect(sample(parsed, "tether_rate_limit_headroom_ratio", { integration: "stripe" })?.value).toBe("0.4");
    expect(sample(parsed, "tether_credential_expiry_seconds", { integration: "stripe" })?.value).toBe(String(Date.parse("2027-01-01T00:00:00Z") / 1000));
    expect(sample(parsed, "tether_tls_certificate_expiry_seconds", { integration: "api.example.com cert" })?.value).toBe(
      String(Date.parse("2026-12-31T23:59:59Z") / 1000),
    );
    expect(sample(parsed, "tether_webhook_events_total", { source: "stripe-in", status: "accepted" })?.value).toBe("2");
    expect(sample(parsed, "tether_webhook_events_total", { source: "stripe-in", status: "rejected_signature" })?.value).toBe("1");
    expect(sample(parsed, "tether_webhook_last_event_age_seconds", { source: "stripe-in" })?.value).toBe("60");
    expect(sample(parsed, "tether_incidents_open", { severity: "critical" })?.value).toBe("1");
    expect(sample(parsed, "tether_worker_up", { worker: "worker-a" })?.value).toBe("1");
    expect(sample(parsed, "tether_integration_info", { integration: "stripe" })?.labels?.id).toBe(stripeId);
    expect(family(parsed, "process_cpu_seconds_total")).toBeUndefined();
    // 1 bad run of 10 against an 80% objective: half the budget spent, burning at 0.5 over every window that holds them.
    const slo = { slo: "Stripe availability", slo_id: sloId };
    expect(family(parsed, "tether_slo_error_budget_remaining_ratio")?.type).toBe("GAUGE");
    expect(Number(sample(parsed, "tether_slo_error_budget_remaining_ratio", slo)?.value)).toBeCloseTo(0.5);
    for (const window of ["5m", "30m", "1h", "6h", "3d"]) expect(Number(sample(parsed, "tether_slo_burn_rate", { ...slo, window })?.value)).toBeCloseTo(0.5);
  });

  it.skipIf(!havePromtool)("passes `promtool check metrics`", async () => {
    const text = await scrapeMetrics(t.db, now);
    const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect({ status: lint.status, out: lint.stdout + lint.stderr }).toEqual({ status: 0, out: "" });
  });

  it.skipIf(!havePromtool)("promtool itself flags a broken exposition (the check is real)", () => {
    const lint = spawnSync("promtool", ["check", "metrics"], { input: "# TYPE tether_things counter\ntether_things 3\n", encoding: "utf8" });
    expect(lint.stdout + lint.stderr).toMatch(/counter metrics should have "_total" suffix/);
  });

  it.skipIf(!havePrometheus)("is scraped by a real Prometheus server through the route, with a metrics-scoped token", { timeout: 60_000 }, async () => {
    process.env.DATABASE_URL = t.url;
    process.env.NEXTAUTH_SECRET ??= "metrics-int-test-secret-0123456789abcdef";
    const { createToken } = await import("../auth/tokens");
    const admin = await t.db.user.create({ data: { email: "admin@test.local", role: "admin" } });
    const { token } = await createToken(
      t.db,
      { kind: "user", userId: admin.id, email: admin.email, role: "admin", label: admin.email },
      { name: "prometheus", role: "viewer", scopes: ["metrics"] },
    );
    const { GET } = await import("../../app/metrics/route");
    const seenAuth: string[] = [];
    const app: Server = createServer(async (req, res) => {
      seenAuth.push(req.headers.authorization ?? "");
      const response = await GET(new Request(`http://127.0.0.1${req.url}`, { headers: req.headers as Record<string, string> }), {
        params: Promise.resolve({}),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const target = `127.0.0.1:${(app.address() as AddressInfo).port}`;
    const promPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "tether-prom-"));
    writeFileSync(
      join(dir, "prometheus.yml"),
      [
        "global: { scrape_interval: 1s, evaluation_interval: 1s }",
        "scrape_configs:",
        "  - job_name: tether",
        "    metrics_path: /metrics",
        `    authorization: { type: Bearer, credentials: "${token}" }`,
        `    static_configs: [{ targets: ["${target}"] }]`,
      ].join("\n"),
    );
    const prom = spawn(
      "prometheus",
      [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${promPort}`],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let log = "";
    prom.stderr.on("data", (d: Buffer) => (log += d.toString()));
    try {
      const query = async (promql: string) => {
        const res = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => null);
        if (!res?.ok) return null;
        const body = (await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
        return body.data.result;
      };
      await expect
        .poll(async () => (await query('tether_integration_health{integration="stripe"}'))?.[0]?.value[1] ?? null, { timeout: 45_000, interval: 250 })
        .toBe("1");
      const runs = await query('sum by (integration) (tether_probe_runs_total{job="tether"})');
      expect(runs?.find((r) => r.metric.integration === "stripe")?.value[1]).toBe("7");
      const count = await query('tether_probe_duration_seconds_count{integration="stripe"}');
      expect(count?.[0]?.value[1]).toBe("6");
      const sum = await query('tether_probe_duration_seconds_sum{integration="stripe"}');
      expect(Number(sum?.[0]?.value[1])).toBeCloseTo(3.264);
      const bucket = await query('tether_probe_duration_seconds_bucket{integration="stripe",le="0.10842"}');
      expect(bucket?.[0]?.value[1]).toBe("5");
      // Five of six runs at or under 108 ms: the median falls in the (55.5 ms, 108.4 ms] bucket.
      const median = await query('histogram_quantile(0.5, tether_probe_duration_seconds_bucket{integration="stripe"})');
      expect(Number(median?.[0]?.value[1])).toBeGreaterThan(0.0555);
      expect(Number(median?.[0]?.value[1])).toBeLessThanOrEqual(0.10842);
      const budget = await query('tether_slo_error_budget_remaining_ratio{slo="Stripe availability"}');
      expect(Number(budget?.[0]?.value[1])).toBeCloseTo(0.5);
      const burn = await query('max by (window) (tether_slo_burn_rate{slo="Stripe availability"})');
      expect(burn?.map((r) => r.metric.window).sort()).toEqual(["1h", "30m", "3d", "5m", "6h"]);
      expect(burn?.every((r) => Math.abs(Number(r.value[1]) - 0.5) < 1e-9)).toBe(true);
      const up = await query('up{job="tether"}');
      expect(up?.[0]?.value[1]).toBe("1");
      expect(seenAuth[0]).toBe(`Bearer ${token}`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- prometheus log ---\n${log.slice(-3000)}`);
    } finally {
      prom.kill("SIGTERM");
      await new Promise((resolve) => prom.once("exit", resolve));
      await new Promise((resolve) => app.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses anonymous scrapes (401) and tokens without the scope (403), unless TETHER_METRICS_PUBLIC=true", async () => {
    process.env.DATABASE_URL = t.url;
    process.env.NEXTAUTH_SECRET ??= "metrics-int-test-secret-0123456789abcdef";
    const { createToken } = await import("../auth/tokens");
    const owner = await t.db.user.create({ data: { email: "owner@test.local", role: "admin" } });
    const actor = { kind: "user" as const, userId: owner.id, email: owner.email, role: "admin" as const, label: owner.email };
    const plain = await createToken(t.db, actor, { name: "ci", role: "admin" });
    const { GET } = await import("../../app/metrics/route");
    const get = (headers: Record<string, string> = {}) => GET(new Request("http://tether.test/metrics", { headers }), { params: Promise.resolve({}) });
    const anonymous = await get();
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.message).toMatch(/metrics scope/);
    const unscoped = await get({ authorization: `Bearer ${plain.token}` });
    expect(unscoped.status).toBe(403);
    expect((await unscoped.json()).error.message).toMatch(/needs an API token with the metrics scope/);
    await expect(createToken(t.db, actor, { name: "bad", role: "viewer", scopes: ["everything"] })).rejects.toThrow(/A scope is one of: metrics/);
    process.env.TETHER_METRICS_PUBLIC = "true";
    try {
      const open = await get();
      expect(open.status).toBe(200);
      expect(open.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(open.headers.get("content-encoding")).toBeNull();
      const zipped = await get({ "accept-encoding": "gzip" });
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toContain("# TYPE tether_incidents_open gauge");
      expect(parsePrometheusTextFormat(await open.text()).some((f) => f.name === "tether_incidents_open")).toBe(true);
    } finally {
      delete process.env.TETHER_METRICS_PUBLIC;
    }
  });

  it("serves the worker's stored render with one read; renders afresh (and stores) when none is fresh", async () => {
    await t.db.metricsExposition.deleteMany();
    const first = await servedExposition(t.db, now);
    expect(first.source).toBe("fresh");
    expect(await exposedText(first)).toBe(await scrapeMetrics(t.db, now));
    const stored = await servedExposition(t.db, new Date(now.getTime() + 30_000));
    expect(stored).toMatchObject({ source: "stored", renderedAt: now });
    // A worker skips its turn while another's render is fresh, and renders once it is due.
    expect(await renderIfDue(t.db, { now: new Date(now.getTime() + 5_000), workerId: "w2" })).toBeNull();
    const due = await renderIfDue(t.db, { now: new Date(now.getTime() + 20_000), workerId: "w2" });
    expect(due?.bytes).toBeGreaterThan(1_000);
    const row = await t.db.metricsExposition.findUniqueOrThrow({ where: { id: "prometheus" } });
    expect(row).toMatchObject({ renderedBy: "w2", renderedAt: new Date(now.getTime() + 20_000), bytes: due!.bytes });
    // Four missed renders later the stored one is stale: the scrape renders itself.
    expect((await servedExposition(t.db, new Date(now.getTime() + 20_000 + METRICS_STALE_AFTER_MS))).source).toBe("fresh");
  });

  it.skipIf(havePromtool && havePrometheus)(`skipped parts: ${MISSING}`, () => {
    expect(havePromtool && havePrometheus).toBe(false);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
