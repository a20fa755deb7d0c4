// The data migration that rewrote stored HTTP checks' single `assertion` as `assertions`: a database at the migration
// before it holds old rows, the real migration runs, and each row reads back exactly as the old row reads at read time.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../db/schema-engine";
import { createScratchDatabase, MIGRATIONS_DIR, type ScratchDatabase } from "../../testing/postgres";
import { httpConfigSchema } from "./config";

const MIGRATION = "20261202043000_http_assertions_list";
const url = "https://api.example.com/health";
const oldConfigs: Record<string, Record<string, unknown>> = {
  "json path equals": { url, assertion: { type: "json_path", path: "$.status", equals: "ok" } },
  "json path exists": { url, assertion: { type: "json_path", path: "$.id" } },
  "json path equals empty text": { url, assertion: { type: "json_path", path: "$.note", equals: "" } },
  "body contains": { url, assertion: { type: "body_contains", text: "operational" } },
  "graphql with a path": { url, method: "POST", assertion: { type: "graphql", path: "$.data.actor.user.email" } },
  "graphql alone": { url, method: "POST", assertion: { type: "graphql" } },
  "no assertion": { url, expectedStatus: "200" },
};

let scratch: ScratchDatabase;
let before: string;
let client: pg.Client;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  // Every migration up to the one under test, applied as production would have them.
  before = await mkdtemp(path.join(tmpdir(), "tether-migrations-"));
  for (const entry of await readdir(MIGRATIONS_DIR)) {
    if (entry !== MIGRATION) await cp(path.join(MIGRATIONS_DIR, entry), path.join(before, entry), { recursive: true });
  }
  await applyMigrations({ databaseUrl: scratch.url, migrationsDir: before });
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  for (const [name, config] of Object.entries(oldConfigs)) {
    await client.query(
      `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "updatedAt") VALUES (gen_random_uuid(), $1, 'http', $2, 60, 5000, now())`,
      [name, config],
    );
  }
  // Not an HTTP check: left alone even if its config had such a key.
  await client.query(
    `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "updatedAt") VALUES (gen_random_uuid(), 'tcp', 'tcp', $1, 60, 5000, now())`,
    [{ host: "db", port: 5432, assertion: "kept" }],
  );
});

afterAll(async () => {
  await client?.end();
  await scratch?.drop();
  if (before) await rm(before, { recursive: true, force: true });
});

describe(`migration ${MIGRATION}`, () => {
  it("rewrites every stored HTTP check so it reads the same as the old row did", async () => {
    const { applied } = await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR });
    expect(applied).toEqual([MIGRATION]);
    const { rows } = await client.query<{ name: string; kind: string; config: Record<string, unknown> }>(`SELECT name, kind::text, config FROM "Integration"`);
    const byName = new Map(rows.map((r) => [r.name, r.config]));
    for (const [name, old] of Object.entries(oldConfigs)) {
      const migrated = byName.get(name)!;
      expect(migrated, name).not.toHaveProperty("assertion");
      expect(httpConfigSchema.parse(migrated), name).toEqual(httpConfigSchema.parse(old));
    }
    expect(byName.get("graphql with a path")!.assertions).toEqual([
      { source: "json_path", property: "$.errors", comparison: "is_empty" },
      { source: "json_path", property: "$.data.actor.user.email", comparison: "exists" },
    ]);
    expect(byName.get("no assertion")).toEqual(oldConfigs["no assertion"]);
    expect(byName.get("tcp")).toEqual({ host: "db", port: 5432, assertion: "kept" });
  });
});
