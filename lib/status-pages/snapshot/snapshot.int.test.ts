// Status page snapshots against a real database: the worker's rebuild pass (explicit calls with an injected clock),
// the web cache following its NOTIFY, the fast path answering public pages from memory (HTML, JSON, badges,
// widget, custom host), and protected pages' JSON, badges and widget left to Next's routes, which refuse them.
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { createDb, poolOf } from "../../db/client";
import { createIntegration } from "../../integrations/crud";
import { hashPassword } from "../../auth/passwords";
import { unlockCookieName, unlockToken } from "../access";
import { answerStatusFast } from "../../http/status-fast-path";
import { refreshStatusSnapshots } from "./build";
import { StatusSnapshotCache } from "./cache";
import { snapshotFeedOverPort } from "./feed";
import { MessageChannel } from "node:worker_threads";
import { workListenerFeeding } from "../../scheduler/worker";
import { createLogger } from "../../observability/logger";

const SECRET = "snapshot-test-secret-0123456789abcdef";
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const BASE = "https://tether.example";

let t: TestDb;
let cache: StatusSnapshotCache;
let server: Server;
let base: string;
let api: string;
let db2: string;
let lockedPage: { id: string; slug: string; passwordHash: string | null };
/** A GET with raw headers (fetch may not set Host), its body undecoded. */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res
        .on("data", (c: Buffer) => chunks.push(c))
        .on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

