// The OpenAPI response-schema source against a real local HTTP server: the operation's schema picked and resolved, the
// document cached with its ETag and revalidated after the TTL (the clock is injected), and the outbound guard applied.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenApiCache } from "./openapi";
import { validateJsonSchema } from "./json-schema";
import { openApi30, openApi31Yaml } from "./testing/openapi-fixture";
import type { ResolvedSchema } from "./evaluate";

let server: Server;
let base: string;
const served: { path: string; ifNoneMatch?: string; status: number }[] = [];
let down = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    const ifNoneMatch = req.headers["if-none-match"];
    const send = (status: number, body = "", type = "application/json") => {
      served.push({ path, ifNoneMatch, status });
      res.writeHead(status, { "content-type": type, etag: '"v1"' }).end(body);
    };
    if (down) return send(503, "unavailable");
    if (path === "/openapi.json") return ifNoneMatch === '"v1"' ? send(304) : send(200, JSON.stringify(openApi30));
    if (path === "/openapi.yaml") return send(200, openApi31Yaml, "application/yaml");
    if (path === "/swagger.json") return send(200, JSON.stringify({ swagger: "2.0", paths: {} }));
    if (path === "/external.json") {
      const doc = {
        openapi: "3.0.0",
        paths: { "/x": { get: { responses: { "200": { content: { "application/json": { schema: { $ref: "http://169.254.169.254/schema.json" } } } } } } } },
      };
      return send(200, JSON.stringify(doc));
    }
    send(404, "not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const allowLocal = { allowPrivateNetworks: true };
const ctx = (now: number, outbound = allowLocal) => ({ outbound, signal: new AbortController().signal, now: () => now });
const op = (path: string, status = "200", url = `${base}/openapi.json`) => ({ url, path, method: "get" as const, status });
const check = (resolved: ResolvedSchema, body: unknown) => {
  if (!resolved.ok) throw new Error(resolved.error);
  const outcome = validateJsonSchema(resolved.schema, body, resolved.dialect, resolved.cacheKey);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.violations;
};

describe("OpenAPI response schemas", () => {
  it("picks the operation's response schema with its $refs resolved and OpenAPI 3.0's nullable and exclusive bounds translated", async () => {
    const cache = createOpenApiCache();
    const user = await cache.resolve(op("/v1/users/{id}"), ctx(0));
    expect(user).toMatchObject({ ok: true, dialect: "draft-07" });
    expect(check(user, { id: 1, email: "a@b.co", plan: "pro", nickname: null, balance: 3 })).toEqual([]);
    expect(check(user, { id: "1", email: "a@b.co", plan: "gold", balance: 0 })).toEqual([
      { instancePath: "/id", keyword: "type", message: "must be integer" },
      { instancePath: "/plan", keyword: "enum", message: "must be equal to one of the allowed values" },
      { instancePath: "/balance", keyword: "exclusiveMinimum", message: "must be > 0" },
    ]);
    // A status range and a problem+json body.
    expect(check(await cache.resolve(op("/v1/users/{id}", "404"), ctx(0)), {})).toEqual([
      { instancePath: "", keyword: "required", message: "must have required property 'title'" },
    ]);
    // A circular schema: its $ref is left pointing into the document's components.
    expect(check(await cache.resolve(op("/v1/tree", "200"), ctx(0)), { name: "root", children: [{ name: "a", children: [{}] }] })).toEqual([
      { instancePath: "/children/0/children/0", keyword: "required", message: "must have required property 'name'" },
    ]);
  });

  it("reads OpenAPI 3.1 in YAML as JSON Schema 2020-12", async () => {
    const resolved = await createOpenApiCache().resolve(op("/v1/users/{id}", "200", `${base}/openapi.yaml`), ctx(0));
    expect(resolved).toMatchObject({ ok: true, dialect: "2020-12" });
    expect(check(resolved, { id: 1, email: "a@b.co", nickname: null })).toEqual([]);
    expect(check(resolved, { id: 1 })).toEqual([{ instancePath: "", keyword: "required", message: "must have required property 'email'" }]);
  });

  it("says what the document has when the operation is not in it", async () => {
    const cache = createOpenApiCache();
    expect(await cache.resolve(op("/v2/users"), ctx(0))).toEqual({
      ok: false,
      error: "the OpenAPI document has no path /v2/users (it has /v1/users/{id}, /v1/tree)",
    });
    expect(await cache.resolve({ ...op("/v1/users/{id}"), method: "post" }, ctx(0))).toEqual({
      ok: false,
      error: "the OpenAPI document has no POST /v1/users/{id} operation",
    });
    expect(await cache.resolve(op("/v1/users/{id}", "500"), ctx(0))).toEqual({
      ok: false,
      error: "GET /v1/users/{id} documents no 500 response (it documents 200, 4XX)",
    });
    expect(await cache.resolve(op("/x", "200", `${base}/missing.json`), ctx(0))).toEqual({ ok: false, error: "the OpenAPI document answered HTTP 404" });
    expect(await cache.resolve(op("/x", "200", `${base}/swagger.json`), ctx(0))).toEqual({
      ok: false,
      error: "only OpenAPI 3.0 and 3.1 documents are read (this is Swagger 2.0)",
    });
  });

  it("never follows a $ref out of the document", async () => {
    const resolved = await createOpenApiCache().resolve(op("/x", "200", `${base}/external.json`), ctx(0));
    // The reference stays unresolved, so compiling the schema fails instead of fetching the metadata address.
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(validateJsonSchema(resolved.schema, {}, resolved.dialect)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not valid.*169\.254\.169\.254/),
    });
    expect(served.filter((s) => s.path.includes("169.254"))).toEqual([]);
  });

  it("keeps the document for its TTL, revalidates with its ETag after, and serves the stale copy while the server is down", async () => {
    const cache = createOpenApiCache({ ttlMs: 60_000, staleIfErrorMs: 3_600_000 });
    served.length = 0;
    await cache.resolve(op("/v1/users/{id}"), ctx(1_000));
    await cache.resolve(op("/v1/users/{id}"), ctx(30_000));
    expect(served).toEqual([{ path: "/openapi.json", ifNoneMatch: undefined, status: 200 }]);
    expect((await cache.resolve(op("/v1/users/{id}"), ctx(62_000))).ok).toBe(true);
    expect(served.at(-1)).toEqual({ path: "/openapi.json", ifNoneMatch: '"v1"', status: 304 });
    down = true;
    try {
      expect((await cache.resolve(op("/v1/users/{id}"), ctx(200_000))).ok).toBe(true);
      expect(served.at(-1)).toMatchObject({ status: 503 });
      expect(await cache.resolve(op("/v1/users/{id}"), ctx(62_000 + 60_000 + 3_600_000 + 1))).toEqual({
        ok: false,
        error: "the OpenAPI document answered HTTP 503",
      });
    } finally {
      down = false;
    }
    expect(cache.fetches).toBe(4);
  });

  it("fetches through the outbound guard: a private address is refused unless the deployment allows it", async () => {
    const resolved = await createOpenApiCache().resolve(op("/v1/users/{id}"), ctx(0, { allowPrivateNetworks: false }));
    expect(resolved).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the OpenAPI document could not be fetched \(.*(private|blocked|not allowed)/i),
    });
  });
});
