// Each probe kind through the real path: validated on create, stored, secrets filled in, run by the registry,
// and recorded with its readings. The probes' own edge cases are tested beside each probe.
import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb, type TestDb } from "../testing/postgres";
import { executeProbe } from "../scheduler/execute-probe";
import { setSecret } from "../secrets/store";
import { Keyring } from "../secrets/crypto";
import { startMongoTestServer, type MongoTestServer } from "../probes/mongodb/testing/mongo-wire-server";
import { startGraphqlServer, type GraphqlTestServer } from "../probes/graphql/testing/graphql-server";
import { createIntegration, getIntegration } from "./crud";
import { probeNow } from "./probe-now";

let t: TestDb;
let mcp: Server;
let mcpUrl: string;
let tools = ["echo", "status"];
// No MongoDB server can be installed here: these speak its wire protocol (see lib/probes/mongodb/testing).
let mongo: MongoTestServer;
let mongoWithUser: MongoTestServer;
let graphqlServer: GraphqlTestServer;
const GRAPHQL_SDL = "type Query { viewer: User! } type User { login: String!, email: String! }";
const editor = { principal: { kind: "user" as const, userId: "00000000-0000-4000-8000-000000000001", email: "e@x", role: "editor" as const, label: "e@x" } };

beforeAll(async () => {
  t = await createTestDb();
  process.env.TETHER_ENCRYPTION_KEY = randomBytes(32).toString("hex");
  mcp = createServer(async (req, res) => {
    const server = new McpServer({ name: "kinds-test", version: "1.0.0" });
    for (const name of tools)
      server.registerTool(name, { description: name, inputSchema: { text: z.string().optional() } }, async () => ({ content: [{ type: "text", text: "ok" }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => mcp.listen(0, "127.0.0.1", r));
  mcpUrl = `http://127.0.0.1:${(mcp.address() as { port: number }).port}/mcp`;
  mongo = await startMongoTestServer({ replicaSet: { name: "rs0", self: 0, members: [{ state: "PRIMARY", optimeDate: new Date() }] } });
  mongoWithUser = await startMongoTestServer({ user: { name: "monitor", password: "mongo-test-password" } });
  graphqlServer = await startGraphqlServer({ sdl: GRAPHQL_SDL, root: { viewer: { login: "ada", email: "ada@example.com" } }, token: "graphql-kind-token" });
});
afterAll(async () => {
  mcp.closeAllConnections();
  await new Promise((r) => mcp.close(r));
  await Promise.all([mongo.close(), mongoWithUser.close(), graphqlServer.close()]);
  await t.close();
  delete process.env.TETHER_ALLOW_STDIO_MCP;
});

const base = { intervalSeconds: 60, timeoutMs: 3_000, retryAttempts: 0 };

describe("probe kinds end to end", () => {
  it.each([
    ["postgres", { host: "127.0.0.1", database: "postgres", user: "postgres", query: "SELECT 1" }, "serverVersion"],
    ["mysql", { host: "127.0.0.1", user: "root", query: "SELECT 1" }, "serverVersion"],
    ["redis", { host: "127.0.0.1", port: 6379 }, "redisVersion"],
    ["tcp", { host: "127.0.0.1", port: 6379, send: "PING\\r\\n", expect: "^\\+PONG" }, "bannerExcerpt"],
    ["rabbitmq", { host: "127.0.0.1", username: "guest", password: "guest" }, "serverVersion"],
    ["nats", { host: "127.0.0.1" }, "rttMs"],
    ["mqtt", { host: "127.0.0.1" }, "roundTripMs"],
    // A function: the server's port is known only once it listens.
    ["mongodb", () => ({ connectionString: `mongodb://127.0.0.1:${mongo.port}/`, maxReplicationLagSeconds: 10 }), "setName"],
  ])("%s: created, probed and recorded with its readings", async (kind, row, reading) => {
    const config = typeof row === "function" ? row() : row;
    const created = await createIntegration(t.db, { ...base, name: `kind ${kind}`, kind, config }, editor);
    expect(created.target).toMatch(/127\.0\.0\.1/);
    const run = await probeNow(t.db, created.id, editor);
    expect(run).toMatchObject({ ok: true, errorClass: null });
    expect(run.details).toHaveProperty(reading);
    // The integration page shows the latest readings without searching the runs.
    expect((await getIntegration(t.db, created.id)).lastReadings?.details).toHaveProperty(reading);
  });

  it("fills a password from an encrypted secret, and fails clearly when the secret is wrong", async () => {
    const created = await createIntegration(
      t.db,
      { ...base, name: "redis with secret", kind: "redis", config: { host: "127.0.0.1", username: "nobody_here", password: "{{secret.REDIS_PASSWORD}}" } },
      editor,
    );
    await setSecret(
      t.db,
      created.id,
      "REDIS_PASSWORD",
      { value: "not-the-password" },
      editor,
      new Keyring(Buffer.from(process.env.TETHER_ENCRYPTION_KEY!, "hex")),
    );
    const run = await probeNow(t.db, created.id, editor);
    expect(run).toMatchObject({ ok: false, errorClass: "auth" });
    expect(JSON.stringify(run)).not.toContain("not-the-password");
  });

  it("fills the MongoDB password from an encrypted secret and logs in with it (SCRAM-SHA-256)", async () => {
    const connectionString = `mongodb://monitor@127.0.0.1:${mongoWithUser.port}/?authSource=admin`;
    const created = await createIntegration(
      t.db,
      { ...base, name: "mongodb with secret", kind: "mongodb", config: { connectionString, password: "{{secret.MONGO_PASSWORD}}" } },
      editor,
    );
    expect(created.target).toBe(`mongodb://127.0.0.1:${mongoWithUser.port}`);
    const keys = new Keyring(Buffer.from(process.env.TETHER_ENCRYPTION_KEY!, "hex"));
    await setSecret(t.db, created.id, "MONGO_PASSWORD", { value: "not-the-password" }, editor, keys);
    const refused = await probeNow(t.db, created.id, editor);
    expect(refused).toMatchObject({ ok: false, errorClass: "auth" });
    expect(JSON.stringify(refused)).not.toContain("not-the-password");
    await setSecret(t.db, created.id, "MONGO_PASSWORD", { value: "mongo-test-password" }, editor, keys);
    const run = await probeNow(t.db, created.id, editor);
    expect(run).toMatchObject({ ok: true, details: { role: "standalone", serverVersion: "7.0.14" } });
    expect(mongoWithUser.commands).toContain("saslContinue");
  });

  it("records the MCP tool list and flags drift from the last known list", async () => {
    const created = await createIntegration(t.db, { ...base, name: "mcp", kind: "mcp", config: { transport: "http", url: mcpUrl } }, editor);
    const first = await executeProbe(t.db, created.id, { trigger: "manual" });
    expect(first?.result.details).toMatchObject({ tools: ["echo", "status"], toolCount: 2 });
    expect(first?.result.details).not.toHaveProperty("toolDrift");
    tools = ["echo", "refund"];
    const second = await executeProbe(t.db, created.id, { trigger: "manual" });
    expect(second?.result).toMatchObject({ ok: true, details: { toolDrift: { added: ["refund"], removed: ["status"] } } });
  });

  it("GraphQL: the token from a secret, a breaking schema change found by introspection and shown on the integration page", async () => {
    const config = { url: graphqlServer.url, query: "{ viewer { login } }", auth: { type: "bearer", token: "{{secret.GQL_TOKEN}}" }, watchSchema: true };
    const created = await createIntegration(t.db, { ...base, name: "graphql", kind: "graphql", config }, editor);
    expect(created.target).toBe(`graphql ${graphqlServer.url}`);
    const keys = new Keyring(Buffer.from(process.env.TETHER_ENCRYPTION_KEY!, "hex"));
    await setSecret(t.db, created.id, "GQL_TOKEN", { value: "graphql-kind-token" }, editor, keys);
    const first = await probeNow(t.db, created.id, editor);
    expect(first).toMatchObject({ ok: true, errorClass: null, details: { schema: { types: 4 } } });
    expect(JSON.stringify(first)).not.toContain("graphql-kind-token");
    expect((await getIntegration(t.db, created.id)).contractChange).toBeNull();

    graphqlServer.setSchema("type Query { viewer: User! } type User { login: String! }", { viewer: { login: "ada" } });
    const second = await probeNow(t.db, created.id, editor);
    expect(second.details?.schemaChange).toMatchObject({ breaking: [{ type: "FIELD_REMOVED", description: "User.email was removed." }] });
    const page = await getIntegration(t.db, created.id);
    expect(page.contractChange).toMatchObject({ schema: { breaking: [{ description: "User.email was removed." }] }, shape: null });
    graphqlServer.setSchema(GRAPHQL_SDL, { viewer: { login: "ada", email: "ada@example.com" } });
  });

  it("refuses MCP over stdio unless the deployment allows it, and then only from admins", async () => {
    const stdio = { ...base, name: "stdio mcp", kind: "mcp", config: { transport: "stdio", command: "node", args: ["server.js"] } };
    await expect(createIntegration(t.db, stdio, editor)).rejects.toMatchObject({
      status: 400,
      details: { fields: { "config.transport": [expect.stringMatching(/TETHER_ALLOW_STDIO_MCP/)] } },
    });
    process.env.TETHER_ALLOW_STDIO_MCP = "true";
    await expect(createIntegration(t.db, stdio, editor)).rejects.toMatchObject({ status: 403 });
    const admin = { principal: { ...editor.principal, role: "admin" as const } };
    const created = await createIntegration(t.db, stdio, admin);
    // Switched off again later: stored stdio integrations stop running commands.
    process.env.TETHER_ALLOW_STDIO_MCP = "false";
    const run = await probeNow(t.db, created.id, admin);
    expect(run).toMatchObject({ ok: false, errorClass: "config", attempts: 0 });
  });
});
