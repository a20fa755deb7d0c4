// Every API route and page, for every kind of caller, gets exactly the answer its declared policy allows.
// The list of routes is read from the file system, so a route added later without a policy (or without an
// expectation here) fails this test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import type { Policy, Role } from "./roles";
import { sessionCookie } from "./testing/session-cookie";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "route-policy-test-secret-0123456789abcdef";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The contract: what each route requires. Changing a policy means changing this table on purpose. */
const EXPECTED: Record<string, Policy> = {
  "GET /api/status-pages": "viewer",
  "POST /api/status-pages": "editor",
  "GET /api/status-pages/[id]": "viewer",
  "PUT /api/status-pages/[id]": "editor",
  "DELETE /api/status-pages/[id]": "editor",
  "GET /api/status-pages/[id]/subscribers": "viewer",
  "DELETE /api/status-pages/[id]/subscribers/[subscriberId]": "editor",
  "GET /api/status-pages/[id]/incidents": "viewer",
  "POST /api/status-pages/[id]/incidents": "editor",
  "GET /api/status-incidents/[id]": "viewer",
  "PATCH /api/status-incidents/[id]": "editor",
  "POST /api/status-incidents/[id]/updates": "editor",
  "PATCH /api/status-incidents/[id]/updates/[updateId]": "editor",
  "GET /api/health": "public",
  "GET /api/openapi.json": "public",
  "GET /api/config": "viewer",
  "POST /api/config/apply": "editor",
  "GET /api/config/schema.json": "public",
  "POST /api/setup": "public",
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/me": "viewer",
  "GET /api/integrations": "viewer",
  "POST /api/integrations": "editor",
  "GET /api/integrations/overview": "viewer",
  "GET /api/integrations/[id]": "viewer",
  "PATCH /api/integrations/[id]": "editor",
  "DELETE /api/integrations/[id]": "editor",
  "POST /api/integrations/[id]/probe": "editor",
  "GET /api/integrations/[id]/runs": "viewer",
  "GET /api/integrations/[id]/series": "viewer",
  "GET /api/integrations/[id]/timeline": "viewer",
  "GET /api/integrations/[id]/tool-versions": "viewer",
  "GET /api/alerts/rules": "viewer",
  "POST /api/alerts/rules": "editor",
  "GET /api/alerts/rules/[id]": "viewer",
  "PATCH /api/alerts/rules/[id]": "editor",
  "DELETE /api/alerts/rules/[id]": "editor",
  "POST /api/alerts/rules/backtest": "editor",
  "GET /api/slos": "viewer",
  "POST /api/slos": "editor",
  "GET /api/slos/report": "viewer",
  "GET /api/slos/report.csv": "viewer",
  "GET /api/slos/openslo": "viewer",
  "POST /api/slos/openslo": "editor",
  "GET /api/slos/[id]": "viewer",
  "PATCH /api/slos/[id]": "editor",
  "DELETE /api/slos/[id]": "editor",
  "GET /api/integrations/[id]/slos": "viewer",
  "GET /api/alerts/silences": "viewer",
  "POST /api/alerts/silences": "editor",
  "DELETE /api/alerts/silences/[id]": "editor",
  "GET /api/incidents": "viewer",
  "GET /api/incidents/[id]": "viewer",
  "POST /api/incidents/[id]/acknowledge": "editor",
  "GET /api/tokens": "viewer",
  "POST /api/tokens": "viewer",
  "DELETE /api/tokens/[id]": "viewer",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "GET /api/users/[id]/sessions": "admin",
  "DELETE /api/users/[id]/sessions": "admin",
  "GET /api/sessions": "viewer",
  "DELETE /api/sessions": "viewer",
  "DELETE /api/sessions/[id]": "viewer",
  "GET /api/audit": "admin",
  "GET /api/integrations/[id]/secrets": "viewer",
  "PUT /api/integrations/[id]/secrets/[name]": "editor",
  "DELETE /api/integrations/[id]/secrets/[name]": "editor",
  "POST /api/admin/rotate-secrets": "admin",
  "GET /api/workers": "viewer",
  "GET /api/workers/locations": "viewer",
  "POST /api/webhooks/in/[source]": "public",
  "GET /api/webhooks/events": "viewer",
  "GET /api/webhooks/events/[id]": "viewer",
  "POST /api/webhooks/events/[id]/replay": "editor",
  "POST /api/webhooks/events/replay": "editor",
  "GET /api/webhooks/events/progress": "viewer",
  "GET /api/webhooks/events/export": "viewer",
  "GET /api/webhooks/sources": "viewer",
  "POST /api/webhooks/sources": "editor",
  "POST /api/webhooks/sources/[id]/rotate": "editor",
  "GET /api/alerts/channels": "viewer",
  "POST /api/alerts/channels": "editor",
  "GET /api/alerts/channels/[id]": "viewer",
  "PATCH /api/alerts/channels/[id]": "editor",
  "DELETE /api/alerts/channels/[id]": "editor",
  "POST /api/alerts/channels/[id]/test": "editor",
  "GET /api/webhooks/outbound": "viewer",
  "GET /api/webhooks/outbound/[id]": "viewer",
  "POST /api/webhooks/outbound/[id]/replay": "editor",
  "PATCH /api/webhooks/sources/[id]": "editor",
  "DELETE /api/webhooks/sources/[id]": "admin",
  "POST /api/webhooks/events/[id]/edited-replay": "admin",
  "POST /api/mcp/import/preview": "editor",
  "POST /api/mcp/import": "editor",
  "GET /metrics": "metrics",
  // Tether's own MCP server: any role connects; its tools enforce their roles (lib/mcp/server).
  "POST /api/mcp": "viewer",
  "GET /api/mcp": "viewer",
  "DELETE /api/mcp": "viewer",
};
/** Routes an API token may not use even with the role: tokens cannot mint or revoke tokens, nor manage sessions. */
const SESSION_ONLY = new Set([
  "GET /api/tokens",
  "POST /api/tokens",
  "DELETE /api/tokens/[id]",
  "GET /api/sessions",
  "DELETE /api/sessions",
  "DELETE /api/sessions/[id]",
]);
/** next-auth's own handlers need Next's request scope; their policy is checked, and e2e drives them. */
const NOT_INVOKED = new Set(["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]"]);

