// The GraphQL probe against a real GraphQL server (graphql-js behind node:http, ./testing): a passing operation,
// `errors[]` as the `graphql` class, answers that are no GraphQL response as `protocol`, and schema and shape drift
// between runs through the after-run step, with the earlier runs' details as the history.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProbeRunResult } from "../../domain/probe-run";
import { initialCircuit } from "../../domain/circuit";
import { runProbe } from "../runner";
import type { RunHistory } from "../types";
import { graphqlConfigSchema } from "./config";
import { describeErrors, graphqlProbe } from "./graphql-probe";
import { startGraphqlServer, type GraphqlTestServer } from "./testing/graphql-server";

const SDL_V1 = `
  type User { id: ID!, email: String!, plan: Plan! }
  enum Plan { FREE PRO }
  type Query { viewer: User!, user(id: ID!): User }
`;
const ROOT_V1 = {
  viewer: { id: "u1", email: "ada@example.com", plan: "PRO" },
  user: ({ id }: { id: string }) => ({ id, email: `${id}@example.com`, plan: "FREE" }),
};

let server: GraphqlTestServer;

beforeAll(async () => {
  server = await startGraphqlServer({ sdl: SDL_V1, root: ROOT_V1, token: "gql-test-token" });
});
afterAll(() => server.close());
beforeEach(() => {
  server.setSchema(SDL_V1, ROOT_V1);
  server.setIntrospection(true);
});

const auth = { type: "bearer", token: "gql-test-token" };

function run(config: Record<string, unknown>) {
  return runProbe({
    probe: graphqlProbe,
    config: graphqlConfigSchema.parse({ url: server.url, auth, ...config }),
    timeoutMs: 3_000,
    retries: 0,
    circuit: initialCircuit,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    outbound: { allowPrivateNetworks: true },
  });
}

/** Runs one after another through the after-run step, as the scheduler does: each sees the details the ones before recorded. */
function checkOverTime() {
  const recorded: ProbeRunResult[] = [];
  const history: RunHistory = { lastDetail: async (key) => recorded.findLast((r) => r.details && key in r.details)?.details?.[key] };
  return async (config: Record<string, unknown>) => {
    const result = await graphqlProbe.afterRun!(await run(config), history);
    recorded.push(result);
    return result;
  };
}

