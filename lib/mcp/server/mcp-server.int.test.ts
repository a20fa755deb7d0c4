// Tether's own MCP server through its real route (app/api/mcp/route.ts) on a local port, a real database, real
// probe targets and a real webhook relay, driven by the official SDK client: what an agent sees and may do with a
// viewer and an editor token, what a caller without a token or from a foreign Origin gets, and Tether's own
// conformance engine run against it.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import { dirname } from "node:path";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../auth/tokens";
import type { Role } from "../../auth/roles";
import { startDemoTarget, type DemoTarget } from "../../demo/target-server";
import { createIntegration } from "../../integrations/crud";
import { probeNow } from "../../integrations/probe-now";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { serveRoutes, type RouteServer } from "../../testing/route-server";
import { runTether } from "../../cli/testing/run-cli";
import { runConformance } from "../conformance";

let t: TestDb;
let target: DemoTarget;
let app: RouteServer;
let relay: Server;
const relayed: string[] = [];
const tokens = {} as Record<Role, string>;
let mcpUrl: string;
const ids = {} as { payments: string; search: string; incident: string; failedEvent: string };
const clients: Client[] = [];

async function connect(token?: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "tether-mcp-test", version: "1.0.0" });
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { ...auth, ...headers } } }));
  clients.push(client);
  return client;
}

