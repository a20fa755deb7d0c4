// What the worker's fixed work costs when there is nothing to do: at 50 probes/s the whole budget of worker and
// PostgreSQL is ~30 ms of CPU a second, so each periodic job must be (nearly) free when it has nothing to act on,
// and the queue loop sleeps until a queued row is due instead of polling.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { countStatements, statementsOf } from "../testing/statements";
import { createLogger } from "../observability/logger";
import { runAlertEvaluation } from "../alerts/evaluation-job";
import { refreshStatusSnapshots } from "../status-pages/snapshot/build";
import { renderIfDue, SCRAPED_WITHIN_MS, servedExposition } from "../metrics/exposition-cache";
import { beat, listWorkers, markStopped, STALE_AFTER_MS } from "../workers/heartbeat";
import { DaySummaryJob, MEND_EVERY_MS } from "./day-summary-job";
import { nextQueueDue } from "./queue-due";
import { PERIODIC_JOBS_OFF, Worker } from "./worker";

let t: TestDb;
const NOW = Date.parse("2026-12-03T10:10:00.000Z");
const quiet = createLogger("test", "error");

beforeAll(async () => {
  t = await createTestDb();
});

afterAll(async () => {
  await t.close();
});

describe("periodic jobs with nothing to do", () => {
  it("an alert pass with no rule and no state left is one statement", async () => {
    const sent = await statementsOf(() => runAlertEvaluation(t.db, { workerId: "w", now: new Date(NOW) }));
    expect(sent).toHaveLength(1);
    // With a rule it evaluates (the transaction with its lock), as before.
    await t.db.alertRule.create({ data: { name: "r", scope: { kind: "all" }, condition: { kind: "consecutive_failures", count: 3 } } });
    try {
      const busy = await statementsOf(() => runAlertEvaluation(t.db, { workerId: "w", now: new Date(NOW) }));
      expect(busy.some((s) => s.includes("pg_try_advisory_xact_lock"))).toBe(true);
    } finally {
      await t.db.alertRule.deleteMany();
    }
  });

  it("a status snapshot pass with no page is one statement", async () => {
    const sent = await statementsOf(() => refreshStatusSnapshots(t.db, { now: NOW, publicBase: "http://localhost:3000" }));
    expect(sent).toHaveLength(1);
  });

  it("the worker renders GET /metrics only while something scrapes", async () => {
    await t.db.metricsExposition.deleteMany();
    // Never scraped: one read, no render.
    let outcome: unknown;
    const sent = await statementsOf(async () => (outcome = await renderIfDue(t.db, { now: new Date(NOW), workerId: "w" })));
    expect(outcome).toBeNull();
    expect(sent).toHaveLength(1);
    // A scrape (rendering afresh, as none is stored) marks the row; the worker renders from then on.
    expect((await servedExposition(t.db, new Date(NOW))).source).toBe("fresh");
    expect(await renderIfDue(t.db, { now: new Date(NOW + 20_000), workerId: "w" })).not.toBeNull();
    // A scrape served from the stored render stamps the time again (at most every half minute).
    expect((await servedExposition(t.db, new Date(NOW + 40_000))).source).toBe("stored");
    expect((await t.db.metricsExposition.findUniqueOrThrow({ where: { id: "prometheus" } })).scrapedAt).toEqual(new Date(NOW + 40_000));
    expect(await renderIfDue(t.db, { now: new Date(NOW + 40_000 + SCRAPED_WITHIN_MS - 1_000), workerId: "w" })).not.toBeNull();
    // Scrapes stopped: so do the renders.
    expect(await renderIfDue(t.db, { now: new Date(NOW + 40_000 + SCRAPED_WITHIN_MS + 20_000), workerId: "w" })).toBeNull();
  });

  it("the day summaries and status sweep run when the 24-hour window moves, and on a slow mend, not every turn", async () => {
    const job = new DaySummaryJob(t.db, quiet, 1);
    expect((await statementsOf(() => job.maybeRun(NOW))).length).toBeGreaterThan(0);
    // Same window, before a mend is due: nothing sent.
    expect(await statementsOf(() => job.maybeRun(NOW + 60_000))).toEqual([]);
    expect(await statementsOf(() => job.maybeRun(NOW + MEND_EVERY_MS - 60_000))).toEqual([]);
    // 11:00: the window's start moves, so the summaries and statuses are brought up to date.
    const next = Date.parse("2026-12-03T11:00:30.000Z");
    expect((await statementsOf(() => job.maybeRun(next))).some((s) => s.includes('UPDATE "Integration"'))).toBe(true);
    expect(await statementsOf(() => job.maybeRun(next + 60_000))).toEqual([]);
    // 11:05: the hour that closed is summarized (its end moves past the grace period).
    expect((await statementsOf(() => job.maybeRun(Date.parse("2026-12-03T11:05:30.000Z")))).length).toBeGreaterThan(0);
    // And a mend pass comes on its own, whatever the window.
    const mended = Date.parse("2026-12-03T11:05:30.000Z") + MEND_EVERY_MS;
    expect((await statementsOf(() => job.maybeRun(mended))).length).toBeGreaterThan(0);
  });

  it("a heartbeat is one statement that upserts the worker's row", async () => {
    const state = { id: "w-beat", hostname: "h", pid: 42, startedAt: new Date(NOW - 60_000), concurrency: 8, inFlight: [], probesRun: 3, location: "eu-west" };
    expect(await statementsOf(() => beat(t.db, state, new Date(NOW)))).toHaveLength(1);
    await markStopped(t.db, "w-beat", new Date(NOW + 1_000));
    const since = NOW + 2_000;
    await beat(t.db, { ...state, probesRun: 5, inFlight: [{ integrationId: "3b0f2b0e-0000-4000-8000-000000000001", since }] }, new Date(NOW + 5_000));
    const [view] = (await listWorkers(t.db, NOW + 6_000)).filter((w) => w.id === "w-beat");
    expect(view).toMatchObject({ status: "alive", hostname: "h", pid: 42, probesRun: 5, inFlight: 1, concurrency: 8, location: "eu-west" });
    expect(view!.current).toEqual([{ integrationId: "3b0f2b0e-0000-4000-8000-000000000001", name: null, since: new Date(since).toISOString() }]);
    // Lost only after three missed beats.
    expect((await listWorkers(t.db, NOW + 5_000 + STALE_AFTER_MS)).find((w) => w.id === "w-beat")?.status).toBe("alive");
    expect((await listWorkers(t.db, NOW + 5_001 + STALE_AFTER_MS)).find((w) => w.id === "w-beat")?.status).toBe("lost");
  });
});