describe("GraphQL probe", () => {
  it("passes an operation with variables and an operation name, sent with the bearer token", async () => {
    const r = await run({ query: "query A { viewer { email } } query B($id: ID!) { user(id: $id) { email } }", operationName: "B", variables: { id: "u9" } });
    expect(r).toMatchObject({ ok: true, httpStatus: 200, errorClass: null });
    expect(r.trace.attempts[0]?.bodyExcerpt).toContain("u9@example.com");
    expect(server.received.at(-1)).toMatchObject({ operationName: "B", variables: { id: "u9" }, authorization: "Bearer gql-test-token" });
  });

  it("fails a 200 with errors[] as graphql, quoting the messages and paths", async () => {
    const r = await run({ query: "{ viewer { email phone } }" });
    expect(r).toMatchObject({ ok: false, httpStatus: 200, errorClass: "graphql" });
    expect(r.errorMessage).toBe('GraphQL error: "Cannot query field "phone" on type "User". Did you mean "plan"?"');
    server.setSchema(SDL_V1, { viewer: () => ({ id: "u1", email: () => Promise.reject(new Error("mailbox service down")), plan: "PRO" }) });
    const partial = await run({ query: "{ viewer { id email } }" });
    expect(partial).toMatchObject({ ok: false, errorClass: "graphql", errorMessage: 'GraphQL error: "mailbox service down" at viewer.email' });
  });

  it("judges assertions on data by JSON path, every verdict on the run with what it saw", async () => {
    const assertions = [
      { source: "json_path", property: "$.data.viewer.email", comparison: "contains", target: "@example.com" },
      { source: "json_path", property: "$.data.viewer.plan", comparison: "equals", target: "PRO" },
      { source: "status", comparison: "equals", target: "200" },
    ];
    const pass = await run({ query: "{ viewer { email plan } }", assertions });
    expect(pass).toMatchObject({ ok: true });
    expect((pass.details?.assertions as { passed: boolean }[]).map((a) => a.passed)).toEqual([true, true, true]);
    const failing = await run({
      query: "{ viewer { email plan } }",
      assertions: [...assertions, { source: "json_path", property: "$.data.viewer.plan", comparison: "equals", target: "FREE" }],
    });
    expect(failing).toMatchObject({ ok: false, errorClass: "assertion", errorMessage: "1 of 4 assertions failed: $.data.viewer.plan equals FREE (saw PRO)" });
    expect(failing.details?.assertions).toContainEqual({
      assertion: "$.data.viewer.plan equals FREE",
      passed: false,
      actual: "PRO",
      message: "$.data.viewer.plan equals FREE (saw PRO)",
    });
  });

  it("refuses an OpenAPI operation as a GraphQL assertion", () => {
    const parsed = graphqlConfigSchema.safeParse({
      url: "https://api.example.com/graphql",
      query: "{ a }",
      assertions: [{ source: "json_schema", openapi: { url: "https://x.example/openapi.json", path: "/a", method: "get", status: "200" } }],
    });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["assertions.0.openapi", "A GraphQL answer has no OpenAPI operation: paste the JSON Schema of the answer instead"],
    ]);
  });

  it("reads a refused token as http_status with the server's GraphQL error", async () => {
    const r = await run({ query: "{ viewer { id } }", auth: { type: "bearer", token: "wrong" } });
    expect(r).toMatchObject({ ok: false, httpStatus: 401, errorClass: "http_status", errorMessage: 'HTTP 401, expected 2xx: GraphQL error: "Unauthorized"' });
  });

  it.each([
    ["HTML", "/html", "The answer is not JSON (text/html), so it is not a GraphQL response"],
    ["JSON without data or errors", "/plain", "The answer is JSON but not a GraphQL response: it has neither data nor errors"],
  ])("fails an answer in %s as protocol", async (_name, path, message) => {
    expect(await run({ url: `${server.url}${path}`, query: "{ viewer { id } }" })).toMatchObject({ ok: false, errorClass: "protocol", errorMessage: message });
  });

  it("finds a breaking schema change between runs by introspection, classified by graphql-js", async () => {
    const check = checkOverTime();
    const config = { query: "{ viewer { id } }", watchSchema: true };
    const first = await check(config);
    expect(first.ok).toBe(true);
    expect(first.details).toMatchObject({ schema: { types: expect.any(Number), hash: expect.any(String) }, schemaSdl: expect.stringContaining("type User") });
    expect(first.details).not.toHaveProperty("schemaChange");
    // Unchanged: the hash is kept, the SDL (the baseline) is not stored again.
    const second = await check(config);
    expect(second.details).toHaveProperty("schema.hash", (first.details?.schema as { hash: string }).hash);
    expect(second.details).not.toHaveProperty("schemaSdl");
    // email removed, plan's enum gains a value, a new field and type.
    server.setSchema(
      `type User { id: ID!, plan: Plan!, team: Team } type Team { name: String } enum Plan { FREE PRO ENTERPRISE } type Query { viewer: User!, user(id: ID!): User }`,
      ROOT_V1,
    );
    const third = await check(config);
    expect(third.ok).toBe(true);
    expect(third.details?.schemaChange).toEqual({
      breaking: [{ type: "FIELD_REMOVED", description: "User.email was removed." }],
      dangerous: [{ type: "VALUE_ADDED_TO_ENUM", description: "ENTERPRISE was added to enum type Plan." }],
      additive: [
        { type: "FIELD_ADDED", description: "User.team was added." },
        { type: "TYPE_ADDED", description: "Team was added." },
      ],
    });
    expect(third.details).toHaveProperty("schemaSdl");
    expect(third.trace.attempts[0]?.details).not.toHaveProperty("schemaSdl");
  });

  it("warns, without failing, when the server refuses introspection", async () => {
    server.setIntrospection(false);
    try {
      const r = await run({ query: "{ viewer { id } }", watchSchema: true });
      expect(r).toMatchObject({
        ok: true,
        details: {
          warnings: [expect.stringMatching(/^Schema watch: the server refused introspection: GraphQL errors?: "GraphQL introspection has been disabled/)],
        },
      });
      expect(r.details).not.toHaveProperty("schema");
    } finally {
      server.setIntrospection(true);
    }
  });

  it("flags a change in the shape of data between runs as breaking", async () => {
    const check = checkOverTime();
    const config = { query: "{ viewer { id email plan } }" };
    expect((await check(config)).details).not.toHaveProperty("shapeChange");
    server.setSchema(`type User { id: Int!, email: String, plan: String } type Query { viewer: User! }`, { viewer: { id: 7, email: null, plan: "PRO" } });
    const changed = await check(config);
    expect(changed.details?.shapeChange).toEqual({ breaking: [{ path: "$.data.viewer.id", change: "type", was: ["string"], now: ["number"] }], additive: [] });
  });
});

describe("describeErrors", () => {
  it("quotes the first three errors with their paths and counts the rest", () => {
    const errors = [{ message: "a", path: ["x", 0, "y"] }, { message: "b" }, { message: "c" }, { message: "d" }, { nope: true }];
    expect(describeErrors(errors)).toBe('GraphQL errors: "a" at x.0.y; "b"; "c" (+2 more)');
  });
});
