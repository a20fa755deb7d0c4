// The stored status against the one decided from scratch: through every case of healthOf, written by the paths that
// keep it (the worker's recorder, an edit, the sweep), it must equal what the full list computes in JS at that moment.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProbeRunResult } from "../domain/probe-run";
import type { HealthStatus } from "../domain/health";
import { createIntegration, listIntegrations, updateIntegration } from "../integrations/crud";
import { DaySummaryJob } from "../scheduler/day-summary-job";
import { RunRecorder } from "../scheduler/run-recorder";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createLogger } from "../observability/logger";
import pg from "pg";
import { refreshStatuses } from "./integration-status";

let t: TestDb;
const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.parse("2026-11-24T12:20:00.000Z");
let clock = NOW;
let recorder: RunRecorder;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.db.integration.deleteMany();
  clock = NOW;
  recorder = new RunRecorder(t.db, { now: () => clock });
});

const POLICY = { failureThreshold: 3, cooldownMs: 60_000 };

function result(at: number, ok: boolean): ProbeRunResult {
  return {
    startedAt: at,
    finishedAt: at + 20,
    ok,
    latencyMs: 20,
    httpStatus: ok ? 200 : 503,
    errorClass: ok ? null : "http_status",
    errorMessage: ok ? null : "HTTP 503, expected 2xx",
    attempts: 1,
    trace: {
      circuitBefore: "closed",
      circuitAdmission: "allowed",
      attempts: [],
      totalMs: 20,
      policy: { retries: 0, timeoutMs: 1_000, breakerThreshold: 3, breakerCooldownMs: 60_000 },
    },
  };
}

const run = (integrationId: string, at: number, ok: boolean) =>
  recorder.record({ integrationId, result: result(at, ok), trigger: "manual", scheduledFor: null, workerId: null, circuitPolicy: POLICY });

async function create(name: string, over: Record<string, unknown> = {}): Promise<string> {
  const detail = await createIntegration(
    t.db,
    { name, kind: "http", intervalSeconds: 30, timeoutMs: 1_000, retryAttempts: 0, breakerThreshold: 3, config: { url: "http://127.0.0.1:9/" }, ...over },
    undefined,
    clock,
  );
  return detail.id;
}

/** The stored status, after asserting it is the one the full list decides (healthOf in JS) right now. */
async function status(id: string): Promise<HealthStatus> {
  const row = await t.db.integration.findUniqueOrThrow({ where: { id }, select: { status: true, errorRate: true } });
  const computed = (await listIntegrations(t.db, clock)).find((i) => i.id === id)!;
  expect(row.status).toBe(computed.status);
  expect(row.errorRate).toBe(computed.errorRate);
  return row.status;
}