function validatorFor(schema: Record<string, unknown>) {
  const ajv = schema.$schema === "https://json-schema.org/draft/2020-12/schema" ? new Ajv2020({ strict: false }) : new Ajv({ strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * The MCP Inspector's CLI (v1: v2 needs Node 22), run as a person would run it. It looks for its own package.json
 * relative to the working directory, so it runs from its build folder.
 */
async function inspector(...args: string[]): Promise<unknown> {
  const cli = createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector-cli/build/index.js");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, mcpUrl, "--transport", "http", "--header", `Authorization: Bearer ${tokens.viewer}`, ...args],
    {
      timeout: 30_000,
      cwd: dirname(cli),
    },
  );
  return JSON.parse(stdout);
}

const text = (result: Awaited<ReturnType<Client["callTool"]>>) => (result.content as { type: string; text?: string }[]).map((c) => c.text).join("\n");

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = "mcp-server-test-secret-0123456789abcdef";
  process.env.TETHER_ENCRYPTION_KEY = "0".repeat(64);
  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  target = await startDemoTarget({ port: 0, random: () => 0.5 });
  relay = createServer((req, res) => {
    relayed.push(req.url ?? "");
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));

  const route = await import("../../../app/api/mcp/route");
  app = await serveRoutes({ "/api/mcp": route });
  mcpUrl = `${app.origin}/api/mcp`;
  process.env.TETHER_PUBLIC_URL = app.origin;
  delete process.env.NEXTAUTH_URL;

  const owner = await t.db.user.create({ data: { email: "owner@test.local", role: "admin" } });
  const principal = { kind: "user" as const, userId: owner.id, email: owner.email, role: "admin" as const, label: owner.email };
  for (const role of ["viewer", "editor"] as const) tokens[role] = (await createToken(t.db, principal, { name: `agent-${role}`, role })).token;

  const base = { kind: "http", intervalSeconds: 60, timeoutMs: 2_000, retryAttempts: 0, breakerThreshold: 3, breakerCooldownSeconds: 60 };
  const payments = await createIntegration(t.db, { ...base, name: "Payments", tags: ["billing"], config: { url: `${target.url}/healthy` } });
  const search = await createIntegration(t.db, { ...base, name: "Search", tags: ["core"], config: { url: `${target.url}/down` } });
  await probeNow(t.db, payments.id);
  await probeNow(t.db, search.id);
  const incident = await t.db.incident.create({
    data: {
      ruleName: "Search is down",
      conditionKind: "status",
      integrationId: search.id,
      severity: "critical",
      startedAt: new Date(),
      summary: "Search has failed its last run",
      unit: "runs",
    },
  });
  const source = await t.db.webhookSource.create({
    data: {
      slug: "search-hooks",
      name: "Search hooks",
      scheme: "none",
      integrationId: search.id,
      forwardUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/hook`,
    },
  });
  const failed = await t.db.webhookEvent.create({
    data: {
      sourceId: source.id,
      headers: { "content-type": "application/json" },
      body: new Uint8Array(Buffer.from('{"type":"index.rebuilt"}')),
      verified: true,
      verificationDetail: "ok",
      status: "failed",
      lastError: "relay answered 502",
    },
  });
  Object.assign(ids, { payments: payments.id, search: search.id, incident: incident.id, failedEvent: failed.id.toString() });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await app?.close();
  await new Promise((r) => relay?.close(r));
  await target?.close();
  const { db } = await import("../../db/client");
  await db().$disconnect();
  await t?.close();
});

describe("Tether's MCP server", () => {
  it("lists its tools, each with an output schema and the annotations its role and effect call for", async () => {
    const client = await connect(tokens.viewer);
    expect(client.getServerVersion()).toMatchObject({ name: "tether" });
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual([
      "acknowledge_incident",
      "explain_failure",
      "get_integration",
      "list_incidents",
      "list_integrations",
      "probe_now",
      "replay_webhook_event",
      "search_webhook_events",
    ]);
    for (const tool of tools) expect(tool.outputSchema, tool.name).toMatchObject({ type: "object" });
    for (const name of ["list_integrations", "get_integration", "explain_failure", "list_incidents", "search_webhook_events"])
      expect(byName[name]!.annotations, name).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    for (const name of ["probe_now", "acknowledge_incident", "replay_webhook_event"])
      expect(byName[name]!.annotations, name).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });

  it("list_integrations: health for each, filtered by status or tag, its structuredContent valid against its outputSchema (Ajv)", async () => {
    const client = await connect(tokens.viewer);
    const { tools } = await client.listTools();
    const validate = validatorFor(tools.find((tool) => tool.name === "list_integrations")!.outputSchema as Record<string, unknown>);
    const all = await client.callTool({ name: "list_integrations", arguments: {} });
    expect(validate(all.structuredContent), JSON.stringify(validate.errors)).toBe(true);
    const integrations = (all.structuredContent as { integrations: { name: string; status: string; lastRunOk: boolean }[] }).integrations;
    expect(integrations.map((i) => [i.name, i.status, i.lastRunOk]).sort()).toEqual([
      ["Payments", "healthy", true],
      ["Search", "degraded", false],
    ]);
    expect(JSON.parse(text(all))).toEqual(all.structuredContent);
    const down = await client.callTool({ name: "list_integrations", arguments: { status: "degraded" } });
    expect((down.structuredContent as { integrations: { name: string }[] }).integrations.map((i) => i.name)).toEqual(["Search"]);
    const billing = await client.callTool({ name: "list_integrations", arguments: { tag: "billing" } });
    expect((billing.structuredContent as { integrations: { name: string }[] }).integrations.map((i) => i.name)).toEqual(["Payments"]);
  });

  it("get_integration by name: status, recent runs and open incidents; explain_failure: the failing run's trace and its class", async () => {
    const client = await connect(tokens.viewer);
    const got = await client.callTool({ name: "get_integration", arguments: { integration: "Search" } });
    expect(got.isError).toBeFalsy();
    expect(got.structuredContent).toMatchObject({
      integration: { id: ids.search, status: "degraded", circuit: "closed", consecutiveFailures: 1 },
      recentRuns: [{ ok: false, errorClass: "http_status", trigger: "manual" }],
      openIncidents: [{ id: ids.incident, status: "open", summary: "Search has failed its last run" }],
    });
    const explained = await client.callTool({ name: "explain_failure", arguments: { integration: ids.search } });
    expect(explained.structuredContent).toMatchObject({
      integration: { name: "Search", status: "degraded" },
      failing: true,
      lastFailure: { ok: false, errorClass: "http_status", trace: { attempts: [{ ok: false, status: 503 }] } },
      classification: { errorClass: "http_status" },
    });
    const missing = await client.callTool({ name: "get_integration", arguments: { integration: "Nope" } });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/No integration with the id or name "Nope"/);
  });

  it("probe_now: refused for a viewer token (nothing run), run for an editor token with its trace", async () => {
    const before = await t.db.probeRun.count({ where: { integrationId: ids.payments } });
    const viewer = await connect(tokens.viewer);
    const refused = await viewer.callTool({ name: "probe_now", arguments: { integration: "Payments" } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe("This tool needs the editor role; this token has viewer");
    expect(await t.db.probeRun.count({ where: { integrationId: ids.payments } })).toBe(before);

    const editor = await connect(tokens.editor);
    const ran = await editor.callTool({ name: "probe_now", arguments: { integration: "Payments" } });
    expect(ran.structuredContent).toMatchObject({ run: { ok: true, trigger: "manual", httpStatus: 200, trace: { attempts: [{ ok: true }] } } });
    expect(await t.db.probeRun.count({ where: { integrationId: ids.payments } })).toBe(before + 1);
    expect(await t.db.auditEvent.findFirst({ where: { action: "probe.manual", targetId: ids.payments }, orderBy: { at: "desc" } })).toMatchObject({
      actorLabel: expect.stringContaining('token "agent-editor"'),
    });
  });

  it("list_incidents and acknowledge_incident: a viewer is refused and the incident stays open; an editor acknowledges it", async () => {
    const viewer = await connect(tokens.viewer);
    const open = await viewer.callTool({ name: "list_incidents", arguments: {} });
    expect((open.structuredContent as { incidents: { id: string }[] }).incidents.map((i) => i.id)).toEqual([ids.incident]);
    const refused = await viewer.callTool({ name: "acknowledge_incident", arguments: { incidentId: ids.incident } });
    expect(refused.isError).toBe(true);
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: ids.incident } })).status).toBe("open");

    const editor = await connect(tokens.editor);
    const acked = await editor.callTool({ name: "acknowledge_incident", arguments: { incidentId: ids.incident } });
    expect(acked.structuredContent).toMatchObject({
      incident: { id: ids.incident, status: "acknowledged", acknowledgedBy: expect.stringContaining("agent-editor") },
    });
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: ids.incident } })).status).toBe("acknowledged");
    const stillOpen = await viewer.callTool({ name: "list_incidents", arguments: { status: "open" } });
    expect((stillOpen.structuredContent as { incidents: unknown[] }).incidents).toEqual([]);
  });

  it("search_webhook_events finds the failed delivery; replay_webhook_event delivers it again for an editor", async () => {
    const viewer = await connect(tokens.viewer);
    const found = await viewer.callTool({ name: "search_webhook_events", arguments: { status: "failed", integration: "Search" } });
    expect(found.structuredContent).toMatchObject({ events: [{ id: ids.failedEvent, status: "failed", lastError: "relay answered 502" }], nextCursor: null });
    const badTime = await viewer.callTool({ name: "search_webhook_events", arguments: { since: "yesterday" } });
    expect(badTime.isError).toBe(true);
    expect(text(badTime)).toMatch(/since is an ISO 8601 time/);

    const editor = await connect(tokens.editor);
    const replayed = await editor.callTool({ name: "replay_webhook_event", arguments: { eventId: ids.failedEvent } });
    expect(replayed.structuredContent).toEqual({ eventId: ids.failedEvent, status: "processed", responseStatus: 200, error: null });
    expect(relayed).toEqual(["/hook"]);
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { id: BigInt(ids.failedEvent) } })).status).toBe("processed");
  });

  it("serves each integration's health summary as a resource", async () => {
    const client = await connect(tokens.viewer);
    const { resources } = await client.listResources();
    expect(resources.map((r) => [r.name, r.uri]).sort()).toEqual([
      ["Payments", `tether://integrations/${ids.payments}/health`],
      ["Search", `tether://integrations/${ids.search}/health`],
    ]);
    const read = await client.readResource({ uri: `tether://integrations/${ids.search}/health` });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ name: "Search", status: "degraded" });
  });

  it("refuses a caller without a token with 401, and a foreign Origin with 403", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    };
    const post = (headers: Record<string, string>) =>
      fetch(mcpUrl, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body: JSON.stringify(initialize),
      });
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('ApiToken realm="tether"');
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(/API token/);
    const revoked = await post({ authorization: "Bearer tth_not-a-real-token" });
    expect(revoked.status).toBe(401);
    await expect(connect()).rejects.toThrow();

    const foreign = await post({ authorization: `Bearer ${tokens.viewer}`, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const own = await post({ authorization: `Bearer ${tokens.viewer}`, origin: app.origin });
    expect(own.status).toBe(200);
    const get = await fetch(mcpUrl, { headers: { authorization: `Bearer ${tokens.viewer}`, accept: "text/event-stream" } });
    expect(get.status).toBe(405);
  });

  it("works with the MCP Inspector CLI: tools listed, a tool called", async () => {
    const listed = (await inspector("--method", "tools/list")) as { tools: { name: string }[] };
    expect(listed.tools.map((tool) => tool.name)).toContain("explain_failure");
    const called = (await inspector("--method", "tools/call", "--tool-name", "list_integrations", "--tool-arg", "tag=billing")) as {
      structuredContent: { integrations: { name: string }[] };
    };
    expect(called.structuredContent.integrations.map((i) => i.name)).toEqual(["Payments"]);
  });

  it("passes Tether's own conformance engine with no findings at all (errors, warnings or infos)", async () => {
    const report = await runConformance(
      { transport: "http", url: mcpUrl, headers: { Authorization: `Bearer ${tokens.viewer}` } },
      { timeoutMs: 10_000, outbound: { allowPrivateNetworks: true }, smokeTool: { name: "list_integrations", arguments: {} }, now: () => 0 },
    );
    expect(report).toMatchObject({ connected: true, transport: "http", server: { name: "tether" } });
    expect(report.tools).toHaveLength(8);
    expect(report.smoke).toMatchObject({ tool: "list_integrations" });
    // Not an error, nor a warning, nor the info that the Origin / protocol-version checks could not run: nothing at all.
    expect(report.findings).toEqual([]);
  });

  it("passes `tether mcp check` as the README shows it (exit 0)", async () => {
    const run = await runTether(["mcp", "check", mcpUrl, "--header", `Authorization: Bearer ${tokens.viewer}`, "--fail-on", "warning", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as { servers: { report: { connected: boolean; tools: unknown[] } }[] };
    expect(output.servers[0]!.report).toMatchObject({ connected: true, tools: expect.arrayContaining([expect.objectContaining({ name: "probe_now" })]) });
  });
});
