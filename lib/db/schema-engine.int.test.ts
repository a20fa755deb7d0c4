// Integration tests for the WASM schema-engine wrapper against the local PostgreSQL. Each test works in its own
// scratch database `tether_mig_<random>` (dropped in afterAll) and never edits the repo's migrations folder.
import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration, SCHEMA_SNAPSHOT, SchemaEngineError } from "./schema-engine";

const ADMIN_URL = process.env.TETHER_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const repoMigrations = path.join(repoRoot, "prisma/migrations");
const repoSchema = path.join(repoRoot, "prisma/schema.prisma");

const scratchDbs: string[] = [];
const tempDirs: string[] = [];

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function scratchDb(): Promise<string> {
  const name = `tether_mig_${randomBytes(6).toString("hex")}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  scratchDbs.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tether-mig-"));
  tempDirs.push(dir);
  return dir;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  return withClient(url, async (c) => (await c.query<R>(sql)).rows);
}

async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  return rows.map((r) => r.table_name);
}

async function migrationDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

afterAll(async () => {
  // FORCE: a failed test may leave a connection open; the scratch database must go regardless.
  await withClient(ADMIN_URL, async (c) => {
    for (const name of scratchDbs) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("schema engine (wasm) migrations", { timeout: 30_000 }, () => {
  it("applies the repo's migrations and records them as `prisma migrate deploy` does; a second run applies nothing", async () => {
    const url = await scratchDb();
    const dirs = await migrationDirs(repoMigrations);
    expect(dirs.length).toBeGreaterThan(0);

    const first = await applyMigrations({ databaseUrl: url, migrationsDir: repoMigrations });
    expect(first.applied).toEqual(dirs);
    expect(await tableNames(url)).toEqual(
      expect.arrayContaining(["Integration", "ProbeRun", "CircuitState", "CircuitTransition", "ProbeRollupMinute", "_prisma_migrations"]),
    );

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      url,
      "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const row of rows) {
      const sql = await readFile(path.join(repoMigrations, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    const second = await applyMigrations({ databaseUrl: url, migrationsDir: repoMigrations });
    expect(second.applied).toEqual([]);
    expect(await query(url, "SELECT 1 FROM _prisma_migrations")).toHaveLength(dirs.length);
  });

  it("creates the next migration from the last snapshot, and it applies", async () => {
    const url = await scratchDb();
    await applyMigrations({ databaseUrl: url, migrationsDir: repoMigrations });

    const work = await tempDir();
    const migrationsDir = path.join(work, "migrations");
    const schemaPath = path.join(work, "schema.prisma");
    await cp(repoMigrations, migrationsDir, { recursive: true });
    const schema = (await readFile(repoSchema, "utf8")) + "\nmodel MigrationProbeNote {\n  id   Int    @id @default(autoincrement())\n  body String\n}\n";
    await writeFile(schemaPath, schema);
    const before = await migrationDirs(migrationsDir);

    const created = await createMigration({ databaseUrl: url, schemaPath, migrationsDir, name: "add-probeNote" });
    expect(created.dir).not.toBeNull();
    const dirName = path.basename(created.dir ?? "");
    expect(dirName).toMatch(/^\d{14}_add_probe_note$/);
    expect(await migrationDirs(migrationsDir)).toEqual([...before, dirName]); // sorts last
    expect(created.sql).toContain('CREATE TABLE "MigrationProbeNote"');
    expect(created.sql).not.toContain('"Integration"'); // only the change, not the whole schema
    expect(await readFile(path.join(created.dir ?? "", "migration.sql"), "utf8")).toBe(created.sql);
    expect(await readFile(path.join(created.dir ?? "", SCHEMA_SNAPSHOT), "utf8")).toBe(schema);

    const applied = await applyMigrations({ databaseUrl: url, migrationsDir });
    expect(applied.applied).toEqual([dirName]);
    expect(await tableNames(url)).toContain("MigrationProbeNote");

    // Nothing changed since the snapshot: nothing is written.
    expect(await createMigration({ databaseUrl: url, schemaPath, migrationsDir, name: "again" })).toEqual({ dir: null, sql: "" });
    expect(await migrationDirs(migrationsDir)).toEqual([...before, dirName]);
  });

  it("makes the first migration of an empty folder from nothing, with the lockfile", async () => {
    const url = await scratchDb();
    const migrationsDir = path.join(await tempDir(), "migrations");

    const created = await createMigration({ databaseUrl: url, schemaPath: repoSchema, migrationsDir, name: "init" });
    expect(created.sql).toContain('CREATE TABLE "Integration"');
    expect(created.sql).not.toContain("CREATE SCHEMA"); // as `migrate dev` writes it
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect((await applyMigrations({ databaseUrl: url, migrationsDir })).applied).toHaveLength(1);

    // A second migration within the same second still sorts after the first (its stamp is pushed past it).
    const schemaPath = path.join(migrationsDir, "..", "schema.prisma");
    await writeFile(schemaPath, (await readFile(repoSchema, "utf8")) + "\nmodel Later {\n  id Int @id\n}\n");
    const later = await createMigration({ databaseUrl: url, schemaPath, migrationsDir, name: "later" });
    expect(await migrationDirs(migrationsDir)).toEqual([path.basename(created.dir ?? ""), path.basename(later.dir ?? "")]);
  });

  it("lets concurrent applyMigrations both succeed, recording each migration once", async () => {
    const url = await scratchDb();
    const dirs = await migrationDirs(repoMigrations);

    const results = await Promise.all([
      applyMigrations({ databaseUrl: url, migrationsDir: repoMigrations }),
      applyMigrations({ databaseUrl: url, migrationsDir: repoMigrations }),
    ]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(dirs);
    const counts = await query<{ migration_name: string; n: string }>(
      url,
      "SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name",
    );
    expect(counts).toEqual(dirs.map((name) => ({ migration_name: name, n: "1" })));
  });

  it("runs each migration script whole: `;` inside strings is fine and a failure leaves nothing half-applied", async () => {
    const url = await scratchDb();
    const migrationsDir = path.join(await tempDir(), "migrations");
    const write = async (dir: string, sql: string) => {
      await mkdir(path.join(migrationsDir, dir), { recursive: true });
      await writeFile(path.join(migrationsDir, dir, "migration.sql"), sql);
    };
    await write("20000101000000_semicolons", `CREATE TABLE "Semi" ("v" TEXT NOT NULL DEFAULT 'a; b');\n`);
    await write("20000101000001_broken", `CREATE TABLE "Half" ("id" INT);\nCREATE TABLE "Broken" ("id" no_such_type);\n`);
    await writeFile(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');

    const failure = await applyMigrations({ databaseUrl: url, migrationsDir }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SchemaEngineError);
    const message = (failure as Error).message;
    expect(message).toContain('type "no_such_type" does not exist');
    expect(message).not.toContain("sql_schema_connector"); // the Rust span trace is cut off

    const tables = await tableNames(url);
    expect(tables).toContain("Semi");
    expect(tables).not.toContain("Half");
    const defaults = await query<{ column_default: string }>(
      url,
      "SELECT column_default FROM information_schema.columns WHERE table_name = 'Semi' AND column_name = 'v'",
    );
    expect(defaults[0]?.column_default).toBe("'a; b'::text");

    // The failed migration is recorded as failed, so the engine refuses to go on, as migrate deploy does.
    const again = await applyMigrations({ databaseUrl: url, migrationsDir }).catch((err: unknown) => err);
    expect(again).toMatchObject({ code: "P3009" });
  });

  it("rejects a bad migration name before doing anything", async () => {
    const migrationsDir = path.join(await tempDir(), "migrations");
    await expect(createMigration({ databaseUrl: ADMIN_URL, schemaPath: repoSchema, migrationsDir, name: "../escape" })).rejects.toThrow(
      /Invalid migration name/,
    );
    await expect(readdir(migrationsDir)).rejects.toThrow(/ENOENT/);
  });
});
