// The document against the running routes, over a real database: it is served to anyone, each handler's policy is
// the documented one, a body the document calls invalid is refused with the documented error shape (and nothing is
// stored), and real responses of the described routes validate against their documented schemas.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { contractChecker, type ContractChecker, type OpenApiDoc } from "../../testing/openapi-contract";
import { OPERATIONS, type Operation } from ".";
import { apiErrorBodySchema } from "./responses";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SECRET = "openapi-contract-test-secret-0123456789abcdef";

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { policy?: string };
type Doc = OpenApiDoc;

let t: TestDb;
let token: string;
let doc: Doc;
let contract: ContractChecker;

/** The route file of an operation: `/api/integrations/{id}` -> `app/api/integrations/[id]/route.ts`. */
function routeFile(op: Operation): string {
  const dir = op.path.replace(/\{nextauth\}/, "[...nextauth]").replace(/\{(\w+)\}/g, "[$1]");
  return join(ROOT, "app", dir, "route.ts");
}

async function handler(op: Operation): Promise<Handler> {
  const mod = (await import(routeFile(op))) as Record<string, Handler>;
  return mod[op.method]!;
}

function op(method: string, path: string): Operation {
  return OPERATIONS.find((o) => o.method === method && o.path === path)!;
}

type CallOptions = { params?: Record<string, string>; body?: unknown; query?: string; auth?: boolean | string; headers?: Record<string, string> };

async function call(method: string, path: string, opts: CallOptions = {}) {
  const url = `http://tether.test${Object.entries(opts.params ?? {}).reduce((p, [k, v]) => p.replace(`{${k}}`, v), path)}${opts.query ?? ""}`;
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.auth !== false) headers.authorization = `Bearer ${typeof opts.auth === "string" ? opts.auth : token}`;
  const req = new Request(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await (await handler(op(method, path)))(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = res.status === 204 ? "" : await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: text === "" ? null : type.includes("json") ? JSON.parse(text) : text };
}

/** The documented schema of an operation's response (or its body), compiled with the Error component beside it. */
function documented(method: string, path: string, what: "body" | number) {
  return contract.schema(method, path, what);
}

function expectValid(v: ReturnType<typeof documented>, data: unknown): void {
  const ok = v(data);
  expect(ok ? "valid" : (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("; ")).toBe("valid");
}

/** Calls an operation for real and checks the answer against what the document says for the status it got. */
async function conforms(method: string, path: string, status: number, opts: CallOptions = {}) {
  const res = await call(method, path, opts);
  expect(`${method} ${path} -> ${res.status}`).toBe(`${method} ${path} -> ${status}`);
  expect(contract.statuses(method, path)).toContain(String(status));
  if (status !== 204) expect(contract.check(method, path, status, res.body)).toEqual([]);
  return res;
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.TETHER_ENCRYPTION_KEY = "0".repeat(64);
  const admin = await t.db.user.create({ data: { email: "admin@test.local", role: "admin" } });
  const { createToken } = await import("../../auth/tokens");
  ({ token } = await createToken(
    t.db,
    { kind: "user", userId: admin.id, email: admin.email, role: "admin", label: admin.email },
    { name: "contract", role: "admin" },
  ));
  const served = await call("GET", "/api/openapi.json", { auth: false });
  expect(served.status).toBe(200);
  doc = served.body as Doc;
  contract = contractChecker(doc);
});

afterAll(async () => {
  await t?.close();
});

describe("GET /api/openapi.json", () => {
  it("is served to an anonymous caller, as valid OpenAPI 3.1 with every declared operation", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? "valid" : compileErrors(result)).toBe("valid");
    const documentedOps = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documentedOps.sort()).toEqual(OPERATIONS.map((o) => `${o.method} ${o.path}`).sort());
  });

  it("documents for each route the policy its handler enforces", async () => {
    const mismatched: string[] = [];
    for (const o of OPERATIONS) {
      const h = await handler(o);
      if (h.policy !== o.policy) mismatched.push(`${o.method} ${o.path}: handler ${h.policy}, documented ${o.policy}`);
    }
    expect(mismatched).toEqual([]);
  });
});

