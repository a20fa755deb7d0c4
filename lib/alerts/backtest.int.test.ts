// The backtest replays the evaluator over what is stored: rollups, runs, circuit transitions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { histogramOf } from "../domain/latency-histogram";
import { createProbeRuns, createTestDb, type TestDb } from "../testing/postgres";
import { backtestRule } from "./backtest";
import { ruleInputSchema } from "./rule";

let t: TestDb;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const MIN = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.integration.deleteMany();
});

async function integration(name: string, tags: string[] = []): Promise<string> {
  return (await t.db.integration.create({ data: { name, kind: "http", config: {}, intervalSeconds: 30, timeoutMs: 1_000, tags } })).id;
}

/** Minute rollups from `fromAgo` to `toAgo` minutes ago, each with `failures` of 4 runs failed. */
async function rollups(integrationId: string, fromAgo: number, toAgo: number, failures: number, latencyMs = 100): Promise<void> {
  const data = [];
  for (let m = fromAgo; m > toAgo; m--) {
    data.push({
      integrationId,
      bucket: at(m),
      count: 4,
      failures,
      latencySumMs: 4 * latencyMs,
      latencyMaxMs: latencyMs,
      latencyHist: histogramOf([latencyMs, latencyMs, latencyMs, latencyMs]),
    });
  }
  await t.db.probeRollupMinute.createMany({ data, skipDuplicates: true });
}

const draft = (condition: unknown, over: Record<string, unknown> = {}) => ruleInputSchema.parse({ name: "draft", scope: { kind: "all" }, condition, ...over });

