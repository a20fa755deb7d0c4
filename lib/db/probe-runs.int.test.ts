// Recording runs against a real database: rollups equal what the domain functions compute from the raw runs,
// the circuit steps and logs its transitions, duplicates and vanished integrations are reported, concurrent
// runs of one integration all land (optimistic lock), and a scheduled slot moves on only for its lease holder.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { histogramOf, histogramQuantile, toSparse } from "../domain/latency-histogram";
import { summarize } from "../domain/percentiles";
import type { ProbeRunResult } from "../domain/probe-run";
import { createTestDb, type TestDb } from "../testing/postgres";
import { recordProbeRun, recordProbeRuns, type RecordRunInput } from "./probe-runs";

let t: TestDb;
const HOUR = Date.parse("2026-11-24T09:00:00.000Z");
const policy = { failureThreshold: 2, cooldownMs: 60_000 };

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.integration.deleteMany();
});

async function integration(name = "svc"): Promise<string> {
  const row = await t.db.integration.create({
    data: {
      name,
      kind: "http",
      config: { method: "GET", url: "http://127.0.0.1:1/", headers: [], expectedStatus: "2xx" },
      intervalSeconds: 30,
      timeoutMs: 1_000,
    },
  });
  return row.id;
}

function result(at: number, latencyMs: number | null, ok = true, over: Partial<ProbeRunResult> = {}): ProbeRunResult {
  return {
    startedAt: at,
    finishedAt: at + (latencyMs ?? 0),
    ok,
    latencyMs,
    httpStatus: ok ? 200 : 503,
    errorClass: ok ? null : "http_status",
    errorMessage: ok ? null : "HTTP 503, expected 2xx",
    attempts: 1,
    trace: {
      circuitBefore: "closed",
      circuitAdmission: "allowed",
      attempts: [],
      totalMs: latencyMs ?? 0,
      policy: { retries: 0, timeoutMs: 1_000, breakerThreshold: 2, breakerCooldownMs: 60_000 },
    },
    ...over,
  };
}

const input = (integrationId: string, r: ProbeRunResult, over: Partial<RecordRunInput> = {}): RecordRunInput => ({
  integrationId,
  result: r,
  trigger: "manual",
  scheduledFor: null,
  workerId: null,
  circuitPolicy: { failureThreshold: 100, cooldownMs: 60_000 },
  ...over,
});

