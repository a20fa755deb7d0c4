// The alert pass against a real database: data in the tables the probes and webhooks write, incidents out.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { histogramOf } from "../domain/latency-histogram";
import { startDemoTarget } from "../demo/target-server";
import { executeProbe } from "../scheduler/execute-probe";
import { createProbeRuns, createTestDb, type TestDb } from "../testing/postgres";
import { runAlertEvaluation } from "./evaluation-job";
import { enabledIntegrations, loadObservations } from "./observations";
import { ruleInputSchema, type RuleCondition } from "./rule";
import { loadRule } from "./stored-rule";

let t: TestDb;
const T0 = new Date(Date.UTC(2026, 10, 24, 12, 0, 30));
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.alertRule.deleteMany();
  await t.db.integration.deleteMany();
});

async function integration(name: string, tags: string[] = []): Promise<string> {
  const row = await t.db.integration.create({
    data: { name, kind: "http", config: { url: "http://127.0.0.1:1/" }, intervalSeconds: 30, timeoutMs: 1_000, tags },
  });
  return row.id;
}

async function rule(condition: RuleCondition, over: Record<string, unknown> = {}): Promise<string> {
  const input = ruleInputSchema.parse({ name: `rule ${condition.kind}`, scope: { kind: "all" }, condition, ...over });
  const row = await t.db.alertRule.create({ data: { ...input, scope: input.scope, condition: input.condition } });
  return row.id;
}

/** One minute's rollup, as the probe recorder writes it. */
async function rollup(integrationId: string, minute: Date, count: number, failures: number, latencies: number[] = []): Promise<void> {
  const bucket = new Date(Math.floor(minute.getTime() / MIN) * MIN);
  const data = { count, failures, latencySumMs: 0, latencyMaxMs: Math.max(0, ...latencies), latencyHist: histogramOf(latencies) };
  await t.db.probeRollupMinute.upsert({ where: { integrationId_bucket: { integrationId, bucket } }, create: { integrationId, bucket, ...data }, update: data });
}

async function runs(integrationId: string, oks: boolean[], from: Date): Promise<void> {
  await createProbeRuns(t.db, {
    data: oks.map((ok, i) => ({
      integrationId,
      startedAt: new Date(from.getTime() + i * 1_000),
      finishedAt: new Date(from.getTime() + i * 1_000 + 10),
      latencyMs: 10,
      ok,
      errorMessage: ok ? null : "HTTP 503",
      attempts: 1,
      circuitState: "closed" as const,
      trigger: "scheduled" as const,
      trace: {},
    })),
  });
}

const evaluateAt = (now: Date, db: Db = t.db) => runAlertEvaluation(db, { workerId: "test", now });

