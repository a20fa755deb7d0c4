// The overview's search index on both databases Tether runs on: the migrations create pg_trgm and the trigram index
// on the system PostgreSQL the tests use and on the embedded one (its own binaries), and a search of three or more
// characters can read that index there.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger";
import { createScratchDatabase, MIGRATIONS_DIR } from "../testing/postgres";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./schema-engine";

const scratch = mkdtempSync(join(tmpdir(), "tether-search-"));
chmodSync(scratch, 0o755); // as root, the cluster runs as the user postgres, who must reach it
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function checkSearchIndex(url: string): Promise<void> {
  await applyMigrations({ databaseUrl: url, migrationsDir: MIGRATIONS_DIR });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ext = await client.query(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext.rows).toEqual([{ extname: "pg_trgm" }]);
    await client.query(`
      INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", tags, "nextRunAt", "updatedAt")
      SELECT gen_random_uuid(), 'svc-' || g, 'http', jsonb_build_object('url', 'https://api' || g || '.example.com/'), 60, 1000, ARRAY['t' || (g % 3)], now(), now()
      FROM generate_series(1, 2000) g`);
    // A table this small is cheaper to read whole, so the planner is told not to: the question is whether the index serves.
    await client.query(`SET enable_seqscan = off`);
    const plan = await client.query(`EXPLAIN SELECT "integrationId" FROM "IntegrationSearch" WHERE text ILIKE '%api1234.exam%'`);
    expect(plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n")).toContain("IntegrationSearch_text_trgm_idx");
    await client.query(`RESET enable_seqscan`);
    const found = await client.query(`SELECT count(*)::int AS n FROM "IntegrationSearch" WHERE text ILIKE '%api1234.exam%'`);
    expect(found.rows).toEqual([{ n: 1 }]);
    const tags = await client.query(`SELECT tag, integrations FROM "IntegrationTag" ORDER BY tag`);
    expect(tags.rows).toEqual([
      { tag: "t0", integrations: 666 },
      { tag: "t1", integrations: 667 },
      { tag: "t2", integrations: 667 },
    ]);
  } finally {
    await client.end();
  }
}

describe("the overview's trigram search index", () => {
  it("is created on the system PostgreSQL", async () => {
    const db = await createScratchDatabase("tether_search");
    try {
      await checkSearchIndex(db.url);
    } finally {
      await db.drop();
    }
  }, 120_000);

  it("is created on the embedded PostgreSQL", async () => {
    const embedded = await startEmbeddedPostgres({
      dataDir: join(scratch, ".data"),
      port: 54397,
      log: createLogger("test", "error"),
      runtimeRoot: join(scratch, "rt"),
    });
    try {
      await checkSearchIndex(embedded.url);
    } finally {
      await embedded.stop();
    }
  }, 180_000);
});
