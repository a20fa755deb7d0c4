// Workers in two locations over one database: an integration listing both is run once a slot from each, one
// listing a single location is never run elsewhere, and one listing none is run once a slot by whichever worker.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { createProbeRuns, type TestDb } from "../testing/postgres";
import type { DemoTarget } from "../demo/target-server";
import { createIntegration, getIntegration, updateIntegration } from "../integrations/crud";
import { Worker } from "./worker";
import { twoWorkersOverOneDatabase } from "../testing/two-workers";
import { claimDueAt } from "./location-leases";
import { executeProbe } from "./execute-probe";
import { recordProbeRun } from "../db/probe-runs";
import { refreshStatuses } from "../db/integration-status";
import { enabledIntegrations, loadObservations } from "../alerts/observations";
import type { LoadedRule } from "../alerts/stored-rule";

let t: TestDb;
let secondProcessDb: Db;
let target: DemoTarget;
const T0 = Date.parse("2026-11-24T12:00:00.000Z");
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

// A second client with its own pool stands in for a second worker process (lib/testing/two-workers.ts).
const env = twoWorkersOverOneDatabase();
beforeAll(() => void ({ t, secondProcessDb, target } = env));

const create = (name: string, locations: string[], quorum: number | null = null) =>
  createIntegration(
    t.db,
    {
      name,
      kind: "http",
      config: { method: "GET", url: `${target.url}/healthy`, headers: [], expectedStatus: "2xx" },
      intervalSeconds: 30,
      timeoutMs: 2_000,
      retryAttempts: 0,
      locations,
      quorum,
    },
    undefined,
    T0,
  );

