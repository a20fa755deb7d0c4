// Two workers over one database: every due slot is claimed exactly once, expired leases are reclaimable, and
// a slot can be recorded only once even when a lease is outlived.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { refuseInserts, type TestDb } from "../testing/postgres";
import type { DemoTarget } from "../demo/target-server";
import { claimDue, completeClaim, nextDueAfter, releaseUnrecorded } from "./leases";
import { Worker } from "./worker";
import { twoWorkersOverOneDatabase } from "../testing/two-workers";

let t: TestDb;
let secondProcessDb: Db;
let target: DemoTarget;
const T0 = Date.parse("2026-11-24T12:00:00.000Z");

// A second client with its own pool stands in for a second worker process (lib/testing/two-workers.ts).
const env = twoWorkersOverOneDatabase();
beforeAll(() => void ({ t, secondProcessDb, target } = env));

async function seed(count: number, nextRunAt: Date) {
  await t.db.integration.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      name: `svc-${String(i).padStart(4, "0")}`,
      kind: "http" as const,
      config: { method: "GET", url: `${target.url}/healthy`, headers: [], expectedStatus: "2xx" },
      intervalSeconds: 30,
      timeoutMs: 2_000,
      retryAttempts: 0,
      nextRunAt,
    })),
  });
}

describe("row leases", () => {
  it("the next claim is due when a dead worker's lease on a due slot runs out, if that comes before the next slot", async () => {
    await seed(2, new Date(T0 + 60_000));
    const [first] = await t.db.integration.findMany({ orderBy: { name: "asc" } });
    await t.db.integration.update({ where: { id: first!.id }, data: { nextRunAt: new Date(T0 - 1_000) } });
    const [claim] = await claimDue(t.db, { workerId: "worker-dead", now: new Date(T0), limit: 1, leaseMarginMs: 5_000 });
    expect(claim?.integrationId).toBe(first!.id);
    // Leased from T0 for its timeout (2 s) and the margin (5 s): the other worker claims again then, not at T0 + 60 s.
    const horizon = new Date(T0 + 1_250);
    expect((await nextDueAfter(t.db, horizon, null, new Date(T0 + 100)))?.getTime()).toBe(T0 + 7_000);
    // Once it has run out, the read looks past it (the claim before the read takes it): the next slot.
    expect((await nextDueAfter(t.db, new Date(T0 + 8_250), null, new Date(T0 + 8_000)))?.getTime()).toBe(T0 + 60_000);
  });

  it("two workers claiming concurrently in batches never claim the same slot", async () => {
    await seed(300, new Date(T0 - 1_000));
    const now = new Date(T0);
    const claimAll = async (db: Db, workerId: string) => {
      const mine: string[] = [];
      for (;;) {
        const batch = await claimDue(db, { workerId, now, limit: 7 });
        if (batch.length === 0) return mine;
        mine.push(...batch.map((c) => c.integrationId));
      }
    };
    const [a, b] = await Promise.all([claimAll(t.db, "worker-a"), claimAll(secondProcessDb, "worker-b")]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(300);
    expect(a.length + b.length).toBe(300);
  });

  it("does not claim slots that are not due, and reclaims a slot whose lease expired", async () => {
    await seed(2, new Date(T0 + 60_000));
    expect(await claimDue(t.db, { workerId: "w", now: new Date(T0), limit: 10 })).toEqual([]);

    const due = new Date(T0 + 60_000);
    const first = await claimDue(t.db, { workerId: "dead-worker", now: due, limit: 10 });
    expect(first).toHaveLength(2);
    // Still leased a second later...
    expect(await claimDue(secondProcessDb, { workerId: "w2", now: new Date(due.getTime() + 1_000), limit: 10 })).toEqual([]);
    // ...but the lease (2 s timeout x 1 attempt + 15 s margin) has expired after 18 s.
    expect(await claimDue(secondProcessDb, { workerId: "w2", now: new Date(due.getTime() + 16_000), limit: 10 })).toEqual([]);
    const reclaimed = await claimDue(secondProcessDb, { workerId: "w2", now: new Date(due.getTime() + 18_000), limit: 10 });
    expect(reclaimed.map((c) => c.slot.toISOString())).toEqual(first.map((c) => c.slot.toISOString()));
  });

  it("completing a claim moves to the next slot; a worker that lost its lease cannot complete", async () => {
    await seed(1, new Date(T0));
    const [claim] = await claimDue(t.db, { workerId: "w1", now: new Date(T0), limit: 1 });
    expect(await completeClaim(t.db, claim!, { workerId: "someone-else", now: new Date(T0 + 500) })).toBe(false);
    expect(await completeClaim(t.db, claim!, { workerId: "w1", now: new Date(T0 + 500) })).toBe(true);
    const row = await t.db.integration.findFirstOrThrow();
    expect(row.nextRunAt.getTime()).toBe(T0 + 30_000);
    expect(row.leaseOwner).toBeNull();
  });

  it("two Worker instances ticking together run every due integration exactly once for the slot", async () => {
    await seed(40, new Date(T0 - 5_000));
    const now = () => T0;
    const a = new Worker({ db: t.db, concurrency: 15, workerId: "A", now, logger: silent });
    const b = new Worker({ db: secondProcessDb, concurrency: 15, workerId: "B", now, logger: silent });
    // Tick until all are claimed; each tick claims at most its free capacity.
    for (let i = 0; i < 10; i++) {
      await Promise.all([a.tick(), b.tick()]);
      await Promise.all([a.drain(), b.drain()]);
    }
    const runs = await t.db.probeRun.findMany({ select: { integrationId: true, scheduledFor: true, workerId: true, ok: true } });
    expect(runs).toHaveLength(40);
    expect(new Set(runs.map((r) => r.integrationId)).size).toBe(40);
    expect(runs.every((r) => r.ok && r.scheduledFor?.getTime() === T0 - 5_000)).toBe(true);
    expect(new Set(runs.map((r) => r.workerId))).toEqual(new Set(["A", "B"]));
    const next = await t.db.integration.findMany({ select: { nextRunAt: true, leaseOwner: true } });
    expect(next.every((n) => n.nextRunAt.getTime() === T0 + 25_000 && n.leaseOwner === null)).toBe(true);
  });
});

describe("claiming in chunks", () => {
  it("a claim takes at most a chunk; a started worker that is behind takes the rest at once and runs every slot once", async () => {
    const due = Date.now() - 2_000;
    await seed(30, new Date(due));
    const worker = new Worker({ db: t.db, concurrency: 100, workerId: "C", claimChunk: 7, logger: silent, metricsRenderEveryMs: 0, statusSnapshotEveryMs: 0 });
    expect(await worker.tick()).toHaveLength(7);
    await worker.drain();
    worker.start();
    try {
      await expect.poll(() => t.db.probeRun.count(), { timeout: 20_000, interval: 100 }).toBe(30);
    } finally {
      await worker.stop();
    }
    const runs = await t.db.probeRun.findMany({ select: { integrationId: true, scheduledFor: true } });
    expect(new Set(runs.map((r) => r.integrationId)).size).toBe(30);
    expect(runs.every((r) => r.scheduledFor?.getTime() === due)).toBe(true);
    expect(await t.db.integration.count({ where: { nextRunAt: { lte: new Date(due) } } })).toBe(0);
  });
});

describe("a run that cannot be recorded", () => {
  it("does not advance the slot: the lease expires and the slot runs again", async () => {
    await seed(1, new Date(T0));
    // The database refuses new runs, as a full disk or an exhausted pool would.
    const accept = await refuseInserts(t.db, "ProbeRun", "refusing runs");
    let now = T0;
    const worker = new Worker({ db: t.db, concurrency: 5, workerId: "W", now: () => now, logger: silent, leaseMarginMs: 1_000 });
    try {
      expect(await worker.tick()).toHaveLength(1);
      await worker.drain();
      expect(await t.db.integration.findFirstOrThrow()).toMatchObject({ nextRunAt: new Date(T0), leaseOwner: "W" });
      expect(await t.db.probeRun.count()).toBe(0);
    } finally {
      await accept();
    }
    // Before the lease expires nothing is claimable; after it, the same slot runs and is recorded.
    now = T0 + 1_500;
    expect(await worker.tick()).toHaveLength(0);
    now = T0 + 4_000;
    expect((await worker.tick()).map((c) => c.slot.getTime())).toEqual([T0]);
    await worker.drain();
    expect(await t.db.probeRun.findMany({ select: { scheduledFor: true } })).toEqual([{ scheduledFor: new Date(T0) }]);
    expect((await t.db.integration.findFirstOrThrow()).nextRunAt.getTime()).toBe(T0 + 30_000);
  });
});

describe("a run not recorded because the database went away", () => {
  it("gives its slot back at the next claim, which runs it again without waiting for the lease to run out", async () => {
    await seed(1, new Date(T0));
    // The record statement fails as it does when PostgreSQL shuts down under it (SQLSTATE 57P01).
    const accept = await refuseInserts(t.db, "ProbeRun", "terminating connection due to administrator command", "57P01");
    let now = T0;
    const worker = new Worker({ db: t.db, concurrency: 5, workerId: "W", now: () => now, logger: silent, leaseMarginMs: 60_000 });
    try {
      expect(await worker.tick()).toHaveLength(1);
      await worker.drain();
      expect(await t.db.integration.findFirstOrThrow()).toMatchObject({ nextRunAt: new Date(T0), leaseOwner: "W" });
    } finally {
      await accept();
    }
    // The lease would hold for a minute; the next claim, a second later, gives it back and takes the slot again.
    now = T0 + 1_000;
    expect((await worker.tick()).map((c) => c.slot.getTime())).toEqual([T0]);
    await worker.drain();
    expect(await t.db.probeRun.findMany({ select: { scheduledFor: true } })).toEqual([{ scheduledFor: new Date(T0) }]);
    expect(await t.db.integration.findFirstOrThrow()).toMatchObject({ nextRunAt: new Date(T0 + 30_000), leaseOwner: null });
  });

  it("gives back only a lease this worker still holds on that very slot", async () => {
    await seed(1, new Date(T0));
    const [claim] = await claimDue(t.db, { workerId: "W", now: new Date(T0), limit: 1 });
    // Another worker took the slot over after W's lease ran out: W's failed run gives nothing back.
    await t.db.integration.updateMany({ data: { leaseOwner: "X" } });
    expect(await releaseUnrecorded(t.db, "W", [claim!])).toBe(0);
    expect((await t.db.integration.findFirstOrThrow()).leaseOwner).toBe("X");
    // A statement that committed before its connection broke moved the slot on: nothing to give back either.
    await t.db.integration.updateMany({ data: { leaseOwner: "W", nextRunAt: new Date(T0 + 30_000) } });
    expect(await releaseUnrecorded(t.db, "W", [claim!])).toBe(0);
    await t.db.integration.updateMany({ data: { nextRunAt: new Date(T0) } });
    expect(await releaseUnrecorded(t.db, "W", [claim!])).toBe(1);
    expect(await t.db.integration.findFirstOrThrow()).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    // A location's slot is given back on its own row, the integration's left as it is.
    const { id } = await t.db.integration.findFirstOrThrow();
    await t.db.integration.update({ where: { id }, data: { locations: ["eu-west"], leaseOwner: "W" } });
    await t.db.integrationLocation.create({
      data: { integrationId: id, location: "eu-west", nextRunAt: new Date(T0), leaseOwner: "W", leaseExpiresAt: new Date(T0 + 60_000) },
    });
    expect(await releaseUnrecorded(t.db, "W", [{ integrationId: id, slot: new Date(T0), location: "eu-west" }])).toBe(1);
    expect(await t.db.integrationLocation.findFirstOrThrow()).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    expect((await t.db.integration.findFirstOrThrow()).leaseOwner).toBe("W");
  });
});

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