const integrationBody = (over: Record<string, unknown> = {}) => ({
  name: "Payments",
  kind: "http",
  intervalSeconds: 30,
  timeoutMs: 1_000,
  config: { url: "http://127.0.0.1:9/healthy" },
  ...over,
});

const ruleBody = (over: Record<string, unknown> = {}) => ({
  name: "Payments failing",
  scope: { kind: "all" },
  condition: { kind: "consecutive_failures", count: 2 },
  ...over,
});

describe("a body the document calls invalid", () => {
  it("POST /api/integrations: refused with validation_failed and the field, and nothing is stored", async () => {
    const bad = integrationBody({ intervalSeconds: 1 });
    expect(documented("POST", "/api/integrations", "body")(bad)).toBe(false);
    const res = await call("POST", "/api/integrations", { body: bad });
    expect(res.status).toBe(400);
    expectValid(documented("POST", "/api/integrations", 400), res.body);
    expect(apiErrorBodySchema.parse(res.body).error.code).toBe("validation_failed");
    expect(Object.keys((res.body as { error: { details: { fields: object } } }).error.details.fields)).toEqual(["intervalSeconds"]);
    expect(await t.db.integration.count()).toBe(0);
  });

  it("POST /api/alerts/rules: refused with validation_failed and the fields, and nothing is stored", async () => {
    const bad = ruleBody({ condition: { kind: "error_rate", thresholdPct: 0, windowMinutes: 5 } });
    expect(documented("POST", "/api/alerts/rules", "body")(bad)).toBe(false);
    const res = await call("POST", "/api/alerts/rules", { body: bad });
    expect(res.status).toBe(400);
    expectValid(documented("POST", "/api/alerts/rules", 400), res.body);
    expect(apiErrorBodySchema.parse(res.body).error.code).toBe("validation_failed");
    expect(Object.keys((res.body as { error: { details: { fields: object } } }).error.details.fields)).toEqual(["condition.thresholdPct"]);
    expect(await t.db.alertRule.count()).toBe(0);
  });

  it("an unauthenticated call gets the documented 401 error", async () => {
    const res = await call("GET", "/api/integrations", { auth: false });
    expect(res.status).toBe(401);
    expectValid(documented("GET", "/api/integrations", 401), res.body);
  });
});

