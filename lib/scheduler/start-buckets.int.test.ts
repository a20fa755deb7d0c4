// Claimed slots due close together start together (one timer a start bucket, lib/domain/start-buckets), never
// before their due time; with the buckets off each starts at its own time. A stopping worker drops the slots still
// waiting for their bucket.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createLogger } from "../observability/logger";
import { PERIODIC_JOBS_OFF, Worker, type WorkerOptions } from "./worker";

let t: TestDb;
let target: Server;
let url: string;
const quiet = createLogger("test", "error");
/** Due times within one 100 ms bucket, 90 ms apart from first to last. */
const OFFSETS = [5, 35, 65, 95];

beforeAll(async () => {
  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  t = await createTestDb();
  target = createServer((_req, res) => res.writeHead(200).end("ok"));
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(target.address() as { port: number }).port}/`;
});

afterAll(async () => {
  await new Promise((r) => target.close(r));
  await t.close();
});

beforeEach(async () => {
  await t.db.probeRun.deleteMany();
  await t.db.integration.deleteMany();
});

/**
 * Integrations due at `base + offset`: base a whole 100 ms on the clock, 2.5 s ahead, within the workers' first claim
 * (a lookahead of 4 s) but far enough that a slow first claim on a loaded machine still comes back before they are due.
 */
async function seed(): Promise<number> {
  const base = Math.ceil((Date.now() + 2_500) / 100) * 100;
  await t.db.integration.createMany({
    data: OFFSETS.map((offset, i) => ({
      name: `svc-${i}`,
      kind: "http" as const,
      config: { method: "GET", url, headers: [], expectedStatus: "2xx" },
      intervalSeconds: 60,
      timeoutMs: 1_000,
      retryAttempts: 0,
      nextRunAt: new Date(base + offset),
    })),
  });
  return base;
}

async function runOnce(startBuckets: WorkerOptions["startBuckets"]): Promise<{ scheduledFor: number; startedAt: number }[]> {
  const worker = new Worker({ db: t.db, concurrency: 8, logger: quiet, lookaheadMs: 4_000, startBuckets, ...PERIODIC_JOBS_OFF });
  worker.start();
  try {
    await expect.poll(() => t.db.probeRun.count(), { timeout: 10_000, interval: 50 }).toBe(OFFSETS.length);
  } finally {
    await worker.stop();
  }
  const runs = await t.db.probeRun.findMany({ select: { scheduledFor: true, startedAt: true } });
  return runs.map((r) => ({ scheduledFor: r.scheduledFor!.getTime(), startedAt: r.startedAt.getTime() }));
}

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

describe("start buckets", () => {
  it("slots due within one bucket start together, none before its due time", async () => {
    const base = await seed();
    const runs = await runOnce({ minMs: 5, maxMs: 100, targetPerBucket: 5 });
    // The rate is not measured yet: the widest bucket, whose end is base + 100.
    for (const r of runs) {
      expect(r.startedAt).toBeGreaterThanOrEqual(r.scheduledFor);
      expect(r.startedAt).toBeGreaterThanOrEqual(base + 100 - 2);
    }
    expect(spread(runs.map((r) => r.startedAt))).toBeLessThan(25);
  });

  it("with the buckets off, each starts at its own due time", async () => {
    await seed();
    const runs = await runOnce({ minMs: 5, maxMs: 0, targetPerBucket: 5 });
    for (const r of runs) expect(r.startedAt).toBeGreaterThanOrEqual(r.scheduledFor - 2);
    // Half the due times' spread: timers run late on a loaded machine, not together.
    expect(spread(runs.map((r) => r.startedAt))).toBeGreaterThanOrEqual(45);
  });

  it("a stopping worker drops the slots waiting for their bucket and gives their leases back", async () => {
    const base = Math.ceil((Date.now() + 800) / 100) * 100;
    const { id } = await t.db.integration.create({
      data: {
        name: "later",
        kind: "http",
        config: { method: "GET", url, headers: [], expectedStatus: "2xx" },
        intervalSeconds: 60,
        timeoutMs: 1_000,
        retryAttempts: 0,
        nextRunAt: new Date(base + 50),
      },
    });
    const worker = new Worker({ db: t.db, concurrency: 8, logger: quiet, ...PERIODIC_JOBS_OFF });
    worker.start();
    await expect.poll(async () => (await t.db.integration.findUniqueOrThrow({ where: { id } })).leaseOwner, { timeout: 5_000, interval: 20 }).toBe(worker.id);
    await worker.stop();
    expect(await t.db.probeRun.count()).toBe(0);
    const row = await t.db.integration.findUniqueOrThrow({ where: { id } });
    expect(row.leaseOwner).toBeNull();
    expect(row.nextRunAt).toEqual(new Date(base + 50));
  });
});
