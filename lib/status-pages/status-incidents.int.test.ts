// Status incidents end to end below the browser: opened, changed and updated through the real editor API against a
// real database, audited; refused when the rules say so; then read back by the public side: the page's view,
// its incident and history pages' data, and the Statuspage JSON, which a locked page refuses without its password.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { sessionCookie } from "../auth/testing/session-cookie";
import { createIntegration } from "../integrations/crud";
import { unlockToken } from "./access";
import { draftFromAlertIncident, type StatusIncidentView } from "./incidents";
import { buildPublicStatusPage } from "./public-view";
import { serveStatusHistory, serveStatusIncident } from "./serve";

const SECRET = "status-incidents-test-secret-0123456789abcdef";

let t: TestDb;
let server: Server;
let base: string;
let editorCookie: string;
let viewerCookie: string;
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
    { pattern: /^\/status\/(?<slug>[^/]+)\/api\/v2\/incidents\.json$/, mod: await import("../../app/status/[slug]/api/v2/incidents.json/route") },
    { pattern: /^\/api\/status-pages\/(?<id>[^/]+)\/incidents$/, mod: await import("../../app/api/status-pages/[id]/incidents/route") },
    { pattern: /^\/api\/status-incidents\/(?<id>[^/]+)$/, mod: await import("../../app/api/status-incidents/[id]/route") },
    { pattern: /^\/api\/status-incidents\/(?<id>[^/]+)\/updates$/, mod: await import("../../app/api/status-incidents/[id]/updates/route") },
    {
      pattern: /^\/api\/status-incidents\/(?<id>[^/]+)\/updates\/(?<updateId>[^/]+)$/,
      mod: await import("../../app/api/status-incidents/[id]/updates/[updateId]/route"),
    },
  );
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
  const editor = await t.db.user.create({ data: { email: "editor@status.test", role: "editor" } });
  const viewer = await t.db.user.create({ data: { email: "viewer@status.test", role: "viewer" } });
  editorCookie = await sessionCookie(t.db, editor.id, SECRET);
  viewerCookie = await sessionCookie(t.db, viewer.id, SECRET);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const call = (cookie: string | null, method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), origin: base, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let pageId: string;
let apiId: string;
let incident: StatusIncidentView;

