// Which locations have a worker: heartbeats carry each worker's TETHER_LOCATION, the integration page marks a listed
// location no worker has been seen in for 5 minutes, and the Workers page's list names every location with its
// integrations and live workers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createIntegration, getIntegration } from "../integrations/crud";
import { beat, listLocations, listWorkers, markStopped, STALE_AFTER_MS } from "./heartbeat";

/** Seen just longer ago than a live worker can be. */
const LOST = STALE_AFTER_MS + 1_000;

let t: TestDb;
const NOW = Date.parse("2026-12-03T06:00:00.000Z");
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDb();
});

afterAll(async () => {
  await t.close();
});

const worker = (id: string, location: string | null, seenAt: number) =>
  beat(t.db, { id, hostname: "h", pid: 1, startedAt: new Date(seenAt - MIN), concurrency: 4, location, inFlight: [], probesRun: 0 }, new Date(seenAt));

describe("location coverage", () => {
  it("serves a location whose worker was seen within 5 minutes, and says which are not", async () => {
    await worker("eu-1", "eu-west", NOW - LOST);
    await worker("us-1", "us-east", NOW - 6 * MIN);
    await worker("any-1", null, NOW);
    // A gracefully stopped worker was last seen when it stopped.
    await worker("ap-1", "ap-south", NOW - 2 * MIN);
    await markStopped(t.db, "ap-1", new Date(NOW - MIN));
    const i = await createIntegration(
      t.db,
      {
        name: "located",
        kind: "http",
        config: { method: "GET", url: "http://127.0.0.1:9/", headers: [], expectedStatus: "2xx" },
        intervalSeconds: 60,
        timeoutMs: 1_000,
        locations: ["eu-west", "us-east", "sa-east", "ap-south"],
        quorum: 2,
      },
      undefined,
      NOW,
    );

    const detail = await getIntegration(t.db, i.id, NOW);
    expect(detail.locations.map((l) => [l.location, l.served, l.workerLastSeenAt])).toEqual([
      ["eu-west", true, new Date(NOW - LOST).toISOString()],
      ["us-east", false, new Date(NOW - 6 * MIN).toISOString()],
      ["sa-east", false, null],
      ["ap-south", true, new Date(NOW - MIN).toISOString()],
    ]);

    expect((await listWorkers(t.db, NOW)).map((w) => [w.id, w.location]).sort()).toEqual([
      ["any-1", null],
      ["ap-1", "ap-south"],
      ["eu-1", "eu-west"],
      ["us-1", "us-east"],
    ]);

    // Another integration lists eu-west too; a disabled one's locations do not count.
    await createIntegration(
      t.db,
      {
        name: "eu-too",
        kind: "http",
        config: { method: "GET", url: "http://127.0.0.1:9/", headers: [], expectedStatus: "2xx" },
        intervalSeconds: 60,
        timeoutMs: 1_000,
        locations: ["eu-west"],
      },
      undefined,
      NOW,
    );
    await createIntegration(
      t.db,
      {
        name: "paused",
        kind: "http",
        enabled: false,
        config: { method: "GET", url: "http://127.0.0.1:9/", headers: [], expectedStatus: "2xx" },
        intervalSeconds: 60,
        timeoutMs: 1_000,
        locations: ["mars-1"],
      },
      undefined,
      NOW,
    );
    // eu-1 (just past STALE_AFTER_MS) is lost, but its location still counts as served; eu-2 is alive.
    await worker("eu-2", "eu-west", NOW - 5_000);
    expect(await listLocations(t.db, NOW)).toEqual([
      { location: "ap-south", integrations: 1, aliveWorkers: 0, workerLastSeenAt: new Date(NOW - MIN).toISOString(), served: true },
      { location: "eu-west", integrations: 2, aliveWorkers: 1, workerLastSeenAt: new Date(NOW - 5_000).toISOString(), served: true },
      { location: "sa-east", integrations: 1, aliveWorkers: 0, workerLastSeenAt: null, served: false },
      { location: "us-east", integrations: 1, aliveWorkers: 0, workerLastSeenAt: new Date(NOW - 6 * MIN).toISOString(), served: false },
    ]);
  });
});
