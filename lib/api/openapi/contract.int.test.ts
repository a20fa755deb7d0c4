// The document against the running routes, over a real database: it is served to anyone, each handler's policy is
// the documented one, a body the document calls invalid is refused with the documented error shape (and nothing is
// stored), and real responses of the described routes validate against their documented schemas.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { OPERATIONS, type Operation } from ".";
import { apiErrorBodySchema } from "./responses";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SECRET = "openapi-contract-test-secret-0123456789abcdef";

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { policy?: string };
type Doc = { paths: Record<string, Record<string, DocOperation>>; components: { schemas: Record<string, object> } };
type DocOperation = {
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};

let t: TestDb;
let token: string;
let doc: Doc;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

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

async function call(method: string, path: string, opts: { params?: Record<string, string>; body?: unknown; query?: string; auth?: boolean } = {}) {
  const url = `http://tether.test${Object.entries(opts.params ?? {}).reduce((p, [k, v]) => p.replace(`{${k}}`, v), path)}${opts.query ?? ""}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.auth !== false) headers.authorization = `Bearer ${token}`;
  const req = new Request(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await (await handler(op(method, path)))(req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

/** The documented schema of an operation's response (or its body), compiled with the Error component beside it. */
function documented(method: string, path: string, what: "body" | number) {
  const o = doc.paths[path]![method.toLowerCase()]!;
  const schema = what === "body" ? o.requestBody!.content["application/json"]!.schema : o.responses[String(what)]!.content!["application/json"]!.schema;
  return ajv.compile({ ...schema, components: doc.components });
}

function expectValid(v: ReturnType<typeof documented>, data: unknown): void {
  const ok = v(data);
  expect(ok ? "valid" : ajv.errorsText(v.errors?.map((e) => ({ ...e, message: `${e.message} ${JSON.stringify(e.params)}` })))).toBe("valid");
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