describe("stored status", () => {
  it("follows every case of healthOf as runs are recorded and the integration is edited", async () => {
    const id = await create("svc");
    expect(await status(id)).toBe("pending");
    expect(await status(await create("off", { enabled: false }))).toBe("paused");

    await run(id, NOW - 10 * MIN, true);
    expect(await status(id)).toBe("healthy");
    // One failed run is a blip (degraded), two in a row are down, the third opens the circuit (down).
    await run(id, NOW - 9 * MIN, false);
    expect(await status(id)).toBe("degraded");
    await run(id, NOW - 8 * MIN, false);
    expect(await status(id)).toBe("down");
    await run(id, NOW - 7 * MIN, false);
    expect((await t.db.circuitState.findUniqueOrThrow({ where: { integrationId: id } })).state).toBe("open");
    expect(await status(id)).toBe("down");
    // After the cooldown a passing run closes the circuit, but 3 of 5 failed in the window: degraded by error rate.
    await run(id, NOW - 5 * MIN, true);
    expect((await t.db.circuitState.findUniqueOrThrow({ where: { integrationId: id } })).state).toBe("closed");
    expect(await status(id)).toBe("degraded");

    // Paused and resumed by an edit.
    await updateIntegration(t.db, id, { enabled: false }, undefined, clock);
    expect(await status(id)).toBe("paused");
    await updateIntegration(t.db, id, { enabled: true }, undefined, clock);
    expect(await status(id)).toBe("degraded");
  });

  it("a half-open circuit is degraded, and the sweep moves a status with the 24-hour window", async () => {
    const id = await create("svc");
    for (let k = 0; k < 20; k++) await run(id, NOW - 20 * MIN + k * MIN, k !== 0); // 1 of 20 failed: 5%, not above it
    expect(await status(id)).toBe("healthy");
    await run(id, NOW - 30_000, false);
    await run(id, NOW - 10_000, true); // 2 of 22: degraded by error rate
    expect(await status(id)).toBe("degraded");

    // Written around the recorder (as a seed would): stale until the sweep decides it again.
    await t.db.circuitState.update({ where: { integrationId: id }, data: { state: "half_open" } });
    await t.db.probeRollupHour.deleteMany({ where: { integrationId: id } });
    expect((await t.db.integration.findUniqueOrThrow({ where: { id } })).errorRate).not.toBeNull();
    const sweep = (now: number) => new DaySummaryJob(t.db, createLogger("test", "error"), 1).maybeRun(now);
    await sweep(clock);
    expect(await status(id)).toBe("degraded");
    await t.db.circuitState.update({ where: { integrationId: id }, data: { state: "closed" } });
    expect(await refreshStatuses(t.db, [id], clock)).toBe(1);
    expect(await status(id)).toBe("healthy");

    // Hours that have closed count once the worker has summarized them; a day later they no longer count.
    const other = await create("other");
    await run(other, NOW - 3 * HOUR, false);
    await run(other, NOW - 3 * HOUR + MIN, true);
    await sweep(clock);
    expect(await status(other)).toBe("degraded");
    clock = NOW + 22 * HOUR;
    await sweep(clock);
    expect(await status(other)).toBe("healthy");
    // Nothing changed: nothing written.
    expect(await refreshStatuses(t.db, null, clock)).toBe(0);
  });

  it("a claimed run stores the status in the statement that moves its slot; a refused one changes neither", async () => {
    const id = await create("claimed");
    const claim = async (slot: number, at: number, ok: boolean) => {
      await t.db.integration.update({ where: { id }, data: { nextRunAt: new Date(slot), leaseOwner: "w1" } });
      return recorder.record({
        integrationId: id,
        result: result(at, ok),
        trigger: "scheduled",
        scheduledFor: new Date(slot),
        workerId: "w1",
        circuitPolicy: POLICY,
        complete: { workerId: "w1", slot: new Date(slot), nextRunAt: new Date(slot + 30_000) },
      });
    };
    const row = () => t.db.integration.findUniqueOrThrow({ where: { id }, select: { nextRunAt: true, leaseOwner: true, statusAt: true } });
    const first = NOW - 2 * MIN;
    expect(await claim(first, first + 5, true)).toMatchObject({ recorded: true, completed: true });
    expect(await status(id)).toBe("healthy");
    expect(await row()).toEqual({ nextRunAt: new Date(first + 30_000), leaseOwner: null, statusAt: new Date(clock) });

    // The same status again: the slot moves, the time the status was decided does not.
    const decidedAt = clock;
    clock += MIN;
    expect(await claim(first + 30_000, first + 30_005, true)).toMatchObject({ recorded: true, completed: true });
    expect(await row()).toEqual({ nextRunAt: new Date(first + 60_000), leaseOwner: null, statusAt: new Date(decidedAt) });

    // A failing run for a slot that is no longer current (recorded elsewhere): refused, nothing stored.
    const refused = await recorder.record({
      integrationId: id,
      result: result(first + 31_000, false),
      trigger: "scheduled",
      scheduledFor: new Date(first),
      workerId: "w2",
      circuitPolicy: POLICY,
      complete: { workerId: "w2", slot: new Date(first), nextRunAt: new Date(first + 30_000) },
    });
    expect(refused).toEqual({ recorded: false, reason: "duplicate_slot" });
    expect(await status(id)).toBe("healthy");
    expect((await row()).nextRunAt).toEqual(new Date(first + 60_000));

    // The next slot fails: degraded, decided now.
    expect(await claim(first + 60_000, first + 60_005, false)).toMatchObject({ recorded: true, completed: true });
    expect(await status(id)).toBe("degraded");
    expect((await row()).statusAt).toEqual(new Date(clock));
  });

  it("after an upgrade, a worker's first turn decides every status before it builds the day summaries", async () => {
    const id = await create("svc");
    const old = await create("old");
    await run(id, NOW - 3 * HOUR, true); // a closed hour: the day summary is still to build
    await run(id, NOW - 10 * MIN, true);
    await run(old, NOW - 10 * MIN, false);
    // As the migration that added the column left every row: the default, never decided.
    await t.db.$executeRaw`UPDATE "Integration" SET status = 'pending', "errorRate" = NULL, "statusAt" = NULL`;
    // The build's writes wait on this lock (reads do not), so the turn is stuck in its build until it is released.
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    try {
      await blocker.query(`BEGIN; LOCK TABLE "ProbeDaySummary" IN SHARE MODE`);
      const turn = new DaySummaryJob(t.db, createLogger("test", "error"), 60_000).maybeRun(clock);
      await expect.poll(() => t.db.integration.findUniqueOrThrow({ where: { id: old } }).then((r) => r.status)).toBe("degraded");
      expect((await t.db.integration.findUniqueOrThrow({ where: { id } })).status).toBe("healthy");
      expect(await t.db.probeDaySummary.count()).toBe(0); // still building
      await blocker.query("COMMIT");
      expect(await turn).toBeGreaterThan(0);
    } finally {
      await blocker.end();
    }
    expect(await status(id)).toBe("healthy");
    expect(await status(old)).toBe("degraded");
  });
});
