// The burn-rate rule against a real database: minute rollups seeded as the probe recorder writes them, the SLO
// stored, the rule firing and resolving through runAlertEvaluation, and the same data replayed by the backtest.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { histogramOf } from "../domain/latency-histogram";
import { createTestDb, type TestDb } from "../testing/postgres";
import { backtestRule } from "./backtest";
import { runAlertEvaluation } from "./evaluation-job";
import { ruleInputSchema } from "./rule";

let t: TestDb;
const MIN = 60_000;
const T0 = new Date(Date.UTC(2026, 10, 24, 12, 0, 30));
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.alertRule.deleteMany();
  await t.db.slo.deleteMany();
  await t.db.integration.deleteMany();
});

async function integration(name: string): Promise<string> {
  const row = await t.db.integration.create({ data: { name, kind: "http", config: { url: "http://127.0.0.1:1/" }, intervalSeconds: 30, timeoutMs: 1_000 } });
  return row.id;
}

async function minutes(integrationId: string, from: number, to: number, count: number, failures: number, latencyMs = 50): Promise<void> {
  const rows = [];
  for (let m = from; m <= to; m++) {
    const bucket = new Date(Math.floor(at(m).getTime() / MIN) * MIN);
    rows.push({ integrationId, bucket, count, failures, latencySumMs: 0, latencyMaxMs: latencyMs, latencyHist: histogramOf(Array(count).fill(latencyMs)) });
  }
  await t.db.probeRollupMinute.createMany({ data: rows });
}

async function slo(integrationId: string, sli: object = { kind: "availability" }): Promise<string> {
  const row = await t.db.slo.create({
    data: { name: "Payments", scope: { kind: "integration", integrationId }, objectivePct: 99.9, window: "rolling_30d", sli: sli as object },
  });
  return row.id;
}

const burnRule = (sloId: string) =>
  ruleInputSchema.parse({
    name: "Payments budget burn",
    severity: "critical",
    scope: { kind: "all" },
    condition: { kind: "slo_burn_rate", sloId, windows: [{ factor: 14.4, longMinutes: 60, shortMinutes: 5 }] },
  });

describe("slo_burn_rate through the alert pass", () => {
  it("fires when both windows burn, resolves when the short window recovers, only for the SLO's integrations", async () => {
    const a = await integration("Payments");
    const other = await integration("Search");
    const input = burnRule(await slo(a));
    const rule = await t.db.alertRule.create({ data: { ...input, scope: input.scope, condition: input.condition } });
    // An hour at 2% failed (20x a 0.1% allowance) on both; the SLO covers only Payments.
    await minutes(a, -59, 0, 100, 2);
    await minutes(other, -59, 0, 100, 2);

    expect(await runAlertEvaluation(t.db, { workerId: "test", now: T0 })).toMatchObject({ skipped: false, evaluated: 1, opened: 1 });
    const [incident] = await t.db.incident.findMany();
    expect(incident).toMatchObject({ ruleId: rule.id, integrationId: a, status: "open", severity: "critical", unit: "x", threshold: 1 });
    expect(incident!.summary).toBe(
      "Payments: SLO budget burning 20× over 60 min and 20× over 5 min (limit 14.4×) (fires when both windows of a pair exceed its factor)",
    );
    expect(await t.db.alertState.count({ where: { integrationId: other } })).toBe(0);

    // Two clean minutes: the 5-minute window burns 12x (6 of 500 failed), the hour still ~19x. Resolved.
    await minutes(a, 1, 2, 100, 0);
    expect(await runAlertEvaluation(t.db, { workerId: "test", now: at(2) })).toMatchObject({ resolved: 1 });
    expect(await t.db.incident.findUniqueOrThrow({ where: { id: incident!.id } })).toMatchObject({ status: "resolved" });
  });

  it("judges a latency SLI from the rollup histograms", async () => {
    const a = await integration("Payments");
    const input = burnRule(await slo(a, { kind: "latency", thresholdMs: 300 }));
    await t.db.alertRule.create({ data: { ...input, scope: input.scope, condition: input.condition } });
    // No failures, but every run is slower than 300 ms: every event is bad, 1000x.
    await minutes(a, -59, 0, 10, 0, 900);
    expect(await runAlertEvaluation(t.db, { workerId: "test", now: T0 })).toMatchObject({ opened: 1 });
    expect((await t.db.incident.findFirstOrThrow()).summary).toContain("1000× over 60 min");
  });

  it("makes no decision once its SLO is deleted", async () => {
    const a = await integration("Payments");
    const sloId = await slo(a);
    const input = burnRule(sloId);
    await t.db.alertRule.create({ data: { ...input, scope: input.scope, condition: input.condition } });
    await minutes(a, -59, 0, 100, 50);
    await t.db.slo.delete({ where: { id: sloId } });
    expect(await runAlertEvaluation(t.db, { workerId: "test", now: T0 })).toMatchObject({ opened: 0 });
  });

  it("is replayed by the backtest from the same rollups", async () => {
    const a = await integration("Payments");
    const input = burnRule(await slo(a));
    // Clean, then 2% failed for an hour from minute -120, then clean again.
    await minutes(a, -300, -121, 100, 0);
    await minutes(a, -120, -61, 100, 2);
    await minutes(a, -60, 0, 100, 0);
    const r = await backtestRule(t.db, input, { days: 1, now: T0.getTime() });
    expect(r.supported).toBe(true);
    expect(r.evaluatedIntegrations).toBe(1);
    expect(r.firings).toHaveLength(1);
    const f = r.firings[0]!;
    // The hour reaches 14.4x after 44 bad minutes (whole minutes before t), and two clean minutes resolve it.
    const bucket0 = Math.floor(T0.getTime() / MIN) * MIN;
    expect(f.start).toBe(new Date(bucket0 + (-120 + 44) * MIN).toISOString());
    expect(f.end).toBe(new Date(bucket0 + (-60 + 2) * MIN).toISOString());

    const missing = await backtestRule(t.db, burnRule("00000000-0000-4000-8000-00000000dead"), { days: 1, now: T0.getTime() });
    expect(missing).toMatchObject({ supported: false, note: "This rule names an SLO that does not exist." });
  });
});
