// IntegrationLocation changes NOTIFY tether_work (migration 20261203061008_worker_locations), as Integration's own
// do: a located worker sleeping on a long idle wakes when one of its location's rows appears, and a worker's own
// move to the next slot stays silent (it would wake every worker after every batch).
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { startDemoTarget, type DemoTarget } from "../demo/target-server";
import { createIntegration } from "../integrations/crud";
import { WORK_CHANNEL } from "./work-listener";
import { Worker } from "./worker";

let t: TestDb;
let target: DemoTarget;
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

beforeAll(async () => {
  t = await createTestDb();
  target = await startDemoTarget({ port: 0, random: () => 0 });
});

afterAll(async () => {
  await target.close();
  await t.close();
});

beforeEach(async () => {
  await t.db.integration.deleteMany();
});

const create = (name: string, locations: string[]) =>
  createIntegration(t.db, {
    name,
    kind: "http",
    config: { method: "GET", url: `${target.url}/healthy`, headers: [], expectedStatus: "2xx" },
    intervalSeconds: 3_600,
    timeoutMs: 2_000,
    retryAttempts: 0,
    locations,
  });

/** Payloads heard on tether_work until a sentinel this listener sends itself, so "nothing was sent" is a real reading. */
async function listen() {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  const heard: string[] = [];
  client.on("notification", (n) => {
    if (n.channel === WORK_CHANNEL) heard.push(n.payload ?? "");
  });
  await client.query(`LISTEN ${WORK_CHANNEL}`);
  return {
    async until(statement: () => Promise<unknown>): Promise<string[]> {
      heard.length = 0;
      await statement();
      await client.query(`SELECT pg_notify('${WORK_CHANNEL}', 'sentinel')`);
      await expect.poll(() => heard.includes("sentinel")).toBe(true);
      return heard.filter((p) => p !== "sentinel");
    },
    close: () => client.end(),
  };
}

describe("IntegrationLocation wakes the workers", () => {
  it("a worker of a location, idle on a long sleep, wakes and probes when a row of its location appears", async () => {
    // Listed for us-east only: nothing for eu-west to do, so its worker goes to sleep.
    const i = await create("later-eu", ["us-east"]);
    const heard = vi.spyOn(Worker.prototype as unknown as { heard: (kind: string | null) => void }, "heard");
    const worker = new Worker({
      db: t.db,
      concurrency: 4,
      workerId: "EU",
      location: "eu-west",
      logger: silent,
      // Only a notification can bring it back within the test's time.
      maxIdleMs: 10 * 60_000,
      queuePollMs: 10 * 60_000,
      alertEvaluationEveryMs: 0,
      providerStatusEveryMs: 0,
      metricsRenderEveryMs: 0,
      statusSnapshotEveryMs: 0,
      daySummariesEveryMs: 0,
      partitionsEveryMs: 0,
      pruneEveryMs: 0,
    });
    try {
      worker.start();
      // Its listening connection is up (and has run LISTEN) before the row is added.
      await expect
        .poll(
          async () =>
            (
              await t.db.$queryRaw<{ n: number }[]>`
                SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'tether-worker-listen' AND query LIKE 'LISTEN%'`
            )[0]!.n,
          { timeout: 20_000 },
        )
        .toBe(1);
      heard.mockClear();
      // eu-west is listed by a write that moves no Integration slot (as a SQL edit or an import may): only the
      // IntegrationLocation insert can say there is work.
      await t.db.$transaction([
        t.db.integration.update({ where: { id: i.id }, data: { locations: ["us-east", "eu-west"] } }),
        t.db.integrationLocation.create({ data: { integrationId: i.id, location: "eu-west", nextRunAt: new Date() } }),
      ]);
      await expect.poll(() => heard.mock.calls.some(([kind]) => kind === "integrations"), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(() => t.db.probeRun.findMany({ where: { integrationId: i.id }, select: { location: true, workerId: true, ok: true } }), { timeout: 20_000 })
        .toEqual([{ location: "eu-west", workerId: "EU", ok: true }]);
    } finally {
      heard.mockRestore();
      await worker.stop();
    }
  });

  it("notifies for a row added, a slot made due again and a lease given back, not for a worker moving its own slot on", async () => {
    const i = await create("quiet", ["eu-west"]);
    const l = await listen();
    try {
      const where = { integrationId_location: { integrationId: i.id, location: "eu-west" } };
      expect(await l.until(() => t.db.integrationLocation.create({ data: { integrationId: i.id, location: "us-east" } }))).toEqual(["integrations"]);
      expect(await l.until(() => t.db.integrationLocation.update({ where, data: { nextRunAt: new Date(Date.now() + 60_000) } }))).toEqual(["integrations"]);
      // A worker claims it (silent: the lease is taken, nothing new to do) ...
      const { nextRunAt: slot } = await t.db.integrationLocation.findUniqueOrThrow({ where });
      expect(await l.until(() => t.db.integrationLocation.update({ where, data: { leaseOwner: "W", leaseExpiresAt: new Date(Date.now() + 5_000) } }))).toEqual(
        [],
      );
      // ... records its run and moves on to the next slot, dropping the lease at once: silent.
      const next = new Date(slot.getTime() + 3_600_000);
      expect(await l.until(() => t.db.integrationLocation.update({ where, data: { leaseOwner: null, leaseExpiresAt: null, nextRunAt: next } }))).toEqual([]);
      // A stopping worker gives a lease back without running the slot: the others may take it.
      await t.db.integrationLocation.update({ where, data: { leaseOwner: "W", leaseExpiresAt: new Date(Date.now() + 5_000) } });
      expect(
        await l.until(() => t.db.integrationLocation.updateMany({ where: { leaseOwner: "W" }, data: { leaseOwner: null, leaseExpiresAt: null } })),
      ).toEqual(["integrations"]);
    } finally {
      await l.close();
    }
  });
});