describe("real responses match their documented schemas", () => {
  it("every operation with a described response, called for real, answers what the document says", async () => {
    const body = integrationBody();
    expectValid(documented("POST", "/api/integrations", "body"), body);
    const created = await call("POST", "/api/integrations", { body });
    expect(created.status).toBe(201);
    expectValid(documented("POST", "/api/integrations", 201), created.body);
    const id = (created.body as { id: string }).id;
    // A real run (nothing listens on port 9: a classified failure), so the runs page has an item to check.
    const run = await call("POST", "/api/integrations/{id}/probe", { params: { id } });
    expect(run.status).toBe(201);
    expectValid(documented("POST", "/api/integrations/{id}/probe", 201), run.body);

    const rule = await call("POST", "/api/alerts/rules", { body: ruleBody() });
    expect(rule.status).toBe(201);
    expectValid(documented("POST", "/api/alerts/rules", 201), rule.body);
    const ruleId = (rule.body as { id: string }).id;
    const incident = await t.db.incident.create({
      data: {
        ruleId,
        ruleName: "Payments failing",
        conditionKind: "consecutive_failures",
        integrationId: id,
        severity: "warning",
        startedAt: new Date("2026-12-01T10:00:00Z"),
        summary: "2 consecutive failures",
        unit: "failures",
        value: 2,
        events: { create: { kind: "opened", at: new Date("2026-12-01T10:00:00Z"), detail: "opened" } },
      },
    });
    const acknowledged = await call("POST", "/api/incidents/{id}/acknowledge", { params: { id: incident.id } });
    expect(acknowledged.status).toBe(200);
    expectValid(documented("POST", "/api/incidents/{id}/acknowledge", 200), acknowledged.body);

    const source = await call("POST", "/api/webhooks/sources", { body: { name: "Orders", slug: "orders", scheme: "none" } });
    expect(source.status).toBe(201);
    expectValid(documented("POST", "/api/webhooks/sources", 201), source.body);
    const received = await call("POST", "/api/webhooks/in/{source}", { params: { source: "orders" }, body: { type: "order.paid" }, auth: false });
    expect(received.status).toBeLessThan(300);
    const events = await call("GET", "/api/webhooks/events");
    const eventId = (events.body as { events: { id: string }[] }).events[0]!.id;

    const secret = await call("PUT", "/api/integrations/{id}/secrets/{name}", { params: { id, name: "API_KEY" }, body: { value: "s3cret-value" } });
    expect(secret.status).toBe(200);
    expectValid(documented("PUT", "/api/integrations/{id}/secrets/{name}", 200), secret.body);
    expect(JSON.stringify(secret.body)).not.toContain("s3cret-value");
    const silenceBody = { integrationId: id, endsAt: "2030-01-01T00:00:00Z", reason: "Provider maintenance" };
    expectValid(documented("POST", "/api/alerts/silences", "body"), silenceBody);
    const silence = await call("POST", "/api/alerts/silences", { body: silenceBody });
    expect(silence.status).toBe(201);
    expectValid(documented("POST", "/api/alerts/silences", 201), silence.body);
    const channel = await call("POST", "/api/alerts/channels", {
      body: { name: "Ops hook", kind: "webhook", config: { url: "https://hooks.example.com/tether" } },
    });
    expect(channel.status).toBe(201);
    expectValid(documented("POST", "/api/alerts/channels", 201), channel.body);
    // The first-run route refuses once an account exists, with the documented 409.
    const setup = await call("POST", "/api/setup", { body: { email: "late@test.local", password: "a-long-enough-password" }, auth: false });
    expect(setup.status).toBe(409);
    expectValid(documented("POST", "/api/setup", 409), setup.body);

    const reads: [string, Record<string, string>?][] = [
      ["/api/integrations/{id}/series", { id }],
      ["/api/integrations/{id}/secrets", { id }],
      ["/api/alerts/silences"],
      ["/api/alerts/channels"],
      ["/api/alerts/channels/{id}", { id: (channel.body as { id: string }).id }],
      ["/api/users"],
      ["/api/workers"],
      ["/api/workers/locations"],
      ["/api/integrations"],
      ["/api/integrations/{id}", { id }],
      ["/api/integrations/{id}/runs", { id }],
      ["/api/alerts/rules"],
      ["/api/alerts/rules/{id}", { id: ruleId }],
      ["/api/incidents"],
      ["/api/incidents/{id}", { id: incident.id }],
      ["/api/webhooks/sources"],
      ["/api/webhooks/events"],
      ["/api/webhooks/events/{id}", { id: eventId }],
      ["/api/me"],
      ["/api/health"],
    ];
    for (const [path, params] of reads) {
      const res = await call("GET", path, { params });
      expect(`${path} ${res.status}`).toBe(`${path} 200`);
      expectValid(documented("GET", path, 200), res.body);
    }
    // The lists were not empty: their items were checked too.
    const counts = await Promise.all(["/api/integrations", "/api/alerts/rules"].map(async (p) => (await call("GET", p)).body));
    expect((counts[0] as unknown[]).length).toBe(1);
    expect((counts[1] as { rules: unknown[] }).rules.length).toBe(1);
    expect(((await call("GET", "/api/integrations/{id}/runs", { params: { id } })).body as { runs: unknown[] }).runs.length).toBe(1);
    expect(((await call("GET", "/api/incidents")).body as { incidents: unknown[] }).incidents.length).toBe(1);
  });
});

