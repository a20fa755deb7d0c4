// `npm start`'s program (scripts/start.mjs) against an empty scratch database: it migrates it from nothing (in a
// child process that ends), then serves /api/health from the web server (a thread of the start process), and the one
// process it leaves running is built JavaScript: no tsx loader, no esbuild service, no migration child. The web
// thread's status cache follows the worker's listening connection, and SIGTERM stops the whole. Runs the production
// build in TETHER_DIST_DIR (default .next), which `npm test` makes before this stage; the server bundles are built if stale.
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
import { request } from "undici";
import { createDb } from "../lib/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processTree } from "./bench/kit/process-memory";
import { freePort, spawnProductionServer, stopServer, untilReady, type ProductionServer } from "./bench/kit/production-server";
import { createScratchDatabase, MIGRATIONS_DIR, type ScratchDatabase } from "../lib/testing/postgres";

let scratch: ScratchDatabase;
let server: ProductionServer;

beforeAll(async () => {
  scratch = await createScratchDatabase("tether_start");
  server = spawnProductionServer({
    port: await freePort(),
    env: {
      DATABASE_URL: scratch.url,
      TETHER_DEMO: "off",
      NEXTAUTH_SECRET: "start-int-test-secret-start-int-test-secret",
      TETHER_LOG_LEVEL: "info",
      NEXT_TELEMETRY_DISABLED: "1",
      TETHER_DIST_DIR: process.env.TETHER_DIST_DIR || ".next",
    },
  });
  await untilReady(server, 120_000);
}, 180_000);

afterAll(async () => {
  if (server) await stopServer(server);
  await scratch?.drop();
}, 30_000);

describe("npm start's built program", () => {
  it("migrated the empty database and answers /api/health (untilReady checked the 200)", async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
      const dirs = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
      expect(rows[0]!.n).toBe(dirs.length);
    } finally {
      await client.end();
    }
    expect(server.output.some((l) => /applied \d+ migration\(s\)/.test(l))).toBe(true);
  });

  it("runs as one built process: the start program with the worker, and the web server in a thread of it", () => {
    const tree = processTree(server.pgid);
    const commands = tree.map((p) => p.command);
    expect(commands[0]).toMatch(/node (--\S+ )*scripts\/start\.mjs$/);
    // Nothing compiles TypeScript at run time, and nothing the start needed once stays behind: no web-server
    // process either, as the dashboard answered /api/health from this one.
    expect(commands.filter((c) => /tsx|esbuild|db-migrate|web-server/.test(c))).toEqual([]);
    expect(tree).toHaveLength(1);
  });

  it("serves a status page from memory as soon as the worker builds it: the web thread's cache hears the worker's connection, and opens none of its own", async () => {
    const db = createDb(scratch.url);
    try {
      const page = await db.statusPage.create({ data: { slug: "start-int", title: "Start int", groups: [] } });
      // The worker builds the snapshot within its 2 s pass and NOTIFYs; the cache's own re-read is 30 s away, so an
      // ETag (and a 304 for it) within 20 s means the notification came through the worker's connection.
      let etag: string | undefined;
      await expect
        .poll(
          async () => {
            const res = await request(`${server.origin}/status/start-int/api/v2/status.json`);
            await res.body.text();
            etag = res.headers.etag as string | undefined;
            return res.statusCode === 200 && etag !== undefined;
          },
          { timeout: 20_000, interval: 250 },
        )
        .toBe(true);
      const again = await request(`${server.origin}/status/start-int/api/v2/status.json`, { headers: { "if-none-match": etag! } });
      await again.body.text();
      expect(again.statusCode).toBe(304);
      const names = await db.$queryRaw<{ name: string }[]>`
        SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'tether-%'`;
      expect(names.map((n) => n.name)).toContain("tether-worker-listen");
      expect(names.map((n) => n.name)).not.toContain("tether-status-cache");
      await db.statusPage.delete({ where: { id: page.id } });
    } finally {
      await db.$disconnect();
    }
  }, 40_000);

  it("stops as a whole, with exit code 1, when the web server cannot start (its port is taken), instead of running without a dashboard", async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, "127.0.0.1", resolve));
    try {
      const failed = spawnProductionServer({
        port,
        env: {
          DATABASE_URL: scratch.url,
          TETHER_DEMO: "off",
          NEXTAUTH_SECRET: "start-int-test-secret-start-int-test-secret",
          NEXT_TELEMETRY_DISABLED: "1",
          TETHER_DIST_DIR: process.env.TETHER_DIST_DIR || ".next",
        },
      });
      expect(await failed.started).toEqual({ exited: "1" });
      expect(failed.output.some((l) => /the web server (exited|failed)/.test(l))).toBe(true);
    } finally {
      taken.close();
    }
  }, 120_000);

  it("stops as a whole on SIGTERM: the web thread closes, the worker gives its leases back, exit code 0", async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    process.kill(server.pgid, "SIGTERM");
    expect(await exited).toBe(0);
    expect(server.output.some((l) => /\[tether:worker\] stopped /.test(l))).toBe(true);
    const refused = await request(`${server.origin}/api/health`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  }, 30_000);
});
