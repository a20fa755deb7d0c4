// SLO budgets from rollups seeded in a real database: hour rollups over the window, minute rollups for the
// recent days, availability and latency SLIs, scope by tag and set, and the validation a person sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ApiError } from "../api/errors";
import type { Principal } from "../auth/principal";
import { histogramOf, toSparse } from "../domain/latency-histogram";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createSlo, deleteSlo, getSlo, listSlos, slosForIntegration, updateSlo } from "./slos";

let t: TestDb;
const editor: Principal = { kind: "user", userId: "00000000-0000-4000-8000-000000000001", email: "ed@test.local", role: "editor", label: "ed@test.local" };
const actor = { principal: editor, ip: "127.0.0.1" };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 24, 12, 30, 0);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.slo.deleteMany();
  await t.db.integration.deleteMany();
});

async function integration(name: string, tags: string[] = []): Promise<string> {
  const row = await t.db.integration.create({
    data: { name, kind: "http", config: { url: "http://127.0.0.1:1/" }, intervalSeconds: 30, timeoutMs: 1_000, tags },
  });
  return row.id;
}

async function hour(integrationId: string, at: number, count: number, failures: number, latencies: number[] = []) {
  const { idx, cnt } = toSparse(histogramOf(latencies));
  await t.db.probeRollupHour.create({
    data: { integrationId, bucket: new Date(at), count, failures, latencySumMs: 0, latencyMaxMs: Math.max(0, ...latencies), histIdx: idx, histCnt: cnt },
  });
}

async function minute(integrationId: string, at: number, count: number, failures: number, latencies: number[] = []) {
  await t.db.probeRollupMinute.create({
    data: {
      integrationId,
      bucket: new Date(at),
      count,
      failures,
      latencySumMs: 0,
      latencyMaxMs: Math.max(0, ...latencies),
      latencyHist: histogramOf(latencies),
    },
  });
}

const base = { objectivePct: 99, window: "rolling_7d", sli: { kind: "availability" } };

