// Tables rewritten all day are vacuumed after a fixed number of dead rows (migration ..._queue_autovacuum) and keep
// room on their pages for their rows' next versions (..._hot_update_fillfactor), and the benchmarks, which write for
// minutes as production does, run on a PostgreSQL with autovacuum on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDb, type TestDb } from "../testing/postgres";
import { setupPostgres } from "../testing/global-setup";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("vacuum settings", () => {
  it("the queues and the per-probe tables vacuum after a fixed count of dead rows, not a fifth of the table", async () => {
    const rows = await t.db.$queryRaw<{ relname: string; reloptions: string[] | null }[]>`
      SELECT relname::text, reloptions FROM pg_class
      WHERE relname IN ('WebhookEvent', 'NotificationDelivery', 'StatusSubscriberDelivery', 'Integration', 'IntegrationLocation', 'CircuitState')`;
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.reloptions, r.relname).toContain("autovacuum_vacuum_scale_factor=0");
      expect(r.reloptions?.some((o) => o.startsWith("autovacuum_vacuum_threshold="))).toBe(true);
    }
  });

  it("the rows every recorded run rewrites keep room on their page, so their updates can be HOT", async () => {
    const rows = await t.db.$queryRaw<{ relname: string; reloptions: string[] | null }[]>`
      SELECT relname::text, reloptions FROM pg_class
      WHERE relname IN ('Integration', 'CircuitState', 'IntegrationLocation', 'ProbeRollupMinute', 'ProbeRollupHour')`;
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      const fill = r.reloptions?.find((o) => o.startsWith("fillfactor="));
      expect(fill, r.relname).toBeDefined();
      expect(Number(fill!.slice("fillfactor=".length)), r.relname).toBeLessThan(100);
    }
  });

  it("a benchmark's PostgreSQL runs autovacuum, even where the local server does not", async () => {
    const saved = process.env.TETHER_TEST_PG_URL;
    delete process.env.TETHER_TEST_PG_URL;
    const teardown = await setupPostgres({ needAutovacuum: true });
    try {
      const client = new pg.Client({ connectionString: process.env.TETHER_TEST_PG_URL });
      await client.connect();
      try {
        expect((await client.query<{ autovacuum: string }>("SHOW autovacuum")).rows[0]?.autovacuum).toBe("on");
      } finally {
        await client.end();
      }
    } finally {
      await teardown();
      process.env.TETHER_TEST_PG_URL = saved;
    }
  }, 120_000);
});