describe("recording runs", () => {
  it("keeps minute and hour rollups equal to what the runs say: counts, failures, sum, max, histogram, percentiles", async () => {
    const id = await integration();
    // Two minutes of one hour; latencies as stored (rounded), a failure without latency, one with.
    const runs: [number, number | null, boolean][] = [
      [HOUR + 1_000, 12.4, true],
      [HOUR + 15_000, 30, true],
      [HOUR + 30_000, null, false],
      [HOUR + 45_000, 250.6, false],
      [HOUR + 50_000, 7, true],
      [HOUR + 60_000, 900, true],
      [HOUR + 70_000, 3, true],
      [HOUR + 80_000, 3, true],
    ];
    for (const [at, latency, ok] of runs) await recordProbeRun(t.db, input(id, result(at, latency, ok)));

    for (const minute of [HOUR, HOUR + 60_000]) {
      const inMinute = runs.filter(([at]) => at >= minute && at < minute + 60_000);
      const latencies = inMinute.flatMap(([, l]) => (l === null ? [] : [Math.round(l)]));
      const s = summarize(latencies);
      const row = await t.db.probeRollupMinute.findUniqueOrThrow({ where: { integrationId_bucket: { integrationId: id, bucket: new Date(minute) } } });
      expect(row).toMatchObject({
        count: inMinute.length,
        failures: inMinute.filter(([, , ok]) => !ok).length,
        latencySumMs: s.sum,
        latencyMaxMs: s.max,
        p50Ms: s.p50,
        p95Ms: s.p95,
        p99Ms: s.p99,
        latencyHist: histogramOf(latencies),
      });
    }
    const all = runs.flatMap(([, l]) => (l === null ? [] : [Math.round(l)]));
    const hist = histogramOf(all);
    const max = Math.max(...all);
    const hour = await t.db.probeRollupHour.findUniqueOrThrow({ where: { integrationId_bucket: { integrationId: id, bucket: new Date(HOUR) } } });
    const { idx, cnt } = toSparse(hist);
    expect(hour).toMatchObject({
      count: runs.length,
      failures: 2,
      latencySumMs: all.reduce((a, b) => a + b, 0),
      latencyMaxMs: max,
      p95Ms: histogramQuantile(hist, 0.95, max),
      histIdx: idx,
      histCnt: cnt,
      // Both failures are http_status: counted per class for tether_probe_runs_total{error_class}.
      errorClasses: { http_status: 2 },
    });
    expect(await t.db.probeRun.count()).toBe(runs.length);
  });

  it("steps the circuit, logs its transitions in order, and keeps the latest run on the circuit row", async () => {
    const id = await integration();
    const rec = (at: number, ok: boolean) => recordProbeRun(t.db, input(id, result(at, ok ? 20 : 40, ok), { circuitPolicy: policy }));
    await rec(HOUR, false);
    const opened = await rec(HOUR + 30_000, false);
    expect(opened).toMatchObject({ recorded: true, circuit: { state: "open", consecutiveFailures: 2 } });
    // After the cooldown a success is the half-open trial and closes the circuit.
    await rec(HOUR + 120_000, true);
    const transitions = await t.db.circuitTransition.findMany({ where: { integrationId: id }, orderBy: [{ at: "desc" }, { id: "desc" }] });
    expect(transitions.map((x) => `${x.from}->${x.to}`)).toEqual(["half_open->closed", "open->half_open", "closed->open"]);
    // A run that started earlier but is recorded later does not replace the latest run.
    await recordProbeRun(t.db, input(id, result(HOUR + 60_000, null, false)));
    const circuit = await t.db.circuitState.findUniqueOrThrow({ where: { integrationId: id } });
    expect(circuit).toMatchObject({
      state: "closed",
      consecutiveFailures: 1,
      version: 4,
      lastRunAt: new Date(HOUR + 120_000),
      lastRunOk: true,
      lastRunError: null,
      lastRunLatencyMs: 20,
    });
  });

  it("reports a slot recorded twice and an integration that is gone, and records the rest of the batch", async () => {
    const [a, b] = [await integration("a"), await integration("b")];
    const slot = new Date(HOUR);
    const scheduled = (id: string) => input(id, result(HOUR + 5, 10), { trigger: "scheduled", scheduledFor: slot });
    expect((await recordProbeRun(t.db, scheduled(a))).recorded).toBe(true);
    const gone = "00000000-0000-4000-8000-000000000000";
    const settled = await recordProbeRuns(t.db, [scheduled(a), scheduled(b), scheduled(gone)]);
    expect(settled.map((s) => (s.ok ? (s.outcome.recorded ? "recorded" : s.outcome.reason) : "error"))).toEqual([
      "duplicate_slot",
      "recorded",
      "integration_gone",
    ]);
    expect(await t.db.probeRun.count()).toBe(2);
    expect((await t.db.probeRollupMinute.findFirstOrThrow({ where: { integrationId: a } })).count).toBe(1);
  });

  it("of two workers recording one claimed slot at the same moment, exactly one records it and the other is refused", async () => {
    // No unique index guards the slot (ProbeRun is partitioned): the recording statement's lock on the integration does.
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => integration(`svc-${i}`)));
    const slot = new Date(HOUR);
    await t.db.integration.updateMany({ data: { nextRunAt: slot, leaseOwner: "w1", leaseExpiresAt: new Date(HOUR + 20_000) } });
    const claimed = (id: string, workerId: string, at: number) =>
      input(id, result(at, 10), { trigger: "scheduled", scheduledFor: slot, workerId, complete: { workerId, slot, nextRunAt: new Date(HOUR + 30_000) } });
    const settled = await Promise.all(
      ids.flatMap((id) => [recordProbeRun(t.db, claimed(id, "w1", HOUR + 5)), recordProbeRun(t.db, claimed(id, "w2", HOUR + 7))]),
    );
    for (let k = 0; k < ids.length; k++) {
      const pair = [settled[2 * k]!, settled[2 * k + 1]!];
      expect(pair.filter((o) => o.recorded)).toHaveLength(1);
      expect(pair.filter((o) => !o.recorded)).toEqual([{ recorded: false, reason: "duplicate_slot" }]);
    }
    expect(await t.db.probeRun.count()).toBe(ids.length);
    // The refused run left no trace: one circuit step and one rollup count per integration.
    expect((await t.db.circuitState.findMany()).map((c) => c.version)).toEqual(ids.map(() => 1));
    expect((await t.db.probeRollupMinute.findMany()).map((m) => m.count)).toEqual(ids.map(() => 1));
    expect((await t.db.integration.findMany()).every((i) => i.nextRunAt.getTime() === HOUR + 30_000 && i.leaseOwner === null)).toBe(true);
  });

  it("locks the integrations of located runs first, in id order, before it writes anything of theirs", async () => {
    // A batch that locked its rows in any other order could wait in a circle with another batch or refreshStatuses.
    const [a, b] = (await Promise.all([integration("a"), integration("b")])).sort();
    for (const id of [a!, b!]) await recordProbeRun(t.db, input(id, result(HOUR, 10), { location: "eu-west" }));
    const holder = new pg.Client({ connectionString: t.url });
    const probe = new pg.Client({ connectionString: t.url });
    await Promise.all([holder.connect(), probe.connect()]);
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Integration" WHERE id = $1 FOR UPDATE`, [a]);
      const recording = recordProbeRuns(
        t.db,
        [a!, b!].map((id) => input(id, result(HOUR + 1_000, 10, false), { location: "eu-west" })),
      );
      // Until the batch waits for the first integration's lock.
      for (let waited = 0; ; waited++) {
        const { rows } = await probe.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype IN ('tuple', 'transactionid')`);
        if (rows[0].n > 0) break;
        if (waited > 500) throw new Error("the batch never waited for the held lock");
        await new Promise((r) => setImmediate(r));
      }
      // Waiting at the first integration, it has touched nothing of the second: its circuit row is free.
      await probe.query("BEGIN");
      await expect(probe.query(`SELECT 1 FROM "CircuitState" WHERE "integrationId" = $1 FOR UPDATE NOWAIT`, [b])).resolves.toBeDefined();
      await probe.query("ROLLBACK");
      await holder.query("COMMIT");
      expect((await recording).map((s) => s.ok && s.outcome.recorded)).toEqual([true, true]);
    } finally {
      await Promise.all([holder.end(), probe.end()]);
    }
  });

  it("records every one of many concurrent runs of one integration", async () => {
    const id = await integration();
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => recordProbeRun(t.db, input(id, result(HOUR + i * 100, 10 + i, false)))));
    expect(outcomes.every((o) => o.recorded)).toBe(true);
    const circuit = await t.db.circuitState.findUniqueOrThrow({ where: { integrationId: id } });
    expect(circuit).toMatchObject({ version: 12, consecutiveFailures: 12 });
    expect(await t.db.probeRollupMinute.findFirstOrThrow({ where: { integrationId: id } })).toMatchObject({ count: 12, failures: 12, p50Ms: 15 });
  });

  it("moves a recorded slot on even when the lease has passed to another worker, and never a slot already moved", async () => {
    const [a, b] = [await integration("a"), await integration("b")];
    const slot = new Date(HOUR);
    await t.db.integration.updateMany({ data: { nextRunAt: slot, leaseOwner: "w1", leaseExpiresAt: new Date(HOUR + 20_000) } });
    const complete = { workerId: "w1", slot, nextRunAt: new Date(HOUR + 30_000) };
    const [mine, stolen] = await recordProbeRuns(t.db, [
      input(a, result(HOUR + 5, 10), { trigger: "scheduled", scheduledFor: slot, workerId: "w1", complete }),
      input(b, result(HOUR + 5, 10), { trigger: "scheduled", scheduledFor: slot, workerId: "w2", complete: { ...complete, workerId: "w2" } }),
    ]);
    expect(mine).toMatchObject({ ok: true, outcome: { recorded: true, completed: true } });
    // w2's lease expired and w1 took the slot over; w2's run is recorded first, so the slot is done and moves on.
    expect(stolen).toMatchObject({ ok: true, outcome: { recorded: true, completed: true } });
    expect(await t.db.integration.findUniqueOrThrow({ where: { id: a } })).toMatchObject({ nextRunAt: new Date(HOUR + 30_000), leaseOwner: null });
    expect(await t.db.integration.findUniqueOrThrow({ where: { id: b } })).toMatchObject({ nextRunAt: new Date(HOUR + 30_000), leaseOwner: null });
    // w1, still running b's slot, then finds it recorded: a duplicate, and the slot is not moved again.
    const [late] = await recordProbeRuns(t.db, [input(b, result(HOUR + 6, 10), { trigger: "scheduled", scheduledFor: slot, workerId: "w1", complete })]);
    expect(late).toMatchObject({ ok: true, outcome: { recorded: false } });
    expect(await t.db.integration.findUniqueOrThrow({ where: { id: b } })).toMatchObject({ nextRunAt: new Date(HOUR + 30_000) });
  });
});