describe("runAlertEvaluation", () => {
  it("opens an incident from seeded data, keeps one while it fires, resolves when the data recovers", async () => {
    const id = await integration("Payments");
    const ruleId = await rule({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 5 });
    for (let m = -4; m <= 0; m++) await rollup(id, at(m), 2, 1);

    const first = await evaluateAt(T0);
    expect(first).toMatchObject({ skipped: false, rules: 1, evaluated: 1, opened: 1 });
    const [incident] = await t.db.incident.findMany();
    expect(incident).toMatchObject({ ruleId, integrationId: id, status: "open", value: 50, threshold: 20, unit: "%", severity: "warning" });
    expect(incident!.summary).toBe("Payments: error rate 50% over 5 min (5 of 10 runs failed) (threshold 20%)");
    expect(await t.db.alertState.findFirst()).toMatchObject({ state: "firing", incidentId: incident!.id });

    // Worse, then still firing: one incident, peak follows.
    await rollup(id, at(1), 2, 2);
    expect(await evaluateAt(at(1))).toMatchObject({ opened: 0, resolved: 0 });
    expect(await t.db.incident.count()).toBe(1);
    expect((await t.db.incident.findFirstOrThrow()).peak).toBe(60);

    // Recovery: the window slides past the failures.
    for (let m = 2; m <= 7; m++) await rollup(id, at(m), 2, 0);
    expect(await evaluateAt(at(7))).toMatchObject({ resolved: 1 });
    const resolved = await t.db.incident.findFirstOrThrow({ include: { events: { orderBy: { id: "asc" } } } });
    expect(resolved).toMatchObject({ status: "resolved", openKey: null, resolvedAt: at(7) });
    expect(resolved.events.map((e) => e.kind)).toEqual(["opened", "notified", "resolved", "notified"]);
    expect(resolved.events[1]!.detail).toContain("no channels");
    // Quiet again but inside the flap window: the state row stays for flap counting.
    expect(await t.db.alertState.findFirst()).toMatchObject({ state: "ok", incidentId: null });

    // Fails again: a new incident, not the old one reopened.
    for (let m = 8; m <= 12; m++) await rollup(id, at(m), 2, 2);
    expect(await evaluateAt(at(12))).toMatchObject({ opened: 1 });
    expect(await t.db.incident.count()).toBe(2);
  });

  it("two concurrent evaluations do not double-open", async () => {
    const id = await integration("Payments");
    await rule({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 1 });
    await rule({ kind: "consecutive_failures", count: 1 });
    await t.db.circuitState.create({ data: { integrationId: id, consecutiveFailures: 3 } });
    await rollup(id, T0, 5, 5);
    const second = createDb(t.url);
    try {
      const reports = await Promise.all([evaluateAt(T0), evaluateAt(T0, second), evaluateAt(T0), evaluateAt(T0, second)]);
      expect(reports.reduce((n, r) => n + r.opened, 0)).toBe(2);
      expect(await t.db.incident.count()).toBe(2);
      expect(await t.db.incidentEvent.count({ where: { kind: "opened" } })).toBe(2);
    } finally {
      await second.$disconnect();
    }
    // The database itself refuses a second open incident for the same rule x integration.
    const existing = await t.db.incident.findFirstOrThrow();
    await expect(t.db.incident.create({ data: { ...existing, id: undefined } })).rejects.toThrow();
  });

  it("a maintenance window mutes the notification, the incident still opens; pending waits", async () => {
    const id = await integration("Search", ["search"]);
    await rule({ kind: "consecutive_failures", count: 2 }, { pendingSeconds: 60 });
    await t.db.circuitState.create({ data: { integrationId: id, consecutiveFailures: 5 } });
    await t.db.alertSilence.create({ data: { kind: "maintenance", tag: "search", startsAt: at(-10), endsAt: at(10), reason: "Index rebuild" } });
    expect(await evaluateAt(T0)).toMatchObject({ opened: 0 });
    expect(await t.db.alertState.findFirst()).toMatchObject({ state: "pending", since: T0 });
    expect(await evaluateAt(at(1))).toMatchObject({ opened: 1, notifications: 0 });
    const events = await t.db.incidentEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.reason])).toEqual([
      ["opened", null],
      ["muted", "maintenance"],
    ]);
    expect(events[1]!.detail).toBe('firing notification muted: maintenance window "Index rebuild"');
    // After the window it is announced once.
    expect(await evaluateAt(at(11))).toMatchObject({ notifications: 1 });
    expect(await evaluateAt(at(12))).toMatchObject({ notifications: 0 });
  });

  it("a rule opted in to provider muting holds the notification while the provider's page declares trouble", async () => {
    const statusUrl = "https://www.githubstatus.com/api/v2/summary.json";
    const muted = await t.db.integration.create({
      data: { name: "GitHub API", kind: "http", config: { url: "http://127.0.0.1:1/", statusUrl }, intervalSeconds: 30, timeoutMs: 1_000 },
    });
    const other = await integration("Own API");
    await rule({ kind: "consecutive_failures", count: 2 }, { muteDuringProviderIncident: true });
    await t.db.circuitState.createMany({ data: [muted.id, other].map((integrationId) => ({ integrationId, consecutiveFailures: 5 })) });
    await t.db.providerStatus.create({
      data: { url: statusUrl, indicator: "partial_outage", description: "Partial System Outage", incidents: [], fetchedAt: at(-1), polledAt: at(-1) },
    });
    // Both open; only the integration without a troubled provider is announced.
    expect(await evaluateAt(T0)).toMatchObject({ opened: 2, notifications: 1 });
    const events = await t.db.incidentEvent.findMany({ where: { incident: { integrationId: muted.id } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.reason])).toEqual([
      ["opened", null],
      ["muted", "provider_incident"],
    ]);
    expect(events[1]!.detail).toBe("firing notification muted: the provider has declared an incident (GitHub reports: Partial outage — Partial System Outage)");
    // The provider's page turns green: the firing still holds, so it is announced once.
    await t.db.providerStatus.update({
      where: { url: statusUrl },
      data: { indicator: "operational", description: "All Systems Operational", fetchedAt: at(1) },
    });
    expect(await evaluateAt(at(1))).toMatchObject({ notifications: 1 });
    expect(await evaluateAt(at(2))).toMatchObject({ notifications: 0 });
  });

  it("disabling the rule resolves its open incident", async () => {
    const id = await integration("Payments");
    const ruleId = await rule({ kind: "consecutive_failures", count: 1 });
    await t.db.circuitState.create({ data: { integrationId: id, consecutiveFailures: 2 } });
    await evaluateAt(T0);
    await t.db.alertRule.update({ where: { id: ruleId }, data: { enabled: false } });
    expect(await evaluateAt(at(1))).toMatchObject({ resolved: 1, notifications: 1 });
    expect(await t.db.incident.findFirstOrThrow()).toMatchObject({ status: "resolved" });
    expect(await t.db.alertState.count()).toBe(0);
  });
});