function walk(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path, name) : entry === name ? [path] : [];
  });
}

const routeFiles = [...walk(join(ROOT, "app/api"), "route.ts"), ...walk(join(ROOT, "app/metrics"), "route.ts")];
const routePath = (file: string) => "/" + relative(join(ROOT, "app"), file).split(sep).slice(0, -1).join("/");

type Caller = { name: string; role: Role | null; token: boolean; metricsScope?: boolean; headers: Record<string, string> };

let t: TestDb;
const callers: Caller[] = [];
type Handler = ((req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>) & { policy?: Policy };
const handlers = new Map<string, Handler>();

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.TETHER_ENCRYPTION_KEY = "0".repeat(64);
  // The origin the callers' pages come from is Tether's own (the MCP route validates Origin against it).
  process.env.TETHER_PUBLIC_URL = "http://tether.test";
  const user = async (role: Role) => t.db.user.create({ data: { email: `${role}@test.local`, role } });
  const session = async (role: Role) => {
    const u = await user(role);
    return { cookie: await sessionCookie(t.db, u.id, SECRET), origin: "http://tether.test", host: "tether.test" };
  };
  callers.push({ name: "anonymous", role: null, token: false, headers: { origin: "http://tether.test", host: "tether.test" } });
  for (const role of ["viewer", "editor", "admin"] as const) callers.push({ name: role, role, token: false, headers: await session(role) });
  // An editor token owned by an admin: it acts as editor.
  const { createToken } = await import("./tokens");
  const owner = await t.db.user.findFirstOrThrow({ where: { role: "admin" } });
  const { token } = await createToken(
    t.db,
    { kind: "user", userId: owner.id, email: owner.email, role: "admin", label: owner.email },
    { name: "ci", role: "editor" },
  );
  callers.push({ name: "editor API token", role: "editor", token: true, headers: { authorization: `Bearer ${token}` } });
  // A viewer token with the metrics scope: what a Prometheus server holds.
  const scraper = await createToken(
    t.db,
    { kind: "user", userId: owner.id, email: owner.email, role: "admin", label: owner.email },
    { name: "prometheus", role: "viewer", scopes: ["metrics"] },
  );
  callers.push({
    name: "viewer API token with the metrics scope",
    role: "viewer",
    token: true,
    metricsScope: true,
    headers: { authorization: `Bearer ${scraper.token}` },
  });

  for (const file of routeFiles) {
    const mod = (await import(file)) as Record<string, Handler>;
    for (const method of METHODS) if (mod[method]) handlers.set(`${method} ${routePath(file)}`, mod[method]);
  }
});