describe("backtestRule", () => {
  it("error rate: counts each firing, with its start, end and peak, over minute rollups", async () => {
    const id = await integration("Payments");
    await rollups(id, 180, 0, 0);
    // Two bad spells: 10 minutes at 50% two hours ago, and 30 minutes at 100% until now (still firing).
    await t.db.probeRollupMinute.updateMany({ where: { integrationId: id, bucket: { gt: at(130), lte: at(120) } }, data: { failures: 2 } });
    await t.db.probeRollupMinute.updateMany({ where: { integrationId: id, bucket: { gt: at(30) } }, data: { failures: 4 } });

    const r = await backtestRule(t.db, draft({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 5 }), { days: 1, now: NOW });
    expect(r).toMatchObject({
      supported: true,
      evaluatedIntegrations: 1,
      seriesIntegrationId: id,
      unit: "%",
      threshold: 20,
      resolveThreshold: null,
      note: null,
    });
    expect(r.firings).toHaveLength(2);
    expect(r.firings[0]).toMatchObject({ integrationId: id, integrationName: "Payments", peak: 50 });
    expect(r.firings[0]!.end).not.toBeNull();
    expect(Date.parse(r.firings[0]!.start)).toBeGreaterThan(at(130).getTime());
    expect(r.firings[1]).toMatchObject({ end: null, peak: 100 });
    expect(r.series).toHaveLength(24 * 60 + 1);
    expect(r.series.at(-1)).toEqual({ t: new Date(NOW).toISOString(), value: 100 });
  });

  it("pending and hysteresis shape the replay as they would live", async () => {
    const id = await integration("Payments");
    await rollups(id, 120, 60, 4);
    await rollups(id, 60, 0, 1); // 25%: above the resolve threshold, so it keeps firing
    const hysteresis = await backtestRule(t.db, draft({ kind: "error_rate", thresholdPct: 50, resolvePct: 10, windowMinutes: 5, minSamples: 5 }), {
      days: 1,
      now: NOW,
    });
    expect(hysteresis.firings).toHaveLength(1);
    expect(hysteresis.firings[0]!.end).toBeNull();
    expect(hysteresis.resolveThreshold).toBe(10);
    // Ten minutes of pending: it fires ten minutes after the condition first holds.
    const plain = await backtestRule(t.db, draft({ kind: "error_rate", thresholdPct: 50, windowMinutes: 5, minSamples: 5 }), { days: 1, now: NOW });
    const pending = await backtestRule(t.db, draft({ kind: "error_rate", thresholdPct: 50, windowMinutes: 5, minSamples: 5 }, { pendingSeconds: 600 }), {
      days: 1,
      now: NOW,
    });
    expect(Date.parse(pending.firings[0]!.start) - Date.parse(plain.firings[0]!.start)).toBe(10 * MIN);
  });

  it("latency percentile over merged histograms", async () => {
    const id = await integration("Search");
    await rollups(id, 60, 30, 0, 2_000);
    await rollups(id, 30, 0, 0, 50);
    const r = await backtestRule(t.db, draft({ kind: "latency", percentile: "p95", thresholdMs: 1_000, windowMinutes: 5, minSamples: 5 }), {
      days: 1,
      now: NOW,
    });
    expect(r.firings).toHaveLength(1);
    expect(r.firings[0]!.end).not.toBeNull();
    expect(r.firings[0]!.peak).toBeGreaterThanOrEqual(2_000);
  });

  it("run kinds replay the runs; the series shows one value per minute", async () => {
    const id = await integration("Mail");
    const oks = [true, false, false, false, true, true, false, true];
    await createProbeRuns(t.db, {
      data: oks.map((ok, i) => ({
        integrationId: id,
        startedAt: at(60 - i * 5),
        finishedAt: at(60 - i * 5),
        ok,
        attempts: 1,
        circuitState: "closed" as const,
        trigger: "scheduled" as const,
        trace: {},
      })),
    });
    const streak = await backtestRule(t.db, draft({ kind: "consecutive_failures", count: 3 }), { days: 1, now: NOW });
    expect(streak.firings).toEqual([{ integrationId: id, integrationName: "Mail", start: at(45).toISOString(), end: at(40).toISOString(), peak: 3 }]);
    expect(streak.note).toContain("run by run");
    const nOfM = await backtestRule(t.db, draft({ kind: "failures_of_last", failures: 2, of: 4 }), { days: 1, now: NOW });
    expect(nOfM.firings.map((f) => [f.start, f.end])).toEqual([[at(50).toISOString(), at(25).toISOString()]]);
  });

  it("circuit open replays the transitions; failed trials do not restart the clock", async () => {
    const id = await integration("Queue");
    const tr = (from: "closed" | "open" | "half_open", to: "closed" | "open" | "half_open", ago: number) => ({
      integrationId: id,
      from,
      to,
      reason: "",
      at: at(ago),
    });
    await t.db.circuitTransition.createMany({
      data: [tr("closed", "open", 100), tr("open", "half_open", 98), tr("half_open", "open", 98), tr("open", "half_open", 80), tr("half_open", "closed", 80)],
    });
    const r = await backtestRule(t.db, draft({ kind: "circuit_open", openForSeconds: 600 }), { days: 1, now: NOW });
    expect(r.firings.map((f) => [f.start, f.end])).toEqual([[at(90).toISOString(), at(80).toISOString()]]);
  });

  it("scope, the cap and the charted integration", async () => {
    const a = await integration("A", ["pay"]);
    const b = await integration("B", ["pay"]);
    await integration("C");
    await rollups(b, 30, 0, 4);
    const r = await backtestRule(
      t.db,
      draft({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 5 }, { scope: { kind: "tag", tag: "pay" } }),
      { days: 1, now: NOW },
    );
    expect(r.evaluatedIntegrations).toBe(2);
    expect(r.seriesIntegrationId).toBe(b); // the one that fired
    const chosen = await backtestRule(t.db, draft({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 5 }), {
      days: 1,
      now: NOW,
      integrationId: a,
    });
    expect(chosen.seriesIntegrationId).toBe(a);
    expect(chosen.series.every((p) => p.value === null)).toBe(true);
  });

  it("says when it replays integrations probed from several locations, whose live rule goes by a quorum", async () => {
    const id = await integration("Located");
    await t.db.integration.update({ where: { id }, data: { locations: ["eu-west", "us-east"], quorum: 1 } });
    await rollups(id, 30, 0, 0);
    const r = await backtestRule(t.db, draft({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 3 }), { now: NOW, days: 1 });
    expect(r.note).toBe(
      "One integration in scope is probed from several locations: the backtest replays its locations' results mixed, not by the quorum the live rule goes by.",
    );
    await integration("Anywhere");
    const unlocated = await backtestRule(
      t.db,
      draft(
        { kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 3 },
        { scope: { kind: "integration", integrationId: (await t.db.integration.findFirstOrThrow({ where: { name: "Anywhere" } })).id } },
      ),
      { now: NOW, days: 1 },
    );
    expect(unlocated.note).toBeNull();
  });

  it("kinds without history say they cannot be backtested", async () => {
    await integration("A");
    for (const condition of [
      { kind: "tls_expiry", days: 14 },
      { kind: "credential_expiry", days: 7 },
      { kind: "webhook_silence", silentMinutes: 30 },
      { kind: "webhook_failure_rate", thresholdPct: 10, windowMinutes: 60 },
    ]) {
      const r = await backtestRule(t.db, draft(condition), { days: 7, now: NOW });
      expect(r).toMatchObject({ supported: false, firings: [], series: [] });
      expect(r.note).toMatch(/cannot be backtested: /);
    }
  });
});