describe("status incidents through the editor API", () => {
  it("open with a first update, checking the page's components; viewers may read but not write", async () => {
    apiId = (
      await createIntegration(t.db, {
        name: "Orders API",
        kind: "http",
        intervalSeconds: 60,
        timeoutMs: 1_000,
        tags: [],
        config: { url: "https://orders.test/health" },
      })
    ).id;
    const page = await t.db.statusPage.create({
      data: {
        slug: "acme",
        title: "Acme status",
        groups: [{ name: "Core", components: [{ id: "orders", name: "Orders", source: { kind: "integration", id: apiId } }] }],
      },
    });
    pageId = page.id;

    const unknown = await call(editorCookie, "POST", `/api/status-pages/${pageId}/incidents`, {
      title: "Slow",
      impact: "major",
      componentIds: ["ghost"],
      body: "x",
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.details.fields.componentIds[0]).toMatch(/Not on this page: ghost/);

    const byViewer = await call(viewerCookie, "POST", `/api/status-pages/${pageId}/incidents`, { title: "Slow", body: "x" });
    expect(byViewer.status).toBe(403);

    const res = await call(editorCookie, "POST", `/api/status-pages/${pageId}/incidents`, {
      title: "Orders are failing",
      impact: "major",
      componentIds: ["orders"],
      body: "We are **investigating** failed orders.",
    });
    expect(res.status).toBe(201);
    incident = (await res.json()) as StatusIncidentView;
    expect(incident).toMatchObject({ title: "Orders are failing", impact: "major", status: "investigating", componentIds: ["orders"], resolvedAt: null });
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({ status: "investigating", author: "editor@status.test" });

    const listed = await call(viewerCookie, "GET", `/api/status-pages/${pageId}/incidents`);
    expect((await listed.json()).incidents.map((i: StatusIncidentView) => i.id)).toEqual([incident.id]);
  });

  it("post updates through to resolved, which stamps resolvedAt; then refuse more unless reopened", async () => {
    for (const status of ["identified", "monitoring", "resolved"] as const) {
      const res = await call(editorCookie, "POST", `/api/status-incidents/${incident.id}/updates`, { status, body: `Now ${status}.` });
      expect(res.status).toBe(201);
      incident = await res.json();
    }
    expect(incident.status).toBe("resolved");
    expect(incident.resolvedAt).not.toBeNull();
    expect(incident.updates.map((u) => u.status)).toEqual(["resolved", "monitoring", "identified", "investigating"]);

    const late = await call(editorCookie, "POST", `/api/status-incidents/${incident.id}/updates`, { status: "monitoring", body: "More." });
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toMatch(/reopen/);

    const reopened = await call(editorCookie, "POST", `/api/status-incidents/${incident.id}/updates`, {
      status: "investigating",
      body: "It is back.",
      reopen: true,
    });
    expect(reopened.status).toBe(201);
    expect(await reopened.json()).toMatchObject({ status: "investigating", resolvedAt: null });
  });

  it("change the incident and correct an update's words, every change audited", async () => {
    const patched = await call(editorCookie, "PATCH", `/api/status-incidents/${incident.id}`, { impact: "critical", title: "Orders are down" });
    // Fields left out are kept.
    expect(await patched.json()).toMatchObject({ impact: "critical", title: "Orders are down", componentIds: ["orders"] });
    const first = incident.updates.at(-1)!;
    const edited = await call(editorCookie, "PATCH", `/api/status-incidents/${incident.id}/updates/${first.id}`, {
      body: "We are investigating failed orders.",
    });
    expect(edited.status).toBe(200);
    expect((await edited.json()).updates.at(-1).body).toBe("We are investigating failed orders.");
    const actions = (await t.db.auditEvent.findMany({ where: { targetType: "status_incident", targetId: incident.id }, orderBy: { at: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual([
      "status_incident.create",
      "status_incident.post_update",
      "status_incident.post_update",
      "status_incident.post_update",
      "status_incident.post_update",
      "status_incident.update",
      "status_incident.edit_update",
    ]);
  });
});

describe("promoting an alert incident", () => {
  it("prefills the components holding its integration, an impact from its severity and words without its error; the link is stored", async () => {
    const startedAt = new Date(Date.now() - 600_000);
    const alert = await t.db.incident.create({
      data: {
        ruleName: "Orders down",
        conditionKind: "down",
        integrationId: apiId,
        severity: "critical",
        startedAt,
        summary: "connect ECONNREFUSED 10.1.2.3:443",
        unit: "",
      },
    });
    const draft = await draftFromAlertIncident(t.db, pageId, alert.id);
    expect(draft).toMatchObject({
      title: "Problems with Orders",
      impact: "major",
      status: "investigating",
      componentIds: ["orders"],
      alertIncidentId: alert.id,
    });
    expect(draft.startedAt).toBe(startedAt.toISOString());
    expect(JSON.stringify(draft)).not.toContain("10.1.2.3");

    const res = await call(editorCookie, "POST", `/api/status-pages/${pageId}/incidents`, draft);
    expect(res.status).toBe(201);
    const promoted = (await res.json()) as StatusIncidentView;
    expect(promoted).toMatchObject({ alertIncidentId: alert.id, startedAt: startedAt.toISOString() });
    const bad = await call(editorCookie, "POST", `/api/status-pages/${pageId}/incidents`, {
      ...draft,
      alertIncidentId: "00000000-0000-4000-8000-000000000000",
    });
    expect(bad.status).toBe(400);
    await call(editorCookie, "POST", `/api/status-incidents/${promoted.id}/updates`, { status: "resolved", body: "Done." });
  });
});

describe("status incidents on the public side", () => {
  let open: StatusIncidentView;

  it("an open incident tops the page, raises its component and headline, and is in summary.json in Statuspage's shape", async () => {
    const res = await call(editorCookie, "POST", `/api/status-pages/${pageId}/incidents`, {
      title: "Checkout is slow",
      impact: "major",
      componentIds: ["orders"],
      body: "Looking into it.",
    });
    open = await res.json();
    const view = await buildPublicStatusPage(t.db, (await t.db.statusPage.findUniqueOrThrow({ where: { id: pageId } }))!);
    // The first incident was reopened (critical); both are open.
    expect(view.incidents!.map((i) => i.title)).toEqual(["Checkout is slow", "Orders are down"]);
    expect(view.groups[0]!.components[0]!.status).toBe("major_outage");
    expect(view.headline).toEqual({ indicator: "critical", description: "Major outage" });
    expect(JSON.stringify(view)).not.toContain("editor@status.test");

    const summary = await (await call(null, "GET", "/status/acme/api/v2/summary.json")).json();
    expect(summary.status.indicator).toBe("critical");
    const checkout = summary.incidents.find((i: { id: string }) => i.id === open.id);
    expect(checkout).toMatchObject({
      name: "Checkout is slow",
      status: "investigating",
      impact: "major",
      resolved_at: null,
      monitoring_at: null,
      shortlink: `${base}/status/acme/incidents/${open.id}`,
      page_id: pageId,
      components: [{ id: "orders", name: "Orders", status: "major_outage" }],
    });
    expect(checkout.incident_updates).toEqual([
      expect.objectContaining({
        status: "investigating",
        body: "Looking into it.",
        incident_id: open.id,
        affected_components: [expect.objectContaining({ code: "orders" })],
      }),
    ]);
    expect(summary.scheduled_maintenances).toEqual([]);
  });

  it("a resolved incident leaves the page's status, stays in the history window, the day's bar detail and incidents.json", async () => {
    await call(editorCookie, "POST", `/api/status-incidents/${open.id}/updates`, { status: "monitoring", body: "Better." });
    await call(editorCookie, "POST", `/api/status-incidents/${open.id}/updates`, { status: "resolved", body: "Fixed." });
    await call(editorCookie, "POST", `/api/status-incidents/${incident.id}/updates`, { status: "resolved", body: "Fixed too." });
    const view = await buildPublicStatusPage(t.db, (await t.db.statusPage.findUniqueOrThrow({ where: { id: pageId } }))!);
    expect(view.incidents).toEqual([]);
    expect(view.pastIncidents!.map((i) => i.title).sort()).toEqual(["Checkout is slow", "Orders are down", "Problems with Orders"]);
    expect(view.groups[0]!.components[0]!.status).not.toBe("partial_outage");
    expect(view.groups[0]!.components[0]!.bars.at(-1)!.statusIncidents).toEqual(expect.arrayContaining(["Checkout is slow", "Orders are down"]));

    const list = await (await call(null, "GET", "/status/acme/api/v2/incidents.json")).json();
    const checkout = list.incidents.find((i: { id: string }) => i.id === open.id);
    expect(checkout.status).toBe("resolved");
    expect(checkout.resolved_at).not.toBeNull();
    expect(checkout.monitoring_at).not.toBeNull();
    expect(checkout.incident_updates.map((u: { status: string }) => u.status)).toEqual(["resolved", "monitoring", "investigating"]);
  });

  it("the incident page and the monthly archive read only this page's incidents", async () => {
    const req = { cookie: null, signedIn: false };
    const served = await serveStatusIncident(t.db, "acme", open.id, req, SECRET);
    expect(served.kind === "granted" && served.incident.updates.map((u) => u.body)).toEqual(["Fixed.", "Better.", "Looking into it."]);
    const other = await t.db.statusPage.create({ data: { slug: "other", title: "Other" } });
    expect((await serveStatusIncident(t.db, "other", open.id, req, SECRET)).kind).toBe("not_found");
    const month = new Date().toISOString().slice(0, 7);
    const history = await serveStatusHistory(t.db, "acme", month, req, SECRET);
    expect(history.kind === "granted" && history.incidents.length).toBe(3);
    const before = await serveStatusHistory(t.db, "acme", "2020-01", req, SECRET);
    expect(before.kind === "granted" && before.incidents).toEqual([]);
    expect((await serveStatusHistory(t.db, "acme", "not-a-month", req, SECRET)).kind).toBe("not_found");
    await t.db.statusPage.delete({ where: { id: other.id } });
  });

  it("a password page refuses its incident page, archive and JSON without the password, and serves them with it", async () => {
    const locked = await t.db.statusPage.update({ where: { id: pageId }, data: { access: "password", passwordHash: "$2b$10$abcdefghijklmnopqrstuv" } });
    const anonymous = { cookie: null, signedIn: false };
    expect((await serveStatusIncident(t.db, "acme", open.id, anonymous, SECRET)).kind).toBe("needs_password");
    expect((await serveStatusHistory(t.db, "acme", undefined, anonymous, SECRET)).kind).toBe("needs_password");
    for (const path of ["summary.json", "status.json", "incidents.json"]) {
      const refused = await call(null, "GET", `/status/acme/api/v2/${path}`);
      expect(refused.status, path).toBe(401);
      expect(await refused.text()).not.toContain("Checkout");
    }
    const cookie = `tether-status-acme=${unlockToken(locked, SECRET)}`;
    expect((await serveStatusIncident(t.db, "acme", open.id, { cookie, signedIn: false }, SECRET)).kind).toBe("granted");
    const unlocked = await call(cookie, "GET", "/status/acme/api/v2/incidents.json");
    expect(unlocked.status).toBe(200);
    // Signed-in pages refuse strangers the same way, and serve a signed-in colleague.
    await t.db.statusPage.update({ where: { id: pageId }, data: { access: "signed_in", passwordHash: null } });
    expect((await serveStatusIncident(t.db, "acme", open.id, anonymous, SECRET)).kind).toBe("needs_sign_in");
    expect((await call(null, "GET", "/status/acme/api/v2/incidents.json")).status).toBe(401);
    expect((await call(viewerCookie, "GET", "/status/acme/api/v2/incidents.json")).status).toBe(200);
  });
});
