// The commands that talk to a Tether server, as a user runs them: the real CLI process (node bin/tether.mjs) against
// the real route handlers on a local port, over a real database with real probe targets. `tether probe` and
// `tether status` with every exit code, --json, and the errors for a missing token, a refused one and no server;
// `tether mcp serve` driven by the official SDK's stdio client, which lists and calls Tether's MCP tools through it.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../auth/tokens";
import { startDemoTarget, type DemoTarget } from "../demo/target-server";
import { createIntegration } from "../integrations/crud";
import { probeNow } from "../integrations/probe-now";
import { findClosedPort } from "../probes/testing/harness";
import { createTestDb, type TestDb } from "../testing/postgres";
import { serveRoutes, type RouteServer } from "../testing/route-server";
import { BIN, runTether } from "./testing/run-cli";

let t: TestDb;
let target: DemoTarget;
let app: RouteServer;
const tokens = {} as { viewer: string; editor: string };
let env: (token?: string) => Record<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = "cli-api-test-secret-0123456789abcdef";
  process.env.TETHER_ENCRYPTION_KEY = "0".repeat(64);
  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  target = await startDemoTarget({ port: 0, random: () => 0.5 });
  app = await serveRoutes({
    "/api/integrations": await import("../../app/api/integrations/route"),
    "/api/integrations/[id]/probe": await import("../../app/api/integrations/[id]/probe/route"),
    "/api/incidents": await import("../../app/api/incidents/route"),
    "/api/mcp": await import("../../app/api/mcp/route"),
  });
  process.env.TETHER_PUBLIC_URL = app.origin;
  delete process.env.NEXTAUTH_URL;
  env = (token = tokens.editor) => ({ TETHER_URL: app.origin, TETHER_TOKEN: token, NO_COLOR: "1" });

  const owner = await t.db.user.create({ data: { email: "owner@test.local", role: "admin" } });
  const principal = { kind: "user" as const, userId: owner.id, email: owner.email, role: "admin" as const, label: owner.email };
  for (const role of ["viewer", "editor"] as const) tokens[role] = (await createToken(t.db, principal, { name: `cli-${role}`, role })).token;

  const base = { kind: "http", intervalSeconds: 60, timeoutMs: 2_000, retryAttempts: 0, breakerThreshold: 3, breakerCooldownSeconds: 60 };
  const payments = await createIntegration(t.db, { ...base, name: "Payments", tags: ["billing"], config: { url: `${target.url}/healthy` } });
  const search = await createIntegration(t.db, { ...base, name: "Search", tags: ["core"], config: { url: `${target.url}/down` } });
  await probeNow(t.db, payments.id);
  await probeNow(t.db, search.id);
  await t.db.incident.create({
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
});

afterAll(async () => {
  await app?.close();
  await target?.close();
  const { db } = await import("../db/client");
  await db().$disconnect();
  await t?.close();
});

