// An HTTP check's assertions against a real local server: every assertion reported with what it saw, the failed ones
// named in the run's message, a body against a pasted JSON Schema and against the OpenAPI document the server
// publishes, and a catastrophic pattern on a large body answered by RE2.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialCircuit } from "../../domain/circuit";
import { runProbe } from "../runner";
import { openApi30 } from "../shared/assertions/testing/openapi-fixture";
import { httpConfigSchema } from "./config";
import { httpProbe } from "./http-probe";

let server: Server;
let base: string;
let user: Record<string, unknown> = { id: 7, email: "ada@example.com", plan: "pro", nickname: null };
let openApiRequests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/openapi.json") {
      openApiRequests++;
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(openApi30));
    }
    if (req.url === "/v1/users/7") {
      return res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "42" }).end(JSON.stringify(user));
    }
    if (req.url === "/echo-token") return res.writeHead(200, { "content-type": "text/plain" }).end(`token=${req.headers.authorization ?? ""}`);
    if (req.url === "/aaa") return res.writeHead(200, { "content-type": "text/plain" }).end(`${"a".repeat(30_000)}b`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function run(config: Record<string, unknown>, opts: { now?: () => number; redact?: (t: string) => string } = {}) {
  return runProbe({
    probe: httpProbe,
    config: httpConfigSchema.parse(config),
    timeoutMs: 5_000,
    retries: 0,
    circuit: initialCircuit,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
    outbound: { allowPrivateNetworks: true },
    ...opts,
  });
}

const userUrl = () => `${base}/v1/users/7`;

describe("HTTP assertions", () => {
  it("passes when every assertion holds, and records each with the value it saw", async () => {
    const r = await run({
      url: userUrl(),
      assertions: [
        { source: "status", comparison: "equals", target: "200" },
        { source: "header", property: "Content-Type", comparison: "contains", target: "json" },
        { source: "header", property: "x-ratelimit-remaining", comparison: "greater_than", target: "10" },
        { source: "json_path", property: "$.email", comparison: "matches", target: "@example\\.com$" },
        { source: "json_path", property: "$.nickname", comparison: "is_empty" },
        { source: "response_time", comparison: "less_than", target: "5000" },
        { source: "response_size", comparison: "greater_than", target: "10" },
      ],
    });
    expect(r).toMatchObject({ ok: true, errorClass: null });
    expect(r.details?.assertions).toEqual([
      { assertion: "status equals 200", passed: true, actual: "200", message: "status equals 200" },
      { assertion: "header Content-Type contains json", passed: true, actual: "application/json; charset=utf-8", message: "header Content-Type contains json" },
      { assertion: "header x-ratelimit-remaining is greater than 10", passed: true, actual: "42", message: "header x-ratelimit-remaining is greater than 10" },
      { assertion: "$.email matches /@example\\.com$/", passed: true, actual: "ada@example.com", message: "$.email matches /@example\\.com$/" },
      { assertion: "$.nickname is empty", passed: true, actual: "null", message: "$.nickname is empty" },
      expect.objectContaining({ assertion: "response time (ms) is less than 5000", passed: true }),
      {
        assertion: "response size (bytes) is greater than 10",
        passed: true,
        actual: String(JSON.stringify(user).length),
        message: "response size (bytes) is greater than 10",
      },
    ]);
  });

  it("fails as `assertion` naming the failed ones and what they saw, and keeps the passing ones in the trace", async () => {
    const r = await run({
      url: userUrl(),
      assertions: [
        { source: "status", comparison: "equals", target: "200" },
        { source: "json_path", property: "$.plan", comparison: "equals", target: "free" },
        { source: "header", property: "x-request-id", comparison: "exists" },
      ],
    });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "assertion",
      errorMessage: "2 of 3 assertions failed: $.plan equals free (saw pro); header x-request-id exists (saw nothing)",
      attempts: 1,
    });
    expect((r.details?.assertions as { passed: boolean; actual: string | null }[]).map((a) => [a.passed, a.actual])).toEqual([
      [true, "200"],
      [false, "pro"],
      [false, null],
    ]);
    expect(r.trace.attempts[0]!.details?.assertions).toEqual(r.details?.assertions);
  });

  it("lists every violation of a pasted JSON Schema", async () => {
    user = { id: "7", email: "not-an-email", nickname: 3 };
    try {
      const schema = {
        type: "object",
        required: ["id", "email", "plan"],
        properties: { id: { type: "integer" }, email: { type: "string", format: "email" }, nickname: { type: ["string", "null"] } },
      };
      const r = await run({ url: userUrl(), assertions: [{ source: "json_schema", schema: JSON.stringify(schema) }] });
      expect(r).toMatchObject({ ok: false, errorClass: "assertion" });
      expect(r.errorMessage).toBe(
        "Assertion failed: body matches the JSON Schema (4 violations: / must have required property 'plan'; /id must be integer; /email must match format \"email\"; 1 more)",
      );
      expect((r.details?.assertions as { violations: unknown[] }[])[0]!.violations).toEqual([
        { instancePath: "", keyword: "required", message: "must have required property 'plan'" },
        { instancePath: "/id", keyword: "type", message: "must be integer" },
        { instancePath: "/email", keyword: "format", message: 'must match format "email"' },
        { instancePath: "/nickname", keyword: "type", message: "must be string,null" },
      ]);
    } finally {
      user = { id: 7, email: "ada@example.com", plan: "pro", nickname: null };
    }
  });

  it("checks the body against the provider's OpenAPI document, fetched once and reused", async () => {
    const contract = { source: "json_schema", openapi: { url: `${base}/openapi.json`, path: "/v1/users/{id}", method: "GET", status: "200" } };
    const before = openApiRequests;
    const clock = () => 1_000_000;
    expect(await run({ url: userUrl(), assertions: [contract] }, { now: clock })).toMatchObject({ ok: true });
    user = { id: 7, email: "ada@example.com", plan: "enterprise" };
    try {
      const r = await run({ url: userUrl(), assertions: [contract] }, { now: clock });
      expect(r).toMatchObject({
        ok: false,
        errorClass: "assertion",
        errorMessage:
          "Assertion failed: body matches GET /v1/users/{id} 200 of the OpenAPI document (1 violation: /plan must be equal to one of the allowed values)",
      });
      expect((r.details?.assertions as { violations: unknown[] }[])[0]!.violations).toEqual([
        { instancePath: "/plan", keyword: "enum", message: "must be equal to one of the allowed values" },
      ]);
    } finally {
      user = { id: 7, email: "ada@example.com", plan: "pro", nickname: null };
    }
    expect(openApiRequests - before).toBe(1);
  });

  it("answers a catastrophic pattern on a 30k-character body (RE2: no backtracking)", async () => {
    const r = await run({ url: `${base}/aaa`, assertions: [{ source: "body", comparison: "matches", target: "^(a+)+$" }] });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion" });
    expect(r.errorMessage).toMatch(/^Assertion failed: body matches \/\^\(a\+\)\+\$\/ \(saw a{100}/);
  });

  it("redacts the run's secrets from what an assertion saw before clipping it", async () => {
    const secret = "sk_test_0123456789abcdef";
    const r = await run(
      { url: `${base}/echo-token`, headers: [{ name: "Authorization", value: secret }], assertions: [{ source: "body", comparison: "equals", target: "x" }] },
      { redact: (t) => t.split(secret).join("[redacted]") },
    );
    expect((r.details?.assertions as { actual: string }[])[0]!.actual).toBe("token=[redacted]");
    expect(r.errorMessage).not.toContain(secret);
  });
});