describe("locations", () => {
  it("runs each slot once per listed location, never elsewhere, and unlocated integrations once a slot", async () => {
    const both = await create("both", ["eu-west", "us-east"]);
    const euOnly = await create("eu-only", ["eu-west"]);
    const anywhere = await create("anywhere", []);
    expect((await t.db.integrationLocation.findMany({ orderBy: [{ integrationId: "asc" }, { location: "asc" }] })).map((l) => l.location).sort()).toEqual([
      "eu-west",
      "eu-west",
      "us-east",
    ]);

    let now = T0;
    const eu = new Worker({ db: t.db, concurrency: 10, workerId: "EU", location: "eu-west", now: () => now, logger: silent });
    const us = new Worker({ db: secondProcessDb, concurrency: 10, workerId: "US", location: "us-east", now: () => now, logger: silent });
    // Two slots: each tick pair runs what is due, then time moves to the next slot.
    for (const at of [T0, T0 + 30_000]) {
      now = at;
      for (let i = 0; i < 3; i++) {
        await Promise.all([eu.tick(), us.tick()]);
        await Promise.all([eu.drain(), us.drain()]);
      }
    }
    const runs = await t.db.probeRun.findMany({ select: { integrationId: true, scheduledFor: true, location: true, workerId: true, ok: true } });
    const of = (id: string) =>
      runs
        .filter((r) => r.integrationId === id)
        .map((r) => `${r.scheduledFor!.getTime() - T0}@${r.location ?? "any"}:${r.workerId}`)
        .sort();
    expect(runs.every((r) => r.ok)).toBe(true);
    expect(of(both.id)).toEqual(["0@eu-west:EU", "0@us-east:US", "30000@eu-west:EU", "30000@us-east:US"]);
    expect(of(euOnly.id)).toEqual(["0@eu-west:EU", "30000@eu-west:EU"]);
    const unlocated = of(anywhere.id);
    expect(unlocated.map((r) => r.split(":")[0])).toEqual(["0@any", "30000@any"]);
    // The location rows moved on, the integrations that list locations kept their own slot untouched.
    const slots = await t.db.integrationLocation.findMany();
    expect(slots.every((s) => s.nextRunAt.getTime() === T0 + 60_000 && s.leaseOwner === null)).toBe(true);
    expect((await t.db.integration.findUniqueOrThrow({ where: { id: both.id } })).nextRunAt.getTime()).toBe(T0);
    expect((await t.db.integration.findUniqueOrThrow({ where: { id: anywhere.id } })).nextRunAt.getTime()).toBe(T0 + 60_000);
    await Promise.all([eu.stop(), us.stop()]);
    const detail = await getIntegration(t.db, both.id, T0 + 31_000);
    expect(detail.locations.map((l) => [l.location, l.ok, l.lastRunAt !== null])).toEqual([
      ["eu-west", true, true],
      ["us-east", true, true],
    ]);
    expect(detail.status).toBe("healthy");
  });

  it("a located integration's health goes by its quorum of locations", async () => {
    const i = await create("quorum", ["eu-west", "us-east", "ap-south"], 2);
    const base = { attempts: 1, circuitState: "closed" as const, trigger: "scheduled" as const, trace: {} };
    const add = (location: string, ok: boolean, at: number) =>
      t.db.probeRun.create({
        data: { ...base, integrationId: i.id, location, ok, scheduledFor: new Date(at), startedAt: new Date(at), finishedAt: new Date(at + 20), latencyMs: 20 },
      });
    await add("eu-west", false, T0);
    await add("us-east", true, T0);
    await add("ap-south", true, T0);
    expect((await getIntegration(t.db, i.id, T0 + 1_000)).status).toBe("degraded");
    await add("us-east", false, T0 + 30_000);
    const detail = await getIntegration(t.db, i.id, T0 + 31_000);
    expect(detail.status).toBe("down");
    expect(detail.locations.map((l) => [l.location, l.ok])).toEqual([
      ["eu-west", false],
      ["us-east", false],
      ["ap-south", true],
    ]);
    // Each location's own day, not the pooled figures of the overview; a run more than 24 h old counts for none.
    const day = async (at: number) => (await getIntegration(t.db, i.id, at)).locations.map((l) => [l.location, l.runs24h, l.errorRate24h, l.p95Ms24h]);
    expect(await day(T0 + 31_000)).toEqual([
      ["eu-west", 1, 1, 20],
      ["us-east", 2, 0.5, 20],
      ["ap-south", 1, 0, 20],
    ]);
    expect(await day(T0 + 86_401_000)).toEqual([
      ["eu-west", 0, null, null],
      ["us-east", 1, 1, 20],
      ["ap-south", 0, null, null],
    ]);
    // A "consecutive failures" rule counts the failures the quorum of locations share: eu-west and us-east, 2 each.
    await add("eu-west", false, T0 + 30_000);
    await add("us-east", false, T0 + 60_000);
    await add("eu-west", false, T0 + 60_000);
    const rule = {
      id: "r",
      name: "r",
      enabled: true,
      scope: { kind: "integration", integrationId: i.id },
      condition: { kind: "consecutive_failures", count: 2 },
      channelIds: [],
    } as unknown as LoadedRule;
    const [observed] = await loadObservations(t.db, [rule], await enabledIntegrations(t.db), new Date(T0 + 61_000));
    expect(observed!.targets.map((x) => x.observation)).toEqual([{ kind: "consecutive_failures", failures: 2, lastError: null }]);
  });

  it("error-rate and N-of-last-M rules go by the quorum of locations, so one bad vantage point does not fire them", async () => {
    const i = await create("rates", ["eu-west", "us-east", "ap-south"], 2);
    const base = { integrationId: i.id, attempts: 1, circuitState: "closed" as const, trigger: "scheduled" as const, trace: {}, latencyMs: 20 };
    // The last five slots, a minute apart: eu-west failed all five, us-east one, ap-south none.
    const runs = (location: string, failing: number[]) =>
      [0, 1, 2, 3, 4].map((n) => {
        const at = new Date(T0 - (5 - n) * 60_000);
        return { ...base, location, ok: !failing.includes(n), scheduledFor: at, startedAt: at, finishedAt: at };
      });
    await createProbeRuns(t.db, { data: [...runs("eu-west", [0, 1, 2, 3, 4]), ...runs("us-east", [4]), ...runs("ap-south", [])] });
    const rule = (condition: object) =>
      ({ id: "r", name: "r", enabled: true, scope: { kind: "integration", integrationId: i.id }, condition, channelIds: [] }) as unknown as LoadedRule;
    const rules = [rule({ kind: "error_rate", thresholdPct: 50, windowMinutes: 10, minSamples: 3 }), rule({ kind: "failures_of_last", failures: 3, of: 5 })];
    const observe = async () =>
      (await loadObservations(t.db, rules, await enabledIntegrations(t.db), new Date(T0))).map((r) => r.targets.map((x) => x.observation)[0]);
    const quorum = { needed: 2, listed: 3 };
    // The second-worst location decides: us-east's 1 of 5, not eu-west's 5 of 5 (mixed, they would read 6 of 15).
    expect(await observe()).toEqual([
      { kind: "error_rate", runs: 5, failures: 1, quorum },
      { kind: "failures_of_last", runs: 5, failures: 1, quorum },
    ]);
    // us-east fails three more of its last five: now two locations agree.
    await t.db.probeRun.updateMany({ where: { integrationId: i.id, location: "us-east", startedAt: { gte: new Date(T0 - 4 * 60_000) } }, data: { ok: false } });
    expect(await observe()).toEqual([
      { kind: "error_rate", runs: 5, failures: 4, quorum },
      { kind: "failures_of_last", runs: 5, failures: 4, quorum },
    ]);
    // Too few runs in the window for the quorum: no data, not a reading of one location.
    await t.db.probeRun.deleteMany({ where: { integrationId: i.id, location: { in: ["us-east", "ap-south"] } } });
    expect(await observe()).toEqual([
      { kind: "no_data", reason: "fewer than 2 of 3 locations have 3 runs in the window" },
      { kind: "no_data", reason: "fewer than 2 of 3 locations have run it" },
    ]);
  });

  it("latency rules go by the quorum of locations: the needed-th slowest location's percentile decides", async () => {
    const i = await create("latency", ["eu-west", "us-east", "ap-south"], 2);
    const base = { integrationId: i.id, attempts: 1, circuitState: "closed" as const, trigger: "scheduled" as const, trace: {}, ok: true };
    const runs = (location: string, latencyMs: number) =>
      [1, 2, 3, 4].map((n) => {
        const at = new Date(T0 - n * 60_000);
        return { ...base, location, latencyMs, scheduledFor: at, startedAt: at, finishedAt: at };
      });
    await createProbeRuns(t.db, { data: [...runs("eu-west", 900), ...runs("us-east", 30), ...runs("ap-south", 40)] });
    const rule = {
      id: "r",
      name: "r",
      enabled: true,
      scope: { kind: "integration", integrationId: i.id },
      condition: { kind: "latency", percentile: "p95", thresholdMs: 500, windowMinutes: 10, minSamples: 3 },
      channelIds: [],
    } as unknown as LoadedRule;
    const observe = async () => (await loadObservations(t.db, [rule], await enabledIntegrations(t.db), new Date(T0)))[0]!.targets[0]!.observation;
    // eu-west alone is slow: the second-slowest location (ap-south, 40 ms, read as its histogram bucket's bound) decides.
    expect(await observe()).toEqual({ kind: "latency", samples: 4, valueMs: 40, quorum: { needed: 2, listed: 3 } });
    await t.db.probeRun.updateMany({ where: { integrationId: i.id, location: "ap-south" }, data: { latencyMs: 700 } });
    expect(await observe()).toMatchObject({ kind: "latency", samples: 4, valueMs: 700 });
    await t.db.probeRun.deleteMany({ where: { integrationId: i.id, location: { in: ["us-east", "ap-south"] } } });
    expect(await observe()).toEqual({ kind: "no_data", reason: "fewer than 2 of 3 locations have 3 latency samples in the window" });
  });

  it("each location has a breaker of its own: one bad vantage point opens only its circuit, and the integration's is the quorum's", async () => {
    const i = await createIntegration(
      t.db,
      {
        name: "breakers",
        kind: "http",
        config: { method: "GET", url: `${target.url}/healthy`, headers: [], expectedStatus: "2xx" },
        intervalSeconds: 30,
        timeoutMs: 2_000,
        retryAttempts: 0,
        breakerThreshold: 2,
        breakerCooldownSeconds: 300,
        locations: ["eu-west", "us-east", "ap-south"],
        quorum: 2,
      },
      undefined,
      T0,
    );
    // Locations whose network cannot reach the target: their copy of the claim points at a closed port.
    const cut = new Set<string>();
    const slot = async (at: number, order: string[]) => {
      for (const location of order) {
        const [claim] = await claimDueAt(t.db, { workerId: location, location, now: new Date(at), limit: 1 });
        const claimed = claim!.target!;
        const target = cut.has(location) ? { ...claimed, config: { ...(claimed.config as object), url: "http://127.0.0.1:9/healthy" } } : claimed;
        await executeProbe(t.db, i.id, {
          trigger: "scheduled",
          scheduledFor: claim!.slot,
          workerId: location,
          target,
          claim: { workerId: location, slot: claim!.slot },
          location,
          now: () => at,
          record: (input) => recordProbeRun(t.db, input, at),
        });
      }
    };
    const state = async (at: number) => {
      const [row, detail, locations] = await Promise.all([
        t.db.integration.findUniqueOrThrow({ where: { id: i.id }, include: { circuit: true } }),
        getIntegration(t.db, i.id, at),
        t.db.integrationLocation.findMany({ where: { integrationId: i.id }, orderBy: { location: "asc" } }),
      ]);
      // The overview's stored status and the detail page agree.
      expect(row.status).toBe(detail.status);
      return { status: row.status, circuit: row.circuit!.state, locations: Object.fromEntries(locations.map((l) => [l.location, l.circuitState])) };
    };

    cut.add("eu-west");
    // eu-west's runs of two slots follow each other (last of one slot, first of the next): a breaker shared by the
    // locations opened on them and turned the others' runs away, as failures.
    await slot(T0, ["us-east", "ap-south", "eu-west"]);
    await slot(T0 + 30_000, ["eu-west", "us-east", "ap-south"]);
    await slot(T0 + 60_000, ["us-east", "eu-west", "ap-south"]);
    expect(await state(T0 + 61_000)).toEqual({
      status: "degraded",
      circuit: "closed",
      locations: { "ap-south": "closed", "eu-west": "open", "us-east": "closed" },
    });
    const runs = await t.db.probeRun.findMany({ where: { integrationId: i.id }, orderBy: { startedAt: "asc" } });
    expect(runs.filter((r) => r.location !== "eu-west").map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    expect(runs.filter((r) => r.location === "eu-west").map((r) => r.errorClass)).toEqual(["connect", "connect", "circuit_open"]);

    // A second location loses the target: now the quorum's circuit opens, once, with the location that tipped it.
    cut.add("us-east");
    await slot(T0 + 90_000, ["us-east", "ap-south", "eu-west"]);
    expect(await state(T0 + 91_000)).toMatchObject({ status: "down", circuit: "closed" });
    await slot(T0 + 120_000, ["ap-south", "us-east", "eu-west"]);
    expect(await state(T0 + 121_000)).toEqual({ status: "down", circuit: "open", locations: { "ap-south": "closed", "eu-west": "open", "us-east": "open" } });
    const [opened] = await t.db.circuitTransition.findMany({ where: { integrationId: i.id } });
    expect(opened).toMatchObject({
      from: "closed",
      to: "open",
      reason: "us-east: 2 consecutive failures reached the threshold of 2; 2 of 3 locations open (quorum 2)",
    });

    // Both come back; after the cooldown each location's trial closes its own breaker, and the quorum's follows.
    cut.clear();
    await slot(T0 + 600_000, ["eu-west", "us-east", "ap-south"]);
    expect(await state(T0 + 601_000)).toMatchObject({ circuit: "closed", locations: { "ap-south": "closed", "eu-west": "closed", "us-east": "closed" } });
    // The first trial to pass (eu-west's) leaves one location open, fewer than the quorum: the integration's closes.
    expect((await t.db.circuitTransition.findMany({ where: { integrationId: i.id }, orderBy: { id: "asc" } })).map((c) => [c.from, c.to, c.reason])).toEqual([
      ["closed", "open", "us-east: 2 consecutive failures reached the threshold of 2; 2 of 3 locations open (quorum 2)"],
      ["open", "closed", "eu-west: trial probe succeeded; 2 of 3 locations closed (quorum 2)"],
    ]);
  });

  it("two workers in each of two locations over the same integrations run every slot once per location, with no deadlock", async () => {
    const ids = (await Promise.all(Array.from({ length: 24 }, (_, n) => create(`shared-${n}`, ["eu-west", "us-east"])))).map((i) => i.id);
    // A stored status sweep of these (locking them in id order) runs beside the recorders.
    const sweeps: Promise<unknown>[] = [];
    const errors: unknown[] = [];
    const logger = { ...silent, error: (message: string, fields?: unknown) => void errors.push({ message, fields }), child: () => logger };
    let now = T0;
    const dbs = [t.db, secondProcessDb];
    const workers = ["eu-west", "us-east"].flatMap((location, l) =>
      [0, 1].map(
        (n) =>
          new Worker({
            db: dbs[(l + n) % 2]!,
            concurrency: 8,
            claimChunk: 5,
            workerId: `${location}-${n}`,
            location,
            now: () => now,
            logger,
            recorder: { gatherMs: 5, maxGatherMs: 5 },
          }),
      ),
    );
    for (const at of [T0, T0 + 30_000, T0 + 60_000]) {
      now = at;
      for (let i = 0; i < 4; i++) {
        sweeps.push(refreshStatuses(t.db, ids, at));
        await Promise.all(workers.map((w) => w.tick()));
        await Promise.all(workers.map((w) => w.drain()));
      }
    }
    await Promise.all(sweeps);
    await Promise.all(workers.map((w) => w.stop()));
    expect(errors).toEqual([]);
    const runs = await t.db.probeRun.groupBy({ by: ["integrationId", "location", "scheduledFor"], _count: true });
    expect(runs.length).toBe(ids.length * 2 * 3);
    expect(runs.every((r) => r._count === 1)).toBe(true);
    // Claims by location carry the latest readings as the unlocated claims do.
    await t.db.circuitState.update({ where: { integrationId: ids[0]! }, data: { lastDetails: { tls: { daysLeft: 40 } } } });
    const claimed = await claimDueAt(t.db, { workerId: "probe", location: "eu-west", now: new Date(T0 + 90_000), limit: 24 });
    expect(claimed.find((c) => c.integrationId === ids[0])!.target!.lastDetails).toEqual({ tls: { daysLeft: 40 } });
    expect(claimed.every((c) => c.location === "eu-west" && c.target!.circuit.version > 0)).toBe(true);
  });

  it("a worker without a location runs only unlocated integrations", async () => {
    await create("eu-only", ["eu-west"]);
    const anywhere = await create("anywhere", []);
    const w = new Worker({ db: t.db, concurrency: 10, workerId: "W", now: () => T0, logger: silent });
    await w.tick();
    await w.drain();
    expect(await t.db.probeRun.findMany({ select: { integrationId: true, location: true } })).toEqual([{ integrationId: anywhere.id, location: null }]);
    await w.stop();
  });

  it("keeps the location rows in step with an edit of the list", async () => {
    const i = await create("moving", ["eu-west", "us-east"]);
    await updateIntegration(t.db, i.id, { locations: ["us-east", "ap-south"] }, undefined, T0 + 5_000);
    const rows = await t.db.integrationLocation.findMany({ where: { integrationId: i.id }, orderBy: { location: "asc" } });
    expect(rows.map((r) => [r.location, r.nextRunAt.getTime()])).toEqual([
      ["ap-south", T0 + 5_000],
      ["us-east", T0 + 5_000],
    ]);
    await updateIntegration(t.db, i.id, { locations: [] }, undefined, T0 + 6_000);
    expect(await t.db.integrationLocation.count({ where: { integrationId: i.id } })).toBe(0);
  });
});