describe("over the real probe path", () => {
  it("runs recorded by the probe executor open the incident, and recovering runs resolve it", async () => {
    const target = await startDemoTarget({ port: 0, random: () => 0.5 });
    try {
      const row = await t.db.integration.create({
        data: {
          name: "Checkout",
          kind: "http",
          config: { url: `${target.url}/hooks` },
          intervalSeconds: 5,
          timeoutMs: 2_000,
          retryAttempts: 0,
          breakerThreshold: 100,
        },
      });
      await rule({ kind: "error_rate", thresholdPct: 50, windowMinutes: 1, minSamples: 2 });
      // The clock is injected: each probe a second after the last, all within one minute's rollup.
      let clock = T0.getTime();
      const now = () => clock;
      const probe = async (n: number) => {
        for (let i = 0; i < n; i++) {
          clock += 1_000;
          await executeProbe(t.db, row.id, { trigger: "manual", now });
        }
      };
      await probe(2);
      expect(await runAlertEvaluation(t.db, { workerId: "test", now: new Date(clock) })).toMatchObject({ opened: 0 });
      target.setMode("/hooks", "fail");
      await probe(4);
      expect(await runAlertEvaluation(t.db, { workerId: "test", now: new Date(clock) })).toMatchObject({ opened: 1 });
      target.setMode("/hooks", "normal");
      await probe(10);
      expect(await runAlertEvaluation(t.db, { workerId: "test", now: new Date(clock) })).toMatchObject({ resolved: 1 });
    } finally {
      await target.close();
    }
  });
});

/**
 * A local server answering like GitHub's `GET /user` for an expiring token: 200 with the user and the
 * `GitHub-Authentication-Token-Expiration` header in GitHub's own format ("2026-11-27 12:00:30 UTC"); no header
 * for a token that never expires.
 */
