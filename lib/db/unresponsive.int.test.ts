// PostgreSQL frozen with SIGSTOP (every process of the cluster: connections stay open and nothing answers, as a
// network partition or a stuck failover looks) under the production server (scripts/start.ts: web server + worker)
// on a cluster of the test's own. Every request must still answer within 5 s: the health route and webhooks 503
// with Retry-After (the sender retries), pages their error state instead of the sign-in page; the worker records
// nothing twice, connections do not pile up, and everything recovers by itself within 10 s of SIGCONT.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultStack, within, type FaultStack } from "../testing/fault-stack";
import { processTree } from "../../scripts/bench/kit/process-memory";

/** How long every request may take while the database is frozen. */
const ANSWER_WITHIN_MS = 5_000;
/** How soon after the database answers again everything must work again. */
const RECOVER_WITHIN_MS = 10_000;

let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ integrations: 3, intervalSeconds: 1 });
}, 180_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

/** Resident memory of the server's process tree (the start process, its web thread included), MiB. */
const serverRssMiB = (pid: number) => processTree(pid).reduce((sum, p) => sum + p.rssKb, 0) / 1024;

describe("PostgreSQL unresponsive (SIGSTOP), then answering again", () => {
  it("answers every request within 5 s meanwhile, and recovers by itself within 10 s", { timeout: 180_000 }, async () => {
    const { db, deliver, timed, cookie } = stack;
    // Healthy first: probes recorded for every integration, the health route, a webhook and a page.
    await within(60_000, "a run for every integration", async () => (await db.probeRun.groupBy({ by: ["integrationId"] })).length === 3);
    expect((await timed("/api/health")).status).toBe(200);
    expect((await deliver("msg_before")).status).toBe(202);
    expect((await timed("/", { headers: { cookie } })).status).toBe(200);
    // A signed-in browser on the overview, which it will reload itself after the outage.
    const page = await stack.signedInOverview();

    const rssBefore = serverRssMiB(stack.server.pgid);
    const pids = stack.pg.freeze();
    expect(pids.length).toBeGreaterThan(1);
    const frozenAt = new Date();
    let rssFrozen = rssBefore;
    try {
      // Two rounds: at once, and again once the pools hold only dead connections and waiting callers.
      for (const round of [1, 2]) {
        const [health, page, ...hooks] = await Promise.all([
          timed("/api/health"),
          timed("/", { headers: { cookie } }),
          ...Array.from({ length: 12 }, (_, i) => deliver(`msg_frozen_${round}_${i}`)),
        ]);
        const all = { health: health!, page: page!, ...Object.fromEntries(hooks.map((h, i) => [`webhook ${i}`, h])) };
        const slow = Object.entries(all).filter(([, r]) => r.ms >= ANSWER_WITHIN_MS);
        expect(
          slow.map(([what, r]) => `${what}: ${r.status} after ${Math.round(r.ms)} ms`),
          `round ${round}`,
        ).toEqual([]);
        expect(health!.status).toBe(503);
        expect(JSON.parse(health!.body)).toMatchObject({ error: { code: "unavailable" } });
        expect(health!.headers["retry-after"]).toBe("5");
        for (const hook of hooks) {
          expect(hook.status).toBe(503);
          expect(hook.headers["retry-after"]).toBe("5");
        }
        // The page renders its error boundary (which asks the health route and says "database unavailable"),
        // not a redirect to the sign-in page as if the session were gone.
        expect(page!.status).toBeGreaterThanOrEqual(500);
        expect(page!.headers.location).toBeUndefined();
        // The server's own processes are alive and serving, not wedged.
        expect(stack.server.child.exitCode).toBeNull();
      }
      // Memory did not pile up either: callers waiting on a database that never answers are given up, not queued.
      // (A bound well above the GC's own sawing, 15-25 MiB on this server, and far below a queue that keeps growing.)
      rssFrozen = serverRssMiB(stack.server.pgid);
      expect(rssFrozen - rssBefore, `RSS ${Math.round(rssBefore)} -> ${Math.round(rssFrozen)} MiB while frozen`).toBeLessThan(64);
      // A page opened meanwhile shows the designed state, not a blank page or the sign-in form.
      await page.goto(`${stack.server.origin}/`, { timeout: ANSWER_WITHIN_MS * 2 });
      await page.getByRole("heading", { name: "Database unavailable" }).waitFor({ timeout: 10_000 });
      if (process.env.TETHER_FAULT_SCREENSHOT) await page.screenshot({ path: process.env.TETHER_FAULT_SCREENSHOT });
    } finally {
      stack.pg.thaw();
    }
    const thawedAt = new Date();
    // ...and reloads by itself once the database answers: the overview is back without anyone pressing retry.
    const pageBack = await within(RECOVER_WITHIN_MS, "the overview back in the browser", async () => (await page.getByText("svc-0").count()) > 0);
    expect(await page.getByRole("heading", { name: "Database unavailable" }).count()).toBe(0);
    await page.context().close();

    // Recovery by itself: health, webhooks (the sender's retries of what was refused), pages and probes.
    const healthBack = await within(RECOVER_WITHIN_MS, "/api/health 200", async () => (await timed("/api/health", { timeoutMs: 3_000 })).status === 200);
    const retried = [1, 2].flatMap((round) => Array.from({ length: 12 }, (_, i) => `msg_frozen_${round}_${i}`));
    const retries = await Promise.all(retried.map((id) => deliver(id)));
    expect(retries.map((r) => r.status).filter((s) => s !== 200 && s !== 202)).toEqual([]);
    expect((await deliver("msg_after")).status).toBe(202);
    expect((await timed("/", { headers: { cookie } })).status).toBe(200);
    const probesBack = await within(RECOVER_WITHIN_MS, "a run started after the thaw for every integration", async () => {
      const fresh = await db.probeRun.groupBy({ by: ["integrationId"], where: { startedAt: { gt: thawedAt } } });
      return fresh.length === 3;
    });

    // Nothing lost, nothing twice: every acknowledged delivery stored once; every slot run at most once.
    const events = await db.webhookEvent.groupBy({ by: ["externalId"], _count: { _all: true } });
    expect(new Set(events.map((e) => e.externalId))).toEqual(new Set(["msg_before", "msg_after", ...retried]));
    expect(events.every((e) => e._count._all === 1)).toBe(true);
    const runs = await db.probeRun.findMany({ select: { integrationId: true, scheduledFor: true } });
    const slots = runs.map((r) => `${r.integrationId}@${r.scheduledFor?.toISOString()}`);
    expect(new Set(slots).size).toBe(slots.length);
    // The target saw no more probes than were recorded, give or take the few in flight now.
    const hits = [...stack.targetHits.values()].reduce((a, b) => a + b, 0);
    expect(hits - runs.length).toBeLessThanOrEqual(6);
    // No run straddles the freeze half-recorded: none started before it and finished after the thaw.
    expect(await db.probeRun.count({ where: { startedAt: { lt: frozenAt }, finishedAt: { gt: thawedAt } } })).toBe(0);

    // Connections did not pile up: each process stays within its pool (10 each for the web server and the worker).
    const sessions = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name IN ('tether-web', 'tether-worker')`;
    expect(sessions[0]!.n).toBeLessThanOrEqual(20);
    console.log(
      `unresponsive database: health back ${Math.round(healthBack)} ms, probes ${Math.round(probesBack)} ms, the open page ${Math.round(pageBack)} ms after SIGCONT; server RSS ${Math.round(rssBefore)} MiB before, ${Math.round(rssFrozen)} frozen`,
    );
  });
});
