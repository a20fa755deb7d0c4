// Status pages end to end below the browser: pages made through the admin API against a real database, their
// Statuspage JSON served by the real route handlers behind a real HTTP server, read by Tether's own
// provider-status reader; what a page may not reveal is searched for; password and signed-in pages refuse.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { sessionCookie } from "../auth/testing/session-cookie";
import { createIntegration } from "../integrations/crud";
import { fetchStatusReading } from "../providers/status/poll-job";
import { buildPublicStatusPage } from "./public-view";

const SECRET = "status-pages-test-secret-0123456789abcdef";
const NOW = Date.now();
const DAY_MS = 86_400_000;
const HIDDEN_ERROR = "connect ECONNREFUSED 10.9.8.7:443";

let t: TestDb;
let server: Server;
let base: string;
let adminCookie: string;
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: { pattern: RegExp; mod: Record<string, unknown> }[] = [];

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(`${base}${req.url}`, { method: req.method, headers, body });
}

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: SECRET });
  routes.push(
    { pattern: /^\/status\/(?<slug>[^/]+)\/api\/v2\/summary\.json$/, mod: await import("../../app/status/[slug]/api/v2/summary.json/route") },
    { pattern: /^\/status\/(?<slug>[^/]+)\/api\/v2\/status\.json$/, mod: await import("../../app/status/[slug]/api/v2/status.json/route") },
    { pattern: /^\/status\/(?<slug>[^/]+)\/unlock$/, mod: await import("../../app/status/[slug]/unlock/route") },
    { pattern: /^\/api\/status-pages$/, mod: await import("../../app/api/status-pages/route") },
    { pattern: /^\/api\/status-pages\/(?<id>[^/]+)$/, mod: await import("../../app/api/status-pages/[id]/route") },
  );
  // The route handlers as Next serves them, behind a plain HTTP server.
  server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const hit = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
      const handler = hit?.r.mod[req.method ?? "GET"] as Handler | undefined;
      if (!hit || !handler) return void res.writeHead(404).end();
      const answer = await handler(await toRequest(req), { params: Promise.resolve({ ...hit.m!.groups }) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await t.db.user.create({ data: { email: "admin@status.test", role: "admin" } });
  adminCookie = await sessionCookie(t.db, admin.id, SECRET);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const http = (name: string, url: string, tags: string[]) =>
  createIntegration(t.db, { name, kind: "http", intervalSeconds: 60, timeoutMs: 1_000, tags, config: { url } });

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { cookie: adminCookie, origin: base, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("status pages", () => {
  let cards: string;
  let paypal: string;

  it("are made through the admin API, which checks what they name", async () => {
    cards = (await http("Stripe charges", "https://api.stripe.test/v1/charges", ["payments"])).id;
    paypal = (await http("PayPal orders", "https://api.paypal.test/v2/orders", ["payments"])).id;
    await http("Internal billing DB", "https://billing.internal.test/health", ["internal"]);
    // Card payments are down (the circuit is open), with an error the page must not show.
    await t.db.circuitState.create({
      data: { integrationId: cards, state: "open", consecutiveFailures: 6, lastRunAt: new Date(NOW - 30_000), lastRunOk: false, lastRunError: HIDDEN_ERROR },
    });
    await t.db.circuitState.create({ data: { integrationId: paypal, state: "closed", lastRunAt: new Date(NOW - 30_000), lastRunOk: true } });
    // Yesterday, card payments failed for a quarter of one hour's runs.
    const yesterday = Math.floor(NOW / DAY_MS) * DAY_MS - DAY_MS;
    await t.db.probeRollupHour.createMany({
      data: [
        {
          integrationId: cards,
          bucket: new Date(yesterday + 3_600_000),
          count: 60,
          failures: 15,
          latencySumMs: 6000,
          latencyMaxMs: 300,
          histIdx: [],
          histCnt: [],
        },
        {
          integrationId: cards,
          bucket: new Date(yesterday + 7_200_000),
          count: 60,
          failures: 0,
          latencySumMs: 6000,
          latencyMaxMs: 300,
          histIdx: [],
          histCnt: [],
        },
        {
          integrationId: paypal,
          bucket: new Date(yesterday + 3_600_000),
          count: 60,
          failures: 0,
          latencySumMs: 6000,
          latencyMaxMs: 300,
          histIdx: [],
          histCnt: [],
        },
      ],
    });

    const bad = await admin("POST", "/api/status-pages", {
      slug: "Not A Slug!",
      title: "",
      groups: [{ name: "x", components: [{ name: "Ghost", source: { kind: "integration", id: "00000000-0000-4000-8000-000000000000" } }] }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/lowercase letters/);

    const ghost = await admin("POST", "/api/status-pages", {
      slug: "ghost",
      title: "Ghost",
      groups: [{ name: "x", components: [{ name: "Ghost", source: { kind: "integration", id: "00000000-0000-4000-8000-000000000000" } }] }],
    });
    expect(ghost.status).toBe(400);
    expect((await ghost.json()).error.details.fields).toEqual({ "groups.0.components.0.source": ["No integration with that id"] });

    const made = await admin("POST", "/api/status-pages", {
      slug: "acme",
      title: "Acme status",
      description: "Payments at Acme",
      groups: [
        {
          name: "Payments",
          components: [
            { id: "cards", name: "Card payments", source: { kind: "integration", id: cards } },
            { id: "all-payments", name: "All payment methods", source: { kind: "tag", tag: "payments" } },
            { id: "paypal", name: "PayPal", source: { kind: "set", ids: [paypal] } },
          ],
        },
      ],
    });
    expect(made.status).toBe(201);
    const page = await made.json();
    expect(page).toMatchObject({ slug: "acme", access: "public", hasPassword: false });
    expect(await t.db.auditEvent.count({ where: { action: "status_page.create", targetId: page.id } })).toBe(1);
    expect((await (await admin("GET", "/api/status-pages")).json()).statusPages.map((p: { slug: string }) => p.slug)).toEqual(["acme"]);
  });

  it("shows each component as the worst of its members, with daily bars from the hour rollups", async () => {
    const row = await t.db.statusPage.findUniqueOrThrow({ where: { slug: "acme" } });
    const view = await buildPublicStatusPage(t.db, row, NOW);
    const [cardsC, allC, paypalC] = view.groups[0]!.components;
    expect([cardsC?.status, allC?.status, paypalC?.status]).toEqual(["major_outage", "major_outage", "operational"]);
    expect(view.headline).toEqual({ indicator: "major", description: "Partial outage" });
    const yesterday = cardsC!.bars.at(-2)!;
    expect(yesterday).toMatchObject({ runs: 120, failures: 15, downtimeMinutes: 15, level: "outage" });
    expect(cardsC!.uptime).toBeCloseTo(105 / 120, 10);
    expect(allC!.bars.at(-2)).toMatchObject({ runs: 180, failures: 15, downtimeMinutes: 15 });
    expect(paypalC!.bars.at(-2)).toMatchObject({ runs: 60, failures: 0, level: "operational" });
  });

  it("serves summary.json and status.json that Tether's own provider-status reader reads, revealing nothing off the page", async () => {
    const url = `${base}/status/acme/api/v2/summary.json`;
    const reading = await fetchStatusReading(url, { now: new Date(NOW), outbound: { allowPrivateNetworks: true } });
    expect(reading).toMatchObject({ indicator: "partial_outage", description: "Partial outage", pageName: "Acme status", incidents: [] });

    const text = await (await fetch(url)).text();
    const summary = JSON.parse(text);
    expect(summary.status).toEqual({ indicator: "major", description: "Partial outage" });
    expect(summary.components.map((c: { name: string; status: string }) => `${c.name}: ${c.status}`)).toEqual([
      "Payments: major_outage",
      "Card payments: major_outage",
      "All payment methods: major_outage",
      "PayPal: operational",
    ]);
    for (const secret of ["Stripe charges", "PayPal orders", "Internal billing", "api.stripe.test", "billing.internal", HIDDEN_ERROR, cards, paypal])
      expect(text).not.toContain(secret);

    const status = await (await fetch(`${base}/status/acme/api/v2/status.json`)).json();
    expect(status).toEqual({ page: { ...summary.page, updated_at: expect.any(String) }, status: summary.status });
    expect((await fetch(`${base}/status/nope/api/v2/summary.json`)).status).toBe(404);
  });

  it("shows an active maintenance window as maintenance, and Statuspage readers read it so", async () => {
    const maint = await t.db.alertSilence.create({
      data: {
        kind: "maintenance",
        integrationId: paypal,
        startsAt: new Date(NOW - 60_000),
        endsAt: new Date(NOW + 3_600_000),
        reason: "Rotating PayPal orders keys",
      },
    });
    const text = await (await fetch(`${base}/status/acme/api/v2/summary.json`)).text();
    const summary = JSON.parse(text);
    expect(summary.components.find((c: { id: string }) => c.id === "paypal").status).toBe("under_maintenance");
    expect(summary.scheduled_maintenances).toMatchObject([{ status: "in_progress", components: [{ id: "all-payments" }, { id: "paypal" }] }]);
    expect(text).not.toContain("Rotating");
    await t.db.alertSilence.delete({ where: { id: maint.id } });
  });

  it("refuses a password-protected page and its JSON without the password, and unlocks with it", async () => {
    const made = await admin("POST", "/api/status-pages", {
      slug: "private",
      title: "Private partner status",
      access: "password",
      password: "correct horse battery",
      groups: [{ name: "", components: [{ name: "Cards", source: { kind: "integration", id: cards } }] }],
    });
    expect(made.status).toBe(201);
    expect(JSON.stringify(await made.json())).not.toContain("correct horse");
    const row = await t.db.statusPage.findUniqueOrThrow({ where: { slug: "private" } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);

    for (const path of ["summary.json", "status.json"]) {
      const refused = await fetch(`${base}/status/private/api/v2/${path}`);
      expect(refused.status).toBe(401);
      const body = await refused.text();
      expect(body).toContain("needs its password");
      expect(body).not.toContain("Private partner");
    }
    const reading = await fetchStatusReading(`${base}/status/private/api/v2/summary.json`, { now: new Date(NOW), outbound: { allowPrivateNetworks: true } });
    expect(reading.indicator).toBe("unknown");

    const unlock = (password: string) =>
      fetch(`${base}/status/private/unlock`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ password }),
      });
    const wrong = await unlock("not the password");
    expect(wrong.status).toBe(303);
    // Relative, so the reader stays on the origin they came from (Next may see the request under another host name).
    expect(wrong.headers.get("location")).toBe("/status/private?unlock=wrong");
    expect(wrong.headers.get("set-cookie")).toBeNull();
    // A forged cookie does not pass either.
    expect((await fetch(`${base}/status/private/api/v2/summary.json`, { headers: { cookie: "tether-status-private=forged" } })).status).toBe(401);

    const right = await unlock("correct horse battery");
    expect(right.status).toBe(303);
    const setCookie = right.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^tether-status-private=[\w-]+; Path=\/status\/private; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(";")[0]!;
    const granted = await fetch(`${base}/status/private/api/v2/summary.json`, { headers: { cookie } });
    expect(granted.status).toBe(200);
    expect((await granted.json()).page.name).toBe("Private partner status");

    // A new password voids the old cookie.
    const { id } = row;
    const changed = await admin("PUT", `/api/status-pages/${id}`, {
      slug: "private",
      title: "Private partner status",
      access: "password",
      password: "a different secret",
      groups: [{ name: "", components: [{ name: "Cards", source: { kind: "integration", id: cards } }] }],
    });
    expect(changed.status).toBe(200);
    expect((await fetch(`${base}/status/private/api/v2/summary.json`, { headers: { cookie } })).status).toBe(401);
  });

  it("refuses a signed-in page to anyone not signed in", async () => {
    const made = await admin("POST", "/api/status-pages", {
      slug: "team",
      title: "Team status",
      access: "signed_in",
      groups: [{ name: "", components: [{ name: "Cards", source: { kind: "integration", id: cards } }] }],
    });
    expect(made.status).toBe(201);
    const refused = await fetch(`${base}/status/team/api/v2/summary.json`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("Sign in");
    expect((await fetch(`${base}/status/team/api/v2/summary.json`, { headers: { cookie: adminCookie } })).status).toBe(200);
    const del = await admin("DELETE", `/api/status-pages/${(await made.json()).id}`);
    expect(del.status).toBe(204);
    expect((await fetch(`${base}/status/team/api/v2/summary.json`, { headers: { cookie: adminCookie } })).status).toBe(404);
  });
});