describe("the feature routes answer what the document says", () => {
  it("SLOs, status pages, timelines, backtests, deliveries, the audit log, MCP imports, webhook receipts and replays, MCP", async () => {
    const created = await conforms("POST", "/api/integrations", 201, { body: integrationBody({ name: "Ledger" }) });
    const id = (created.body as { id: string }).id;
    await conforms("POST", "/api/integrations/{id}/probe", 201, { params: { id } });
    await conforms("GET", "/api/integrations/{id}/timeline", 200, { params: { id } });
    await conforms("GET", "/api/integrations/{id}/tool-versions", 200, { params: { id } });
    const backtest = await conforms("POST", "/api/alerts/rules/backtest", 200, { body: { rule: ruleBody(), days: 1 } });
    expect((backtest.body as { evaluatedIntegrations: number }).evaluatedIntegrations).toBeGreaterThan(0);

    // SLOs: create, read, list, per integration, patch, OpenSLO dry run, delete (204).
    const sloBody = {
      name: "Ledger availability",
      scope: { kind: "integration", integrationId: id },
      objectivePct: 99.5,
      window: "rolling_28d",
      sli: { kind: "availability" },
    };
    expectValid(documented("POST", "/api/slos", "body"), sloBody);
    const slo = await conforms("POST", "/api/slos", 201, { body: sloBody });
    const sloId = (slo.body as { id: string }).id;
    await conforms("GET", "/api/slos/{id}", 200, { params: { id: sloId } });
    const slos = await conforms("GET", "/api/slos", 200);
    expect((slos.body as { slos: unknown[] }).slos).toHaveLength(1);
    await conforms("GET", "/api/integrations/{id}/slos", 200, { params: { id } });
    await conforms("PATCH", "/api/slos/{id}", 200, { params: { id: sloId }, body: { objectivePct: 99 } });
    const openslo = await conforms("GET", "/api/slos/openslo", 200);
    const imported = await conforms("POST", "/api/slos/openslo", 200, { body: { yaml: openslo.body as string, dryRun: true } });
    expect((imported.body as { items: unknown[] }).items).toHaveLength(1);
    await conforms("POST", "/api/slos", 400, { body: { ...sloBody, objectivePct: 100 } });
    await conforms("DELETE", "/api/slos/{id}", 204, { params: { id: sloId } });
    await conforms("GET", "/api/slos/{id}", 404, { params: { id: sloId } });

    // Status pages.
    const pageBody = { slug: "ledger", title: "Ledger", groups: [{ name: "Core", components: [{ name: "Ledger", source: { kind: "integration", id } }] }] };
    const page = await conforms("POST", "/api/status-pages", 201, { body: pageBody });
    const pageId = (page.body as { id: string }).id;
    await conforms("GET", "/api/status-pages/{id}", 200, { params: { id: pageId } });
    await conforms("GET", "/api/status-pages", 200);
    await conforms("PUT", "/api/status-pages/{id}", 200, { params: { id: pageId }, body: { ...pageBody, title: "Ledger status" } });
    // A slug taken is a field error (400), as the form shows it.
    await conforms("POST", "/api/status-pages", 400, { body: pageBody });
    await conforms("DELETE", "/api/status-pages/{id}", 204, { params: { id: pageId } });

    // Webhooks: a receipt (202, then 200 for the same delivery id), the export, a replay and an edited replay.
    await conforms("POST", "/api/webhooks/sources", 201, {
      body: { name: "Ledger hooks", slug: "ledger-hooks", scheme: "none", forwardUrl: "http://127.0.0.1:9/relay" },
    });
    const receipt = { params: { source: "ledger-hooks" }, body: { type: "entry.posted" }, auth: false } as const;
    await conforms("POST", "/api/webhooks/in/{source}", 202, receipt);
    await conforms("POST", "/api/webhooks/in/{source}", 404, { ...receipt, params: { source: "nowhere" } });
    await conforms("GET", "/api/webhooks/events/export", 200);
    const events = await conforms("GET", "/api/webhooks/events", 200);
    const eventId = (events.body as { events: { id: string }[] }).events[0]!.id;
    await conforms("POST", "/api/webhooks/events/{id}/replay", 200, { params: { id: eventId } });
    await conforms("POST", "/api/webhooks/events/{id}/edited-replay", 200, {
      params: { id: eventId },
      body: { headers: { "content-type": "application/json" }, body: '{"type":"entry.voided"}', bodyEncoding: "utf8" },
    });

    // Outbound: a channel test makes a delivery (it fails: nothing listens on port 9), then list, detail, replay.
    const channel = await conforms("POST", "/api/alerts/channels", 201, {
      body: { name: "Ledger hook", kind: "webhook", config: { url: "http://127.0.0.1:9/hook" } },
    });
    const sent = await conforms("POST", "/api/alerts/channels/{id}/test", 200, { params: { id: (channel.body as { id: string }).id } });
    const deliveryId = (sent.body as { deliveryId: string }).deliveryId;
    const deliveries = await conforms("GET", "/api/webhooks/outbound", 200);
    expect((deliveries.body as { deliveries: unknown[] }).deliveries.length).toBeGreaterThan(0);
    await conforms("GET", "/api/webhooks/outbound/{id}", 200, { params: { id: deliveryId } });
    await conforms("POST", "/api/webhooks/outbound/{id}/replay", 200, { params: { id: deliveryId } });

    // The audit log saw all of it; MCP imports: a preview and an import.
    const audit = await conforms("GET", "/api/audit", 200);
    expect((audit.body as { events: unknown[] }).events.length).toBeGreaterThan(5);
    const files = [{ name: ".mcp.json", content: JSON.stringify({ mcpServers: { docs: { type: "http", url: "https://docs.example.com/mcp" } } }) }];
    const preview = await conforms("POST", "/api/mcp/import/preview", 200, { body: { files } });
    const key = (preview.body as { servers: { key: string }[] }).servers[0]!.key;
    await conforms("POST", "/api/mcp/import", 201, { body: { files, servers: [{ key }] } });

    // Tether's MCP server: an initialize answered as JSON-RPC; GET is 405 in the same shape; no token is the Error-less 401.
    const mcpHeaders = { accept: "application/json, text/event-stream" };
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "contract", version: "1" } },
    };
    const mcp = await conforms("POST", "/api/mcp", 200, { body: init, headers: mcpHeaders });
    expect((mcp.body as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe("tether");
    await conforms("GET", "/api/mcp", 405, { headers: mcpHeaders });

    // The document describes itself.
    await conforms("GET", "/api/openapi.json", 200, { auth: false });
  });

  it("errors answer the Error shape under their documented status: 404, 403 for a viewer's write, 400 for a bad query", async () => {
    const { createToken } = await import("../../auth/tokens");
    const viewer = await t.db.user.create({ data: { email: "viewer@test.local", role: "viewer" } });
    const { token: viewerToken } = await createToken(
      t.db,
      { kind: "user", userId: viewer.id, email: viewer.email, role: "viewer", label: viewer.email },
      { name: "contract-viewer", role: "viewer" },
    );
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const path of ["/api/integrations/{id}", "/api/slos/{id}", "/api/status-pages/{id}", "/api/alerts/rules/{id}", "/api/incidents/{id}"]) {
      const res = await conforms("GET", path, 404, { params: { id: missing } });
      expect(apiErrorBodySchema.parse(res.body).error.code).toBe("not_found");
    }
    const forbidden = await conforms("POST", "/api/slos", 403, { auth: viewerToken, body: {} });
    expect(apiErrorBodySchema.parse(forbidden.body).error.code).toBe("forbidden");
    await conforms("GET", "/api/audit", 403, { auth: viewerToken });
    await conforms("GET", "/api/integrations/{id}/runs", 400, { params: { id: missing }, query: "?limit=0" });
    await conforms("GET", "/api/webhooks/outbound", 401, { auth: false });
  });
});