describe("the queue loop", () => {
  let sourceId: string;

  beforeEach(async () => {
    await t.db.webhookEvent.deleteMany();
    await t.db.webhookSource.deleteMany();
    // No relay target: a due event of this source is settled (marked processed) by the worker's queue pass.
    sourceId = (await t.db.webhookSource.create({ data: { slug: "idle", name: "idle", scheme: "none" } })).id;
  });

  const event = (data: { status: "received" | "failed"; nextAttemptAt: Date; leaseExpiresAt?: Date; leaseOwner?: string }) =>
    t.db.webhookEvent.create({ data: { sourceId, headers: {}, body: Buffer.from("{}"), verified: true, verificationDetail: "none", ...data } });

  it("reads when a queued row is next due: a retry's time, or a lease running out", async () => {
    const now = new Date(NOW);
    expect(await nextQueueDue(t.db, now)).toBeNull();
    await event({ status: "failed", nextAttemptAt: new Date(NOW + 90_000) });
    expect(await nextQueueDue(t.db, now)).toEqual(new Date(NOW + 90_000));
    await event({ status: "received", nextAttemptAt: new Date(NOW - 1_000), leaseOwner: "other", leaseExpiresAt: new Date(NOW + 20_000) });
    expect(await nextQueueDue(t.db, now)).toEqual(new Date(NOW + 20_000));
  });

  it("a started worker claims a retry at its due time, with no notification and a safety poll far off", async () => {
    const worker = new Worker({ db: t.db, concurrency: 4, logger: quiet, queuePollMs: 600_000, ...PERIODIC_JOBS_OFF });
    worker.start();
    try {
      // Inserted before the worker's first pass or after it (then the insert's NOTIFY wakes it): either way it is not
      // due yet, and the pass that sees it sleeps until its time rather than the ten-minute safety poll.
      const { id } = await event({ status: "failed", nextAttemptAt: new Date(Date.now() + 1_500) });
      await expect
        .poll(async () => (await t.db.webhookEvent.findUniqueOrThrow({ where: { id } })).status, { timeout: 10_000, interval: 200 })
        .toBe("processed");
    } finally {
      await worker.stop();
    }
  });
  it("while webhooks stream in, passes settle them without reading when work is next due each time", async () => {
    // The read scans the due rows' leases: after a burst at 500 webhooks/s, hundreds of ms of index entries of rows
    // since processed. Read on every notification, the passes piled up on the pool (the soak's lag rose to 11 s).
    const worker = new Worker({ db: t.db, concurrency: 4, logger: quiet, queuePollMs: 600_000, ...PERIODIC_JOBS_OFF });
    const counter = countStatements();
    worker.start();
    try {
      // One statement (and one NOTIFY) per event, as the receiver's group commit does under light load.
      for (let i = 0; i < 120; i++) await event({ status: "received", nextAttemptAt: new Date() });
      await expect.poll(() => t.db.webhookEvent.count({ where: { status: "processed" } }), { timeout: 15_000, interval: 100 }).toBe(120);
    } finally {
      await worker.stop();
      counter.stop();
    }
    const settles = counter.texts.filter((s) => s.startsWith("UPDATE \"WebhookEvent\" e SET status = 'processed'"));
    const reads = counter.texts.filter((s) => s.startsWith("SELECT least("));
    expect(settles.length).toBeGreaterThanOrEqual(5);
    // Read only by a pass that found nothing: the last one, once the stream stopped (and a race or two).
    expect(reads.length).toBeLessThanOrEqual(3);
  });
});