describe("SLO budgets from rollups", () => {
  it("adds hour rollups over the window and minute rollups for the last 3 days, and burns by window", async () => {
    const a = await integration("Payments", ["pay"]);
    const b = await integration("Ledger", ["pay"]);
    const other = await integration("Search");
    // Five days ago (hour rollups): 1,000 runs, 10 failed. Outside the 7 days: ignored.
    await hour(a, Math.floor((NOW - 5 * DAY) / HOUR) * HOUR, 1_000, 10);
    await hour(a, Math.floor((NOW - 8 * DAY) / HOUR) * HOUR, 1_000, 1_000);
    // Hour rollups inside the minute-resolution part are not counted twice.
    await hour(a, Math.floor((NOW - 2 * HOUR) / HOUR) * HOUR, 500, 0);
    // The last 3 days from minute rollups: 20 minutes ago 480 runs of which 20 failed; 5 hours ago 500 clean ones (b).
    await minute(a, NOW - 20 * MIN, 480, 20);
    await minute(b, NOW - 5 * HOUR, 500, 0);
    await hour(other, Math.floor((NOW - DAY) / HOUR) * HOUR, 100, 100);

    const slo = await createSlo(t.db, { ...base, name: "Payments availability", scope: { kind: "tag", tag: "pay" } }, actor, NOW);
    expect(slo.integrations.map((i) => i.name)).toEqual(["Ledger", "Payments"]);
    expect(slo.scopeText).toBe("tag pay");
    expect(slo).toMatchObject({ total: 1_980, good: 1_950 });
    expect(slo.achievedPct).toBeCloseTo((100 * 1_950) / 1_980);
    // Allowed: 1% of 1,980 = 19.8 bad; spent 30.
    expect(slo.budgetRemaining).toBeCloseTo(1 - 30 / 19.8);
    expect(slo.status).toBe("exhausted");
    // Last hour: 20 of 480 bad = 4.17% over 1% allowed.
    expect(slo.burnRates.h1).toBeCloseTo(20 / 480 / 0.01);
    expect(slo.burnRates.h6).toBeCloseTo(20 / 980 / 0.01);
    expect(slo.burnRates.d3).toBeCloseTo(20 / 980 / 0.01);
    expect(slo.series).toHaveLength(8);
    expect(slo.series.at(-1)!.budgetRemaining).toBeCloseTo(slo.budgetRemaining!);
    expect(slo.series[0]!.budgetRemaining).toBeNull();

    const stored = await t.db.slo.findUniqueOrThrow({ where: { id: slo.id } });
    expect(stored).toMatchObject({ name: "Payments availability", objectivePct: 99, window: "rolling_7d", createdBy: "ed@test.local" });
    expect(await t.db.auditEvent.findFirst({ where: { action: "slo.create", targetId: slo.id } })).not.toBeNull();

    expect((await slosForIntegration(t.db, other, NOW)).slos).toEqual([]);
    expect((await slosForIntegration(t.db, a, NOW)).slos.map((s) => s.id)).toEqual([slo.id]);
  });

  it("counts runs faster than the bound for a latency SLI, from both kinds of rollup", async () => {
    const a = await integration("Payments");
    await hour(a, Math.floor((NOW - 4 * DAY) / HOUR) * HOUR, 10, 0, [50, 50, 50, 50, 50, 50, 50, 50, 2_000, 2_000]);
    await minute(a, NOW - 10 * MIN, 4, 1, [40, 40, 900, 40]);
    const slo = await createSlo(
      t.db,
      { ...base, name: "Fast payments", objectivePct: 90, scope: { kind: "integrations", integrationIds: [a] }, sli: { kind: "latency", thresholdMs: 300 } },
      actor,
      NOW,
    );
    // Hour: 8 fast of 10. Minute: 3 fast, 3 successful: 3 good of 4.
    expect(slo).toMatchObject({ total: 14, good: 11, scopeText: "1 integration" });
    expect(slo.burnRates.h1).toBeCloseTo(1 / 4 / 0.1);
  });

  it("starts a calendar-month SLO at the first of the month and reports no data before any run", async () => {
    const a = await integration("Payments");
    await hour(a, Date.UTC(2026, 9, 31, 10), 100, 100);
    await hour(a, Date.UTC(2026, 10, 2, 10), 100, 0);
    const slo = await createSlo(t.db, { ...base, name: "Month", window: "calendar_month", scope: { kind: "integration", integrationId: a } }, actor, NOW);
    expect(slo).toMatchObject({ total: 100, good: 100, budgetRemaining: 1, status: "healthy", windowFrom: "2026-11-01T00:00:00.000Z" });
    expect(slo.series).toHaveLength(24);

    const empty = await integration("Quiet");
    const none = await createSlo(t.db, { ...base, name: "Quiet", scope: { kind: "integration", integrationId: empty } }, actor, NOW);
    expect(none).toMatchObject({ total: 0, achievedPct: null, budgetRemaining: null, status: "no_data" });
    expect(none.burnRates).toEqual({ h1: null, h6: null, d3: null });
    expect((await listSlos(t.db, NOW)).slos.map((s) => s.name)).toEqual(["Month", "Quiet"]);
  });

  it("refuses bad input with messages a person understands, and keeps nothing", async () => {
    const err = await createSlo(
      t.db,
      { name: "", scope: { kind: "tag", tag: "" }, objectivePct: 100, window: "weekly", sli: { kind: "availability" } },
      actor,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ZodError);
    const messages = (err as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "name: Give the SLO a name",
        "scope.tag: Enter a tag",
        "objectivePct: The objective must be below 100% (100% leaves no error budget)",
        "window: Choose rolling 7, 28 or 30 days, or the calendar month",
      ]),
    );
    const missing = "00000000-0000-4000-8000-00000000dead";
    const ref = await createSlo(t.db, { ...base, name: "x", scope: { kind: "integrations", integrationIds: [missing] } }, actor).catch((e) => e);
    expect(ref).toBeInstanceOf(ApiError);
    expect((ref as ApiError).details).toEqual({ fields: { "scope.integrationIds": [`No integration with id ${missing}`] } });
    expect(await t.db.slo.count()).toBe(0);
  });

  it("updates and deletes, audited", async () => {
    const a = await integration("Payments");
    const slo = await createSlo(t.db, { ...base, name: "P", scope: { kind: "integration", integrationId: a } }, actor, NOW);
    const updated = await updateSlo(t.db, slo.id, { objectivePct: 99.5, slaPct: 99 }, actor, NOW);
    expect(updated).toMatchObject({ objectivePct: 99.5, slaPct: 99, name: "P" });
    const rule = await t.db.alertRule.create({
      data: {
        name: "Burn",
        scope: { kind: "all" },
        condition: { kind: "slo_burn_rate", sloId: slo.id, windows: [{ factor: 1, longMinutes: 60, shortMinutes: 5 }], minSamples: 5 },
      },
    });
    await expect(deleteSlo(t.db, slo.id, actor)).rejects.toMatchObject({ code: "conflict", details: { rules: ["Burn"] } });
    await t.db.alertRule.delete({ where: { id: rule.id } });
    await deleteSlo(t.db, slo.id, actor);
    expect(await t.db.slo.count()).toBe(0);
    await expect(getSlo(t.db, slo.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await t.db.auditEvent.count({ where: { targetId: slo.id } })).toBe(3);
  });
});
