// PostgreSQL restarted (a fast shutdown, then started again on the same data and port) in the middle of probing
// and webhook load, under the production server (scripts/start.ts: web server + worker) on a cluster of the test's
// own. Meanwhile the health route, pages and webhooks answer at once with the "database unavailable" answer (503,
// the sender retries) and a signed-in browser shows the designed "Database unavailable" state; afterwards that
// page comes back by itself, probes resume within 10 s, no slot is recorded twice, and every acknowledged webhook
// is stored, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultStack, within, type FaultStack } from "../testing/fault-stack";

const INTEGRATIONS = 4;
const RECOVER_WITHIN_MS = 10_000;
/** New webhook ids offered per second by the sender, each retried until acknowledged. */
const RATE = 20;
const MAX_ATTEMPTS_PER_ID = 60;

let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ integrations: INTEGRATIONS, intervalSeconds: 1 });
}, 180_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

/** A provider-like sender: new ids at RATE/s until stopped, each retried (after 200 ms) until it gets a 2xx. */
function startSender() {
  const acked = new Set<string>();
  const refused = new Map<number, number>();
  let stopped = false;
  const pending: Promise<void>[] = [];
  const sendOne = async (id: string) => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_ID; attempt++) {
      const res = await stack.deliver(id, 8_000);
      if (res.status === 200 || res.status === 202) return void acked.add(id);
      refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${id} was never acknowledged`);
  };
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      pending.push(sendOne(`msg_restart_${n}`));
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
  })();
  return {
    acked,
    refused,
    /** Stops offering new ids and waits until every offered one is acknowledged. */
    async finish(): Promise<number> {
      stopped = true;
      await loop;
      await Promise.all(pending);
      return pending.length;
    },
  };
}

describe("PostgreSQL restarted under probing and webhook load", () => {
  it(
    "answers 'database unavailable' meanwhile, resumes probes within 10 s, runs no slot twice and loses no acknowledged webhook",
    {
      timeout: 240_000,
    },
    async () => {
      const { db, timed, cookie } = stack;
      await within(60_000, "a run for every integration", async () => (await db.probeRun.groupBy({ by: ["integrationId"] })).length === INTEGRATIONS);
      // Healthy first, which also loads the page's code: a first render while the database is down would time that.
      expect((await timed("/", { headers: { cookie } })).status).toBe(200);
      // A signed-in browser on the overview, left open through the restart.
      const browserPage = await stack.signedInOverview();
      const sender = startSender();
      await within(30_000, "some webhooks acknowledged", async () => sender.acked.size >= 20);

      const down: { health?: number; healthMs?: number; page?: number; pageLocation?: unknown; hook?: number; shown?: boolean } = {};
      await stack.pg.restart(async () => {
        const [health, page, hook] = await Promise.all([timed("/api/health"), timed("/", { headers: { cookie } }), stack.deliver("msg_while_down")]);
        Object.assign(down, { health: health.status, healthMs: health.ms, page: page.status, pageLocation: page.headers.location, hook: hook.status });
        // Someone opening the dashboard meanwhile sees the designed state, not a blank page or the sign-in form.
        await browserPage.goto(`${stack.server.origin}/`, { timeout: 10_000 });
        await browserPage.getByRole("heading", { name: "Database unavailable" }).waitFor({ timeout: 10_000 });
        down.shown = true;
      });
      const restartedAt = new Date();
      expect(down.shown).toBe(true);
      // ...which reloads by itself once the database is back: the overview, without anyone pressing retry.
      const pageBack = await within(RECOVER_WITHIN_MS, "the overview back in the browser", async () => (await browserPage.getByText("svc-0").count()) > 0);
      expect(await browserPage.getByRole("heading", { name: "Database unavailable" }).count()).toBe(0);
      await browserPage.context().close();

      // While down: the clear answer, at once (the database refuses, nothing waits for a timeout).
      expect(down.health, JSON.stringify(down)).toBe(503);
      expect(down.healthMs, JSON.stringify(down)).toBeLessThan(5_000);
      expect(down.hook).toBe(503);
      expect(down.page).toBeGreaterThanOrEqual(500);
      expect(down.pageLocation).toBeUndefined();

      // Back by itself: health, pages, and probes for every integration.
      const healthBack = await within(RECOVER_WITHIN_MS, "/api/health 200", async () => (await timed("/api/health", { timeoutMs: 3_000 })).status === 200);
      const probesBack = await within(RECOVER_WITHIN_MS, "a run started after the restart for every integration", async () => {
        const fresh = await db.probeRun.groupBy({ by: ["integrationId"], where: { startedAt: { gt: restartedAt } } });
        return fresh.length === INTEGRATIONS;
      });
      expect((await timed("/", { headers: { cookie } })).status).toBe(200);
      // Load goes on a little after the restart, then every offered id is retried until acknowledged.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const offered = await sender.finish();
      expect(sender.acked.size).toBe(offered);

      // No acknowledged webhook lost, none stored twice.
      const events = await db.webhookEvent.groupBy({ by: ["externalId"], _count: { _all: true }, where: { externalId: { startsWith: "msg_restart_" } } });
      expect(new Set(events.map((e) => e.externalId))).toEqual(sender.acked);
      expect(events.every((e) => e._count._all === 1)).toBe(true);

      // No slot recorded twice; the target saw at most the recorded runs plus the few the restart cut off.
      const runs = await db.probeRun.findMany({ select: { integrationId: true, scheduledFor: true } });
      const slots = runs.map((r) => `${r.integrationId}@${r.scheduledFor?.toISOString()}`);
      expect(new Set(slots).size).toBe(slots.length);
      const hits = [...stack.targetHits.values()].reduce((a, b) => a + b, 0);
      expect(hits - runs.length).toBeLessThanOrEqual(2 * INTEGRATIONS);

      const sessions = await db.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name IN ('tether-web', 'tether-worker')`;
      expect(sessions[0]!.n).toBeLessThanOrEqual(20);
      console.log(
        `restart: ${offered} webhooks acknowledged (refused meanwhile: ${[...sender.refused].map(([s, n]) => `${s} x${n}`).join(", ") || "none"}); ` +
          `health back ${Math.round(healthBack)} ms, probes back ${Math.round(probesBack)} ms, the open page ${Math.round(pageBack)} ms after the restart; target hits ${hits}, runs ${runs.length}`,
      );
    },
  );
});