afterAll(async () => {
  await t.close();
});

function allowed(policy: Policy, caller: Caller, key: string): boolean {
  if (policy === "public") return true;
  if (!caller.role) return false;
  if (policy === "metrics") return caller.metricsScope === true;
  if (caller.token && SESSION_ONLY.has(key)) return false;
  const rank = { viewer: 1, editor: 2, admin: 3 };
  return rank[caller.role] >= rank[policy];
}

describe("route policies", () => {
  it("finds the routes on disk", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it("every exported handler declares a policy, and it is the expected one", () => {
    const declared = Object.fromEntries([...handlers].map(([key, h]) => [key, h.policy ?? "MISSING"]));
    expect(declared).toEqual(EXPECTED);
  });

  it("there are no server actions outside this test's reach", () => {
    const sources = ["app", "components", "lib"].flatMap((d) => listTs(join(ROOT, d)));
    const withActions = sources.filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
    expect(withActions).toEqual([]);
  });

  it("each route answers each caller as its policy allows (401 anonymous, 403 too low, otherwise served)", async () => {
    const outcomes: string[] = [];
    // "Sign out everywhere" ends the caller's sessions: it goes last, and the sessions are live again afterwards.
    const last = (key: string) => Number(key === "DELETE /api/sessions");
    for (const [key, handler] of [...handlers].sort(([a], [b]) => last(a) - last(b))) {
      if (NOT_INVOKED.has(key)) continue;
      const [method, path] = key.split(" ") as [string, string];
      for (const caller of callers) {
        const url = `http://tether.test${path.replace("[id]", "00000000-0000-4000-8000-000000000000").replace("[name]", "API_KEY").replace("[source]", "no-such-source")}`;
        const req = new Request(url, { method, headers: { ...caller.headers, "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
        const res = await handler(req, { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000", name: "API_KEY", source: "no-such-source" }) });
        const expectAllowed = allowed(EXPECTED[key]!, caller, key);
        const got = res.status === 401 ? "401" : res.status === 403 ? "403" : "served";
        const want = expectAllowed ? "served" : caller.role ? "403" : "401";
        // The setup route refuses (409) once accounts exist: still "served", i.e. not an authorization answer.
        outcomes.push(`${key} as ${caller.name}: ${got === want ? "ok" : `got ${res.status}, want ${want}`}`);
      }
    }
    await t.db.userSession.updateMany({ data: { endedAt: null } });
    expect(outcomes.filter((o) => !o.endsWith(": ok"))).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(60);
  });

  it("refuses a cookie-authenticated write from another origin, and accepts the same write with a token", async () => {
    const post = handlers.get("POST /api/integrations")!;
    const editor = callers.find((c) => c.name === "editor")!;
    const crossSite = await post(
      new Request("http://tether.test/api/integrations", { method: "POST", headers: { ...editor.headers, origin: "http://evil.example" }, body: "{}" }),
      { params: Promise.resolve({}) },
    );
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/Cross-site request refused/);
    const token = callers.find((c) => c.token)!;
    const viaToken = await post(
      new Request("http://tether.test/api/integrations", { method: "POST", headers: { ...token.headers, origin: "http://evil.example" }, body: "{}" }),
      { params: Promise.resolve({}) },
    );
    expect(viaToken.status).toBe(400);
  });

  it("every page declares who may see it", () => {
    // A status page decides its own access (public, password or signed-in): lib/status-pages/access.ts and its tests.
    const PUBLIC_PAGES = new Set([
      "app/signin/page.tsx",
      "app/status/[slug]/page.tsx",
      "app/status/[slug]/confirm/page.tsx",
      "app/status/[slug]/unsubscribe/page.tsx",
      "app/status/[slug]/incidents/[id]/page.tsx",
      "app/status/[slug]/history/page.tsx",
    ]);
    const pages = walk(join(ROOT, "app"), "page.tsx").map((f) => relative(ROOT, f).split(sep).join("/"));
    const undeclared = pages.filter((p) => !PUBLIC_PAGES.has(p) && !readFileSync(join(ROOT, p), "utf8").includes("requirePage("));
    expect(pages.length).toBeGreaterThan(5);
    expect(undeclared).toEqual([]);
  });
});

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "generated" || entry === "node_modules") return [];
    return statSync(path).isDirectory() ? listTs(path) : /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}
