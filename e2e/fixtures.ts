// Test fixtures: `sql` queries the e2e server's database directly, so tests assert the stored rows as well as
// the page (STYLE.md principle 10).
import { test as base, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { E2E } from "./env";

type Sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

export const test = base.extend<{ sql: Sql }>({
  sql: async ({}, use) => {
    const { password, port } = JSON.parse(readFileSync(join(E2E.dataDir, "postgres.json"), "utf8")) as { password: string; port: number };
    const client = new pg.Client({ host: "127.0.0.1", port, user: "tether", password, database: "tether" });
    await client.connect();
    await use(async (text, values) => (await client.query(text, values)).rows);
    await client.end();
  },
});

export { expect };
