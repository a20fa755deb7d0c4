// Integration use cases against a real database and a real HTTP target: what the API and dashboard rely on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { createDb } from "../db/client";
import { startDemoTarget, type DemoTarget } from "../demo/target-server";
import { createTestDb, type TestDb } from "../testing/postgres";
import { executeProbe } from "../scheduler/execute-probe";
import { createIntegration, deleteIntegration, getIntegration, listIntegrations, updateIntegration } from "./crud";
import { getSeries } from "./series";
import { listRuns } from "./runs";
import { probeNow } from "./probe-now";

let t: TestDb;
let target: DemoTarget;

beforeAll(async () => {
  t = await createTestDb();
  target = await startDemoTarget({ port: 0, random: () => 0.5 });
});
afterAll(async () => {
  await target.close();
  await t.close();
});
beforeEach(async () => {
  await t.db.integration.deleteMany();
});

const input = (over: Record<string, unknown> = {}) => ({
  name: "Payments",
  kind: "http",
  intervalSeconds: 30,
  timeoutMs: 1_000,
  retryAttempts: 0,
  breakerThreshold: 2,
  breakerCooldownSeconds: 60,
  config: { url: `${target.url}/healthy` },
  ...over,
});

describe("integrations service", () => {
  it("rejects bad input with field errors and writes nothing", async () => {
    for (const bad of [input({ config: { url: "not-a-url" } }), input({ intervalSeconds: -1 }), input({ kind: "carrier-pigeon" })]) {
      await expect(createIntegration(t.db, bad)).rejects.toBeInstanceOf(z.ZodError);
    }
    expect(await t.db.integration.count()).toBe(0);
  });

  it("refuses a duplicate name with a 409 that names the field", async () => {
    await createIntegration(t.db, input());
    const err = await createIntegration(t.db, input()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, details: { fields: { name: [expect.any(String)] } } });
  });

  it("probe now records a manual run with its trace, and the overview and detail reflect it", async () => {
    const created = await createIntegration(t.db, input());
    expect(created.status).toBe("pending");
    const run = await probeNow(t.db, created.id);
    expect(run).toMatchObject({ ok: true, trigger: "manual", httpStatus: 200, attempts: 1, circuitState: "closed" });
    expect(run.trace.attempts).toHaveLength(1);
    const [summary] = await listIntegrations(t.db);
    expect(summary).toMatchObject({ id: created.id, status: "healthy", uptime: 1, runs24h: 1, lastRunOk: true });
    expect(summary!.p95Ms).toBeGreaterThan(0);
    expect((await listRuns(t.db, created.id, { limit: 10 })).runs.map((r) => r.id)).toEqual([run.id]);
  });

  it("opens the circuit after the threshold, persists it across a restart, and logs transitions", async () => {
    const created = await createIntegration(t.db, input({ config: { url: `${target.url}/down` } }));
    const t0 = Date.parse("2026-11-24T10:00:00Z");
    await executeProbe(t.db, created.id, { trigger: "scheduled", scheduledFor: new Date(t0), now: () => t0 });
    await executeProbe(t.db, created.id, { trigger: "scheduled", scheduledFor: new Date(t0 + 30_000), now: () => t0 + 30_000 });

    // A new client is a restarted process: the state comes from the database.
    const restarted = createDb(t.url);
    try {
      const detail = await getIntegration(restarted, created.id, t0 + 31_000);
      expect(detail).toMatchObject({ circuit: "open", status: "down", consecutiveFailures: 2 });
      expect(detail.transitions.map((x) => `${x.from}->${x.to}`)).toEqual(["closed->open"]);

      // While open, a scheduled slot is skipped without calling the target.
      const skipped = await executeProbe(restarted, created.id, { trigger: "scheduled", scheduledFor: new Date(t0 + 60_000), now: () => t0 + 60_000 });
      expect(skipped?.result).toMatchObject({ errorClass: "circuit_open", attempts: 0 });

      // After the cooldown the trial runs; the target has recovered, so the circuit closes.
      await updateIntegration(restarted, created.id, { config: { url: `${target.url}/healthy` } }, undefined, t0 + 61_000);
      const trial = await executeProbe(restarted, created.id, { trigger: "scheduled", scheduledFor: new Date(t0 + 95_000), now: () => t0 + 95_000 });
      expect(trial?.result.ok).toBe(true);
      const after = await getIntegration(restarted, created.id, t0 + 96_000);
      expect(after.circuit).toBe("closed");
      expect(after.transitions.map((x) => `${x.from}->${x.to}`)).toEqual(["half_open->closed", "open->half_open", "closed->open"]);
    } finally {
      await restarted.$disconnect();
    }
  });

  it("records a slot once: a second record of the same scheduled slot is reported as a duplicate", async () => {
    const created = await createIntegration(t.db, input());
    const slot = new Date("2026-11-24T11:00:00Z");
    const first = await executeProbe(t.db, created.id, { trigger: "scheduled", scheduledFor: slot });
    const second = await executeProbe(t.db, created.id, { trigger: "scheduled", scheduledFor: slot });
    expect(first?.record.recorded).toBe(true);
    expect(second?.record).toEqual({ recorded: false, reason: "duplicate_slot" });
    expect(await t.db.probeRun.count()).toBe(1);
  });

  it("maintains minute rollups as runs arrive, and serves them as a series", async () => {
    const created = await createIntegration(t.db, input({ config: { url: `${target.url}/flaky` }, retryAttempts: 0 }));
    const minute = Date.parse("2026-11-24T09:30:00Z");
    target.setMode("/flaky", "fail");
    await executeProbe(t.db, created.id, { trigger: "manual", now: () => minute + 1_000 });
    target.setMode("/flaky", "normal");
    // With the target's random source pinned at 0.5, the flaky route passes in normal mode.
    await executeProbe(t.db, created.id, { trigger: "manual", now: () => minute + 20_000 });
    await executeProbe(t.db, created.id, { trigger: "manual", now: () => minute + 40_000 });
    const rollup = await t.db.probeRollupMinute.findFirstOrThrow({ where: { integrationId: created.id } });
    expect(rollup).toMatchObject({ bucket: new Date(minute), count: 3, failures: 1 });
    expect(rollup.latencyHist.reduce((a, b) => a + b, 0)).toBe(3);
    expect(rollup.p50Ms).not.toBeNull();

    const series = await getSeries(t.db, created.id, "1h", minute + 60_000);
    expect(series.stepSeconds).toBe(60);
    expect(series.points).toEqual([expect.objectContaining({ t: new Date(minute).toISOString(), runs: 3, failures: 1 })]);
  });

  it("a partial update is validated as a whole; delete removes everything", async () => {
    const created = await createIntegration(t.db, input());
    await expect(updateIntegration(t.db, created.id, { timeoutMs: 60_000 })).rejects.toBeInstanceOf(z.ZodError);
    const paused = await updateIntegration(t.db, created.id, { enabled: false });
    expect(paused).toMatchObject({ enabled: false, status: "paused", nextRunAt: null });
    await probeNow(t.db, created.id);
    await deleteIntegration(t.db, created.id);
    expect(await t.db.probeRun.count()).toBe(0);
    await expect(getIntegration(t.db, created.id)).rejects.toMatchObject({ status: 404 });
  });
});
