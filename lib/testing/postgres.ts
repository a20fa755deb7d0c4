// Scratch databases for integration tests: each test file gets its own, migrated like production.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDb, type Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { ensureDayPartitions } from "../db/probe-run-partitions";
import { applyMigrations } from "../db/schema-engine";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export function adminUrl(): string {
  const url = process.env.TETHER_TEST_PG_URL;
  if (!url) throw new Error("TETHER_TEST_PG_URL is unset: run integration tests through `npm run test:int` (its global setup provides a database)");
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix = "tether_test"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

export interface TestDb extends ScratchDatabase {
  db: Db;
  close(): Promise<void>;
}

/** A migrated scratch database with a Prisma client; `close()` disconnects and drops it. */
export async function createTestDb(): Promise<TestDb> {
  const scratch = await createScratchDatabase();
  await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR });
  const db = createDb(scratch.url);
  return {
    ...scratch,
    db,
    close: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

/**
 * Inserts runs as a test sets them up (any day, past or future), creating their days' partitions first, as recording
 * a run would (ProbeRun has no DEFAULT partition to take a run whose day has none).
 */
export async function createProbeRuns(db: Db, args: { data: Prisma.ProbeRunCreateManyInput[] }): Promise<number> {
  await ensureDayPartitions(
    db,
    args.data.map((r) => new Date(r.startedAt).getTime()),
    { wait: true },
  );
  return (await db.probeRun.createMany(args)).count;
}

/**
 * Makes the database refuse every insert into `table` with `message` and SQLSTATE `code` (P0001, a plain RAISE,
 * unless given: 57P01 is how a statement fails when PostgreSQL shuts down under it); returns what lifts it again.
 */
export async function refuseInserts(db: Db, table: string, message: string, code = "P0001"): Promise<() => Promise<void>> {
  const name = `refuse_insert_${table.toLowerCase()}`;
  await db.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = '${code}', MESSAGE = '${message.replaceAll("'", "''")}'; END $$ LANGUAGE plpgsql`,
  );
  await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
  };
}
