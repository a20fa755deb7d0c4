// The whole production stack on a PostgreSQL of the test's own, for the fault tests (lib/db/*.int.test.ts): the
// cluster (lib/testing/frozen-postgres.ts), migrated and seeded with a webhook source, a few probed integrations
// and a signed-in admin, and `npm start`'s server (scripts/start.ts: web server + worker) pointed at it, with a
// Chromium of its own for the admin's overview. The server runs the production build in TETHER_DIST_DIR (default
// .next): `npm run build` first.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "@playwright/test";
import { Agent, request } from "undici";
import { freePort, killServer, spawnProductionServer, untilReady, type ProductionServer } from "../../scripts/bench/kit/production-server";
import { newSecret, signedHeaders } from "../../scripts/bench/kit/standard-webhooks";
import { sessionCookie } from "../auth/testing/session-cookie";
import { createDb, type Db } from "../db/client";
import { applyMigrations } from "../db/schema-engine";
import { ensureAdmin } from "../users/service";
import { createSource } from "../webhooks/sources";
import { startOwnPostgres, type OwnPostgres } from "./frozen-postgres";
import { MIGRATIONS_DIR } from "./postgres";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST_DIR = process.env.TETHER_DIST_DIR || ".next";
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
export const SOURCE_SLUG = "faults";

export interface FaultStack {
  pg: OwnPostgres;
  /** The test's own client, for seeding and checking (not the server's). */
  db: Db;
  server: ProductionServer;
  /** Requests to the probe target, by path: what the worker actually sent. */
  targetHits: Map<string, number>;
  integrationIds: string[];
  /** A signed-in admin's Cookie header. */
  cookie: string;
  /** One request with a stopwatch; a request that gets no answer within `timeoutMs` is `{ status: 0 }`. */
  timed(path: string, init?: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string; timeoutMs?: number }): Promise<Timed>;
  /** A signed Standard Webhooks delivery with this id, timed. */
  deliver(id: string, timeoutMs?: number): Promise<Timed>;
  /** The admin's overview in a browser context of its own, loaded (svc-0 shown); close it with `page.context().close()`. */
  signedInOverview(): Promise<Page>;
  close(): Promise<void>;
}

export interface Timed {
  status: number;
  ms: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Polls `fn` until it holds, returning how long that took; fails after `timeoutMs`. */
export async function within(timeoutMs: number, what: string, fn: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await fn()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startFaultStack(opts: { integrations: number; intervalSeconds: number }): Promise<FaultStack> {
  if (!existsSync(`${ROOT}${DIST_DIR}/BUILD_ID`)) throw new Error(`No production build in ${DIST_DIR}: run \`npm run build\` first`);
  const pg = await startOwnPostgres(await freePort());
  const cleanups: (() => Promise<unknown>)[] = [() => pg.stop()];
  try {
    await applyMigrations({ databaseUrl: pg.url, migrationsDir: MIGRATIONS_DIR });
    const db = createDb(pg.url);
    cleanups.unshift(() => db.$disconnect());

    const targetHits = new Map<string, number>();
    const target: Server = createServer((req, res) => {
      targetHits.set(req.url!, (targetHits.get(req.url!) ?? 0) + 1);
      res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    cleanups.unshift(() => new Promise((resolve) => target.close(resolve)));
    const targetPort = (target.address() as { port: number }).port;
    for (let i = 0; i < opts.integrations; i++) {
      await db.integration.create({
        data: {
          name: `svc-${i}`,
          kind: "http",
          config: { method: "GET", url: `http://127.0.0.1:${targetPort}/svc-${i}`, headers: [], expectedStatus: "2xx" },
          intervalSeconds: opts.intervalSeconds,
          timeoutMs: 1_000,
          retryAttempts: 0,
        },
      });
    }
    const integrationIds = (await db.integration.findMany({ select: { id: true }, orderBy: { name: "asc" } })).map((i) => i.id);

    // Secrets are sealed under the server's key, so this process seals them with the same one.
    const key = randomBytes(32).toString("hex");
    process.env.TETHER_ENCRYPTION_KEY = key;
    const secret = newSecret();
    await createSource(db, { name: "Faults", slug: SOURCE_SLUG, scheme: "standard_webhooks", secret }, { principal: null });
    const authSecret = randomBytes(32).toString("hex");
    await ensureAdmin(db, "faults@example.com", "correct horse battery staple");
    const admin = await db.user.findUniqueOrThrow({ where: { email: "faults@example.com" } });
    const cookie = await sessionCookie(db, admin.id, authSecret);

    const port = await freePort();
    const server = spawnProductionServer({
      port,
      env: {
        DATABASE_URL: pg.url,
        TETHER_DEMO: "off",
        NEXTAUTH_SECRET: authSecret,
        TETHER_ENCRYPTION_KEY: key,
        TETHER_ALLOW_PRIVATE_TARGETS: "true",
        TETHER_LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        TETHER_DIST_DIR: DIST_DIR,
      },
    });
    cleanups.unshift(() => killServer(server));
    await untilReady(server, 90_000);

    // One connection per request: a request stuck on a frozen database must not hold up the next one.
    const agent = new Agent({ pipelining: 0, connections: 64 });
    cleanups.unshift(() => agent.close());
    const timed: FaultStack["timed"] = async (path, init = {}) => {
      const started = performance.now();
      const timeoutMs = init.timeoutMs ?? 15_000;
      try {
        const res = await request(`${server.origin}${path}`, {
          method: init.method ?? "GET",
          headers: init.headers,
          body: init.body,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const body = await res.body.text();
        return { status: res.statusCode, ms: performance.now() - started, body, headers: res.headers };
      } catch {
        return { status: 0, ms: performance.now() - started, body: "", headers: {} };
      }
    };
    const deliver: FaultStack["deliver"] = (id, timeoutMs) => {
      const body = JSON.stringify({ type: "order.created", data: { id } });
      return timed(`/api/webhooks/in/${SOURCE_SLUG}`, { method: "POST", headers: signedHeaders(secret, id, body), body, timeoutMs });
    };
    // Launched on first use, so a test that never opens a page pays nothing for it.
    let browser: Promise<Browser> | null = null;
    const signedInOverview: FaultStack["signedInOverview"] = async () => {
      if (!browser) {
        browser = chromium.launch({
          executablePath: CHROMIUM,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        const launched = browser;
        cleanups.unshift(async () => (await launched).close());
      }
      const context = await (await browser).newContext();
      const [name, ...value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: server.origin }]);
      const page = await context.newPage();
      await page.goto(`${server.origin}/`);
      await page.getByText("svc-0").first().waitFor({ timeout: 30_000 });
      return page;
    };
    return {
      pg,
      db,
      server,
      targetHits,
      integrationIds,
      cookie,
      timed,
      deliver,
      signedInOverview,
      async close() {
        for (const cleanup of cleanups) await cleanup().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    throw err;
  }
}