describe("tether probe", () => {
  it("a passing run: exit 0, the outcome and the trace attempt by attempt, and a new run stored", async () => {
    const before = await t.db.probeRun.count();
    const r = await runTether(["probe", "Payments"], { env: env() });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ Payments ok · \d+ ms · HTTP 200 · 1 attempt · circuit closed\n/);
    expect(r.stdout).toMatch(/trace: circuit closed before \(allowed\), 0 retries allowed, timeout 2000 ms/);
    expect(r.stdout).toMatch(/ {2}#1 {2}\+\d+ ms {2}\d+ ms {2}ok HTTP 200/);
    expect(await t.db.probeRun.count()).toBe(before + 1);
  });

  it("a failing run: exit 1 with the classified error; --json gives the run itself; a name matches case-insensitively", async () => {
    const r = await runTether(["probe", "search"], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✖ Search failed: http_status/);
    expect(r.stdout).toMatch(/#1 .* http_status HTTP 503/);

    const json = await runTether(["probe", "Search", "--json"], { env: env() });
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { integration: { name: string }; run: { ok: boolean; errorClass: string; trace: { attempts: unknown[] } } };
    expect(out.integration.name).toBe("Search");
    expect(out.run).toMatchObject({ ok: false, errorClass: "http_status" });
    expect(out.run.trace.attempts).toHaveLength(1);
  });

  it("no such integration is bad usage (3), naming the ones there are; a viewer token may not probe (2)", async () => {
    const missing = await runTether(["probe", "Billing"], { env: env() });
    expect(missing).toMatchObject({ code: 3, stdout: "" });
    expect(missing.stderr).toBe('tether: no integration is named "Billing"; there are: Payments, Search\n');

    const viewer = await runTether(["probe", "Payments"], { env: env(tokens.viewer) });
    expect(viewer.code).toBe(2);
    expect(viewer.stderr).toMatch(/^tether: the token may not do this \(403\): /);
  });
});

describe("tether status", () => {
  it("exit 1 while an integration is down: a table, the open incident and the verdict", async () => {
    const r = await runTether(["status"], { env: env(tokens.viewer) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/● Payments +http +healthy +100% +\d+ ms/);
    expect(r.stdout).toMatch(/● Search +http +down .*503/);
    expect(r.stdout).toContain("1 open incident:\n  critical  Search: Search has failed its last run");
    expect(r.stdout).toMatch(/FAIL Search \(1 healthy, 1 down\)\n$/);
    // Not a terminal and NO_COLOR: no escape codes.
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("--tag narrows the gate (exit 0 when what it covers is up), --json, and FORCE_COLOR colours the text", async () => {
    const billing = await runTether(["status", "--tag", "billing", "--json"], { env: env(tokens.viewer) });
    expect(billing.code).toBe(0);
    const out = JSON.parse(billing.stdout) as { exitCode: number; failing: string[]; integrations: { name: string; status: string }[]; incidents: unknown[] };
    expect(out).toMatchObject({ exitCode: 0, failing: [], incidents: [] });
    expect(out.integrations.map((i) => [i.name, i.status])).toEqual([["Payments", "healthy"]]);

    const coloured = await runTether(["status", "--tag", "core"], { env: { ...env(tokens.viewer), NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toContain("\u001b[31m●\u001b[39m Search");
  });
});

describe("talking to the server: clear errors", () => {
  it("no TETHER_TOKEN is bad usage (3) before any request", async () => {
    const r = await runTether(["status"], { env: { TETHER_URL: app.origin } });
    expect(r).toMatchObject({ code: 3, stdout: "" });
    expect(r.stderr).toBe("tether: TETHER_TOKEN is not set: create an API token under Settings → API tokens and export it as TETHER_TOKEN\n");
  });

  it("a token the server refuses (2), never echoed back", async () => {
    const r = await runTether(["probe", "Payments"], { env: env("tth_not-a-real-token") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tether: Tether refused TETHER_TOKEN \(401\): .*Is it revoked, expired or mistyped\?\n$/);
    expect(r.stderr).not.toContain("tth_not-a-real-token");
  });

  it("no server at TETHER_URL (2), naming the URL", async () => {
    const url = `http://127.0.0.1:${await findClosedPort()}`;
    const r = await runTether(["status"], { env: { ...env(), TETHER_URL: url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^tether: could not reach Tether at ${url} \\(.*ECONNREFUSED.*\\); check TETHER_URL\\n$`));
  });
});

describe("tether mcp serve", () => {
  it("the SDK's stdio client lists Tether's tools through it and calls one", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, "mcp", "serve"], env: env(tokens.viewer), stderr: "pipe" });
    let stderr = "";
    transport.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    const client = new Client({ name: "cli-test-editor", version: "1.0.0" });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()?.name).toBe("tether");
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["list_integrations", "probe_now", "explain_failure"]));
      const result = await client.callTool({ name: "list_integrations", arguments: { status: "down" } });
      expect(result.isError).toBeFalsy();
      const listed = (result.structuredContent as { integrations: { name: string; status: string }[] }).integrations;
      expect(listed.map((i) => [i.name, i.status])).toEqual([["Search", "down"]]);
      // The viewer token's role is enforced by the server, through the relay.
      const probe = await client.callTool({ name: "probe_now", arguments: { integration: "Payments" } });
      expect(probe.isError).toBe(true);
    } finally {
      await client.close();
    }
    expect(stderr).toBe("");
  });

  it("a refused token: the client's first request gets an error answer instead of hanging", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "mcp", "serve"],
      env: env("tth_not-a-real-token"),
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    const client = new Client({ name: "cli-test-editor", version: "1.0.0" });
    await expect(client.connect(transport)).rejects.toThrow(/401/);
    await client.close();
    expect(stderr).toContain("Tether refused TETHER_TOKEN (401)");
  });
});
