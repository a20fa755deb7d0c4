// `npm start`'s program (scripts/start.mjs) against an empty scratch database: it migrates it from nothing (in a
// child process that ends), then serves /api/health from the web server, and every process it leaves running is
// built JavaScript: no tsx loader, no esbuild service, no migration child. Runs the production build in
// TETHER_DIST_DIR (default .next), which `npm test` makes before this stage; the server bundles are built if stale.
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
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

  it("runs as two built processes: the start program with the worker, and the web-server bundle", () => {
    const tree = processTree(server.pgid);
    const commands = tree.map((p) => p.command);
    expect(commands[0]).toMatch(/node (--\S+ )*scripts\/start\.mjs$/);
    expect(commands.filter((c) => /node_modules\/\.cache\/tether\/web-server\.mjs --port \d+ --host 127\.0\.0\.1$/.test(c))).toHaveLength(1);
    // Nothing compiles TypeScript at run time, and nothing the start needed once stays behind.
    expect(commands.filter((c) => /tsx|esbuild|db-migrate/.test(c))).toEqual([]);
    expect(tree).toHaveLength(2);
  });

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
});