async function startGitHubUser() {
  let expiresAt: Date | null = null;
  const server = createServer((req, res) => {
    if (req.url !== "/user") return void res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}');
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "x-github-media-type": "github.v3" };
    if (expiresAt)
      headers["github-authentication-token-expiration"] = expiresAt
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d{3}Z$/, " UTC");
    res.writeHead(200, headers).end(JSON.stringify({ login: "octocat", id: 1 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    expireAt: (at: Date | null) => void (expiresAt = at),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("credential expiry over the real probe path", () => {
  it("a run whose token expires in 3 days opens the 7-day rule's incident; a renewed token resolves it", async () => {
    const github = await startGitHubUser();
    try {
      const row = await t.db.integration.create({
        data: { name: "GitHub", kind: "http", config: { url: `${github.url}/user` }, intervalSeconds: 60, timeoutMs: 2_000, retryAttempts: 0 },
      });
      const ruleId = await rule({ kind: "credential_expiry", days: 7 }, { severity: "critical" });
      let clock = T0.getTime();
      const probe = async () => {
        clock += 1_000;
        const outcome = await executeProbe(t.db, row.id, { trigger: "manual", now: () => clock });
        expect(outcome?.result.ok).toBe(true);
        return outcome!.result;
      };
      const evaluate = () => runAlertEvaluation(t.db, { workerId: "test", now: new Date(clock) });

      // A token that never expires: no reading, no decision.
      github.expireAt(null);
      await probe();
      expect(await evaluate()).toMatchObject({ opened: 0 });

      github.expireAt(new Date(T0.getTime() + 3 * 86_400_000 + 3_600_000));
      const run = await probe();
      expect(run.details).toMatchObject({ credential: { source: "token_expiration", daysLeft: 3 } });
      expect(await evaluate()).toMatchObject({ opened: 1 });
      const [incident] = await t.db.incident.findMany();
      expect(incident).toMatchObject({ ruleId, integrationId: row.id, status: "open", value: 3, threshold: 7, unit: "days", severity: "critical" });
      expect(incident!.summary).toBe("GitHub: credential expires in 3 days (threshold 7 days)");

      // Renewed: the next run reports a token good for 90 days.
      github.expireAt(new Date(T0.getTime() + 90 * 86_400_000));
      await probe();
      expect(await evaluate()).toMatchObject({ resolved: 1 });
      expect(await t.db.incident.findUnique({ where: { id: incident!.id } })).toMatchObject({ status: "resolved" });
    } finally {
      await github.close();
    }
  });
});

describe("loadObservations", () => {
  it("measures every condition kind for every integration in scope, in batched queries", async () => {
    const a = await integration("A", ["pay"]);
    const b = await integration("B");
    await t.db.integration.create({ data: { name: "Off", kind: "http", config: {}, intervalSeconds: 30, timeoutMs: 1_000, enabled: false } });
    for (let m = -2; m <= 0; m++) await rollup(a, at(m), 4, 1, [100, 200, 300, 400]);
    await rollup(a, at(-10), 100, 100, [9_000]); // outside every window below
    await runs(a, [true, false, false, true, false], at(-1));
    await t.db.circuitState.create({
      data: {
        integrationId: a,
        state: "open",
        consecutiveFailures: 4,
        openedAt: at(-3),
        lastDetails: {
          validTo: new Date(T0.getTime() + 10.5 * 86_400_000).toISOString(),
          daysLeft: 99,
          credential: { source: "token_expiration", expiresAt: new Date(T0.getTime() + 5.5 * 86_400_000).toISOString(), daysLeft: 99 },
        },
      },
    });
    const source = await t.db.webhookSource.create({ data: { slug: "a", name: "A hooks", integrationId: a, scheme: "none", createdAt: at(-60) } });
    const event = (minute: number, status: "processed" | "failed" | "rejected_signature") => ({
      sourceId: source.id,
      receivedAt: at(minute),
      headers: {},
      body: Buffer.from("{}"),
      verified: true,
      verificationDetail: "",
      status,
    });
    await t.db.webhookEvent.createMany({ data: [event(-20, "processed"), event(-15, "failed"), event(-5, "rejected_signature")] });
    const version = (seq: number, changes: { impact: string; tool: string; what: string }[]) => ({
      integrationId: a,
      seq,
      setFingerprint: `f${seq}`,
      tools: [],
      changes,
      breaking: changes.filter((c) => c.impact === "breaking").length,
      additive: changes.filter((c) => c.impact === "additive").length,
      cosmetic: 0,
      firstSeenAt: at(seq - 10),
    });
    await t.db.mcpToolVersion.createMany({
      data: [
        version(1, []),
        version(2, [
          { impact: "breaking", tool: "search", what: "tool removed" },
          { impact: "additive", tool: "find", what: "tool added" },
        ]),
      ],
    });

    const conditions: RuleCondition[] = [
      { kind: "error_rate", thresholdPct: 10, windowMinutes: 3, minSamples: 1 },
      { kind: "latency", percentile: "p50", thresholdMs: 100, windowMinutes: 3, minSamples: 1 },
      { kind: "failures_of_last", failures: 2, of: 3 },
      { kind: "consecutive_failures", count: 3 },
      { kind: "circuit_open", openForSeconds: 60 },
      { kind: "tls_expiry", days: 14 },
      { kind: "credential_expiry", days: 7 },
      { kind: "webhook_silence", silentMinutes: 10 },
      { kind: "webhook_failure_rate", thresholdPct: 10, windowMinutes: 30, minSamples: 1 },
      { kind: "mcp_breaking_change" },
    ];
    for (const c of conditions) await rule(c);
    await rule({ kind: "error_rate", thresholdPct: 10, windowMinutes: 3, minSamples: 1 }, { name: "tagged", scope: { kind: "tag", tag: "pay" } });
    const loaded = (await t.db.alertRule.findMany({ orderBy: { createdAt: "asc" } })).map((r) => loadRule(r)!);
    const result = await loadObservations(t.db, loaded, await enabledIntegrations(t.db), T0);
    const obs = (kind: string, id: string) =>
      result.find((r) => r.rule.condition.kind === kind && r.rule.name !== "tagged")!.targets.find((x) => x.integration.id === id)!.observation;

    expect(result.find((r) => r.rule.name === "tagged")!.targets.map((x) => x.integration.name)).toEqual(["A"]);
    expect(result[0]!.targets.map((x) => x.integration.name)).toEqual(["A", "B"]);
    expect(obs("error_rate", a)).toEqual({ kind: "error_rate", runs: 12, failures: 3 });
    expect(obs("error_rate", b)).toEqual({ kind: "error_rate", runs: 0, failures: 0 });
    expect(obs("latency", a)).toMatchObject({ kind: "latency", samples: 12 });
    expect((obs("latency", a) as { valueMs: number }).valueMs).toBeGreaterThan(150);
    expect((obs("latency", a) as { valueMs: number }).valueMs).toBeLessThan(260);
    expect(obs("failures_of_last", a)).toEqual({ kind: "failures_of_last", runs: 3, failures: 2 });
    expect(obs("failures_of_last", b)).toEqual({ kind: "failures_of_last", runs: 0, failures: 0 });
    expect(obs("consecutive_failures", a)).toEqual({ kind: "consecutive_failures", failures: 4, lastError: "HTTP 503" });
    expect(obs("circuit_open", a)).toEqual({ kind: "circuit_open", state: "open", openedAt: at(-3).getTime() });
    expect(obs("circuit_open", b)).toEqual({ kind: "circuit_open", state: "closed", openedAt: null });
    expect(obs("tls_expiry", a)).toEqual({ kind: "tls_expiry", daysLeft: 10 });
    expect(obs("credential_expiry", a)).toEqual({ kind: "credential_expiry", daysLeft: 5 });
    expect(obs("credential_expiry", b)).toEqual({ kind: "credential_expiry", daysLeft: null });
    expect(obs("webhook_silence", a)).toEqual({ kind: "webhook_silence", sources: 1, lastActivityAt: at(-15).getTime() });
    expect(obs("webhook_silence", b)).toEqual({ kind: "webhook_silence", sources: 0, lastActivityAt: null });
    expect(obs("webhook_failure_rate", a)).toEqual({ kind: "webhook_failure_rate", events: 2, failed: 1 });
    expect(obs("webhook_failure_rate", b)).toMatchObject({ kind: "no_data" });
    expect(obs("mcp_breaking_change", a)).toEqual({
      kind: "mcp_breaking_change",
      version: { seq: 2, breaking: 1, changes: [{ tool: "search", what: "tool removed" }] },
      acknowledgedSeq: null,
    });
    expect(obs("mcp_breaking_change", b)).toEqual({ kind: "mcp_breaking_change", version: null, acknowledgedSeq: null });
  });
});

describe("breaking contract changes over the real probe path", () => {
  it("an HTTP body losing a key opens the rule's incident; a window without breaks resolves it", async () => {
    let body: Record<string, unknown> = { id: 1, status: "active", owner: { email: "a@example.com" } };
    const server = createServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/account`;
      const row = await t.db.integration.create({
        data: { name: "Accounts", kind: "http", config: { url }, intervalSeconds: 60, timeoutMs: 2_000, retryAttempts: 0 },
      });
      await rule({ kind: "contract_breaking_change", windowMinutes: 60 });
      let clock = T0.getTime();
      const probe = async () => {
        clock += MIN;
        return (await executeProbe(t.db, row.id, { trigger: "manual", now: () => clock }))!.result;
      };
      const evaluate = () => runAlertEvaluation(t.db, { workerId: "test", now: new Date(clock) });

      expect((await probe()).details).not.toHaveProperty("shapeChange");
      body = { id: 2, status: "closed", owner: { email: "b@example.com" }, plan: "pro" };
      // Only a key added: additive, recorded, no incident.
      expect((await probe()).details?.shapeChange).toEqual({ breaking: [], additive: [{ path: "$.plan", change: "added", now: ["string"] }] });
      expect(await evaluate()).toMatchObject({ opened: 0 });

      body = { id: "3", status: "closed", plan: "pro" };
      const broken = await probe();
      expect(broken).toMatchObject({ ok: true });
      expect(broken.details?.shapeChange).toEqual({
        breaking: [
          { path: "$.id", change: "type", was: ["number"], now: ["string"] },
          { path: "$.owner", change: "removed", was: ["object"] },
        ],
        additive: [],
      });
      expect(await evaluate()).toMatchObject({ opened: 1 });
      const [incident] = await t.db.incident.findMany();
      expect(incident).toMatchObject({ integrationId: row.id, status: "open", value: 1, unit: "runs" });
      expect(incident!.summary).toBe("Accounts: 1 run with a breaking contract change in 60 min (latest: $.id changed type) (fires on any within 60 min)");

      // The same shape again is no change; once the break is older than the window, the incident resolves.
      expect((await probe()).details).not.toHaveProperty("shapeChange");
      clock += 61 * MIN;
      await probe();
      expect(await evaluate()).toMatchObject({ resolved: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