/** What reached "Next": requests the fast path did not answer. */
const fellThrough: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: SECRET });
  const make = (name: string) =>
    createIntegration(t.db, { name, kind: "http", intervalSeconds: 60, timeoutMs: 1_000, tags: [], config: { url: `https://${name}.example/health` } });
  api = (await make("api")).id;
  db2 = (await make("db")).id;
  for (const id of [api, db2])
    await t.db.circuitState.create({ data: { integrationId: id, state: "closed", lastRunAt: new Date(NOW - 30_000), lastRunOk: true } });
  await t.db.probeRollupHour.createMany({
    data: [1, 2, 3].map((h) => ({
      integrationId: api,
      bucket: new Date(Math.floor(NOW / 3_600_000) * 3_600_000 - h * 3_600_000),
      count: 60,
      failures: h === 1 ? 6 : 0,
      latencySumMs: 6000,
      latencyMaxMs: 400,
      histIdx: [20, 30],
      histCnt: [50, 10],
    })),
  });
  const groups = [
    {
      name: "Core",
      components: [
        { id: "api", name: "Public API", source: { kind: "integration", id: api } },
        { id: "db", name: "Database", source: { kind: "integration", id: db2 } },
      ],
    },
  ];
  await t.db.statusPage.create({ data: { slug: "acme", title: "Acme", groups, customHost: "status.acme.test" } });
  lockedPage = await t.db.statusPage.create({
    data: {
      slug: "locked",
      title: "Locked",
      groups,
      access: "password",
      passwordHash: await hashPassword("correct horse battery"),
      customHost: "locked.acme.test",
    },
  });
  await t.db.statusPage.create({ data: { slug: "staff", title: "Staff", groups, access: "signed_in" } });

  cache = new StatusSnapshotCache(t.db);
  server = createServer((req, res) => {
    if (answerStatusFast(cache, req, res)) return;
    fellThrough.push(req.url ?? "");
    res.writeHead(404, { "x-answered-by": "next" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await cache.close();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe("status page snapshots", () => {
  it("are built for every page, and rebuilt only when the fingerprint moves", async () => {
    const first = await refreshStatusSnapshots(t.db, { now: NOW, publicBase: BASE });
    expect(first.rebuilt.sort()).toEqual(["acme", "locked", "staff"]);
    const again = await refreshStatusSnapshots(t.db, { now: NOW + 2_000, publicBase: BASE });
    expect(again).toEqual({ checked: 3, rebuilt: [], quick: [] });
    const row = await t.db.statusPageSnapshot.findUniqueOrThrow({
      where: { pageId: (await t.db.statusPage.findUniqueOrThrow({ where: { slug: "acme" } })).id },
    });
    expect(JSON.parse(row.summaryJson).page.url).toBe("https://status.acme.test/");
    expect(JSON.parse(row.statusJson).status).toEqual({ indicator: "none", description: "All systems operational" });
    expect(row.html).toContain("Public API");
    expect(row.html).not.toContain("api.example"); // member URLs stay on the server
    const badges = row.badges as Record<string, { uptime24h: number; p95Ms: number }>;
    expect(badges.api!.uptime24h).toBeCloseTo(174 / 180, 5);
    expect(badges.api!.p95Ms).toBeGreaterThan(0);
  });

  it("serves a public page's HTML, JSON, badges and widget from memory, compressed, with ETags", async () => {
    await cache.start(t.url, 60_000);
    const html = await fetch(`${base}/status/acme`, { headers: { "accept-encoding": "br" } });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const etag = html.headers.get("etag")!;
    expect(await html.text()).toContain("All systems operational");
    // Raw bytes are brotli: node's fetch decodes it, so ask with a raw request too.
    const raw = await get("/status/acme", { "accept-encoding": "gzip, deflate, br" });
    expect(raw.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(raw.body).toString()).toContain("<!doctype html>");
    expect((await get("/status/acme", { "accept-encoding": "gzip" })).headers["content-encoding"]).toBe("gzip");
    expect((await fetch(`${base}/status/acme`, { headers: { "if-none-match": etag, "accept-encoding": "br" } })).status).toBe(304);

    const summary = await (await fetch(`${base}/status/acme/api/v2/summary.json`)).json();
    expect(summary.components.map((c: { id: string }) => c.id)).toEqual(["00000000-group-0".replace("00000000", summary.page.id.slice(0, 8)), "api", "db"]);
    const badge = await fetch(`${base}/status/acme/badge/api/uptime-24h.svg`);
    expect(badge.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(await badge.text()).toContain("96.66%");
    expect(await (await fetch(`${base}/status/acme/badge/api/status.svg`)).text()).toContain("operational");
    const widget = await fetch(`${base}/status/acme/widget`);
    expect(widget.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(widget.headers.get("x-frame-options")).toBeNull();
    expect(await widget.text()).toContain("All systems operational");
    expect(fellThrough).toEqual([]);
    // Unknown badges and components are Next's to 404.
    expect((await fetch(`${base}/status/acme/badge/nope/status.svg`)).headers.get("x-answered-by")).toBe("next");
  });

  it("follows a status change: the worker's next pass rebuilds, NOTIFY reaches the cache", async () => {
    await t.db.circuitState.update({ where: { integrationId: api }, data: { state: "open", consecutiveFailures: 5, lastRunOk: false } });
    const pass = await refreshStatusSnapshots(t.db, { now: NOW + 4_000, publicBase: BASE });
    expect(pass.rebuilt.sort()).toEqual(["acme", "locked", "staff"]);
    // Within the same 5-minute bucket only statuses moved: the stored history bars are kept.
    expect(pass.quick.sort()).toEqual(["acme", "locked", "staff"]);
    await expect
      .poll(async () => (await (await fetch(`${base}/status/acme/api/v2/status.json`)).json()).status.indicator, { timeout: 5_000, interval: 50 })
      .toBe("major");
    expect(await (await fetch(`${base}/status/acme/badge/api/status.svg`)).text()).toContain("major outage");
  });

  it("follows a status incident: opening one and posting an update each rebuild the page, which shows the timeline", async () => {
    const page = await t.db.statusPage.findUniqueOrThrow({ where: { slug: "acme" } });
    const incident = await t.db.statusIncident.create({
      data: { pageId: page.id, title: "Card payments failing", impact: "major", status: "investigating", componentIds: ["db"], startedAt: new Date(NOW) },
    });
    await t.db.statusIncidentUpdate.create({
      data: { incidentId: incident.id, status: "investigating", body: "Looking into **it**.", author: "ada@example.com" },
    });
    const opened = await refreshStatusSnapshots(t.db, { now: NOW + 4_500, publicBase: BASE });
    expect(opened.quick).toEqual(["acme"]);
    await expect.poll(async () => (await fetch(`${base}/status/acme`)).text(), { timeout: 5_000, interval: 50 }).toContain("Card payments failing");
    const html = await (await fetch(`${base}/status/acme`)).text();
    expect(html).toContain("Looking into <strong>it</strong>.");
    expect(html).toContain(`href="/status/acme/incidents/${incident.id}"`);
    await t.db.statusIncidentUpdate.create({
      data: { incidentId: incident.id, status: "identified", body: "The card network is down.", author: "ada@example.com" },
    });
    expect((await refreshStatusSnapshots(t.db, { now: NOW + 4_600, publicBase: BASE })).quick).toEqual(["acme"]);
    await expect.poll(async () => (await fetch(`${base}/status/acme`)).text(), { timeout: 5_000, interval: 50 }).toContain("The card network is down.");
  });

  it("leaves the page with a query (the subscribe form's outcome) to Next, at the page's own address on its host too", async () => {
    fellThrough.length = 0;
    expect((await get("/status/acme?subscribe=sent", {})).headers["x-answered-by"]).toBe("next");
    expect((await get("/?subscribe=sent", { host: "status.acme.test" })).headers["x-answered-by"]).toBe("next");
    expect(fellThrough).toEqual(["/status/acme?subscribe=sent", "/status/acme?subscribe=sent"]);
  });

  it("rebuilds in full when the clock bucket turns, so the history bars move on", async () => {
    const pass = await refreshStatusSnapshots(t.db, { now: NOW + 5 * 60_000, publicBase: BASE });
    expect(pass).toMatchObject({ quick: [] });
    expect(pass.rebuilt.sort()).toEqual(["acme", "locked", "staff"]);
  });

  it("serves a page at / of its custom host, and sends a protected one's host to its own address", async () => {
    const home = await get("/", { host: "status.acme.test" });
    expect(home.status).toBe(200);
    const text = home.body.toString();
    expect(text).toContain("<h1>Acme</h1>");
    expect(text).toContain('href="/api/v2/summary.json"');
    expect(JSON.parse((await get("/api/v2/summary.json", { host: "STATUS.acme.test:443" })).body.toString()).page.name).toBe("Acme");
    expect((await get("/badge/api/p95.svg", { host: "status.acme.test" })).body.toString()).toContain("p95 latency");
    const locked = await get("/", { host: "locked.acme.test" });
    expect(locked.status).toBe(307);
    expect(locked.headers.location).toBe("/status/locked");
    // A protected host's other paths go to Next at the page's own address, where access is checked.
    fellThrough.length = 0;
    expect((await get("/api/v2/summary.json", { host: "locked.acme.test" })).headers["x-answered-by"]).toBe("next");
    expect(fellThrough).toEqual(["/status/locked/api/v2/summary.json"]);
    // Any other host is the dashboard's.
    expect((await get("/", { host: "tether.example" })).headers["x-answered-by"]).toBe("next");
  });

  it("never answers a protected page's HTML, JSON, badges or widget from the fast path; Next's routes refuse them", async () => {
    fellThrough.length = 0;
    const paths = [
      "/status/locked",
      "/status/locked/api/v2/summary.json",
      "/status/locked/badge/api/status.svg",
      "/status/locked/widget",
      "/status/staff/widget",
    ];
    for (const p of paths) expect((await fetch(`${base}${p}`)).headers.get("x-answered-by")).toBe("next");
    expect(fellThrough).toEqual(paths);
    const badgeRoute = await import("../../../app/status/[slug]/badge/[component]/[file]/route");
    const widgetRoute = await import("../../../app/status/[slug]/widget/route");
    const badge = (slug: string, cookie?: string) =>
      badgeRoute.GET(new Request(`${BASE}/status/${slug}/badge/api/status.svg`, { headers: cookie ? { cookie } : {} }), {
        params: Promise.resolve({ slug, component: "api", file: "status.svg" }),
      });
    const widget = (slug: string) => widgetRoute.GET(new Request(`${BASE}/status/${slug}/widget`), { params: Promise.resolve({ slug }) });
    for (const refused of [await badge("locked"), await widget("locked"), await badge("staff"), await widget("staff")]) {
      expect(refused.status).toBe(401);
      const body = await refused.text();
      expect(body).not.toContain("Public API");
      expect(body).not.toContain("Locked");
    }
    const unlocked = await badge("locked", `${unlockCookieName("locked")}=${unlockToken(lockedPage, SECRET)}`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.headers.get("cache-control")).toBe("private, no-store");
    expect(await unlocked.text()).toContain("<svg");
  });

  it("re-reads over its listening connection, so the web process's pool may close while nobody uses the dashboard", async () => {
    const own = createDb(t.url);
    const listening = new StatusSnapshotCache(own);
    try {
      await listening.start(t.url, 100);
      expect(listening.page("staff")).toBeDefined();
      // The pool is gone: a re-read that needed it would fail, and the deleted page would stay served.
      await poolOf(own).end();
      await t.db.statusPageSnapshot.delete({ where: { pageId: (await t.db.statusPage.findUniqueOrThrow({ where: { slug: "staff" } })).id } });
      await expect.poll(() => listening.page("staff"), { timeout: 5_000, interval: 50 }).toBeUndefined();
      expect(listening.page("acme")).toBeDefined();
    } finally {
      await listening.close();
    }
  });

  it("under npm start, follows the worker's listening connection through a MessagePort: no connection of its own", async () => {
    const log = createLogger("test", "error");
    const workerDb = createDb(t.url, { applicationName: "tether-worker" });
    /** A cache fed over a port by a worker's listener, as scripts/start.ts wires them. */
    const fedCache = async (own: ReturnType<typeof createDb>, pollMs: number) => {
      const { port1, port2 } = new MessageChannel();
      const { listener, feed } = workListenerFeeding(workerDb, log, () => undefined, port1);
      await listener.start();
      const cache = new StatusSnapshotCache(own, log, snapshotFeedOverPort(port2));
      await cache.start(t.url, pollMs);
      return {
        cache,
        close: async () => {
          await cache.close();
          await listener.close();
          feed?.close();
        },
      };
    };
    const count = async (application: string) => {
      const rows = await t.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = ${application}`;
      return rows[0]!.n;
    };
    // The first cache of this file (started above) listens on a connection of its own.
    const [listenersBefore, ownBefore] = [await count("tether-worker-listen"), await count("tether-status-cache")];
    const snapshotOf = async (slug: string) => (await t.db.statusPage.findUniqueOrThrow({ where: { slug } })).id;
    const ownA = createDb(t.url);
    const ownB = createDb(t.url);
    const a = await fedCache(ownA, 60_000);
    const b = await fedCache(ownB, 100);
    try {
      expect(a.cache.page("acme")).toBeDefined();
      expect(b.cache.page("locked")).toBeDefined();
      expect(await count("tether-worker-listen")).toBe(listenersBefore + 2);
      expect(await count("tether-status-cache")).toBe(ownBefore);

      // The re-read goes through the worker's side (its pool): with its own pool gone, b still sees a deleted page go.
      await poolOf(ownB).end();
      const locked = await snapshotOf("locked");
      await t.db.statusPageSnapshot.delete({ where: { pageId: locked } });
      await expect.poll(() => b.cache.page("locked"), { timeout: 5_000, interval: 50 }).toBeUndefined();
      expect(b.cache.page("acme")).toBeDefined();

      // A notification reaches a through the port (its own re-read is a minute away).
      const acme = await snapshotOf("acme");
      await t.db.statusPageSnapshot.delete({ where: { pageId: acme } });
      expect(a.cache.page("acme")).toBeDefined();
      await t.db.$executeRaw`SELECT pg_notify('tether_status_snapshot', ${acme})`;
      await expect.poll(() => a.cache.page("acme"), { timeout: 5_000, interval: 50 }).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
      await ownA.$disconnect();
      // Used only through its pool (the feed's re-reads), Prisma never connected it, so $disconnect leaves the pool open.
      await poolOf(workerDb).end();
    }
  });
});
