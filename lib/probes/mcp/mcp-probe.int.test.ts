// The MCP probe against real MCP servers built with the SDK: one over streamable HTTP on a local node server
// (stateless, bearer-token protected), one over stdio from a fixture script; plus the failure classes.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeFake, deadlineContext, findClosedPort, muteServer, type ContextOptions, type FakeServer } from "../testing/harness";
import { startLegacySseFixture } from "../../mcp/testing/http/legacy-sse-server";
import { mcpConfigSchema } from "./config";
import { serveFixtureHttp, type ServedMcp } from "../../mcp/testing/serve";
import { createFixtureServer } from "./fixtures/fixture-server";
import { mcpProbe } from "./mcp-probe";

const TOKEN = "test-token-123";
const fixture = fileURLToPath(new URL("./fixtures/stdio-server.ts", import.meta.url));
// The fixture is TypeScript; the child resolves tsx from the working directory (the repository root).
const stdioServer = { transport: "stdio", command: process.execPath, args: ["--import", "tsx", fixture] };

let http: Server;
let mute: FakeServer;
let baseUrl: string;
let muteUrl: string;
let closedUrl: string;
let tmp: string;

beforeAll(async () => {
  // Stateless streamable HTTP: a fresh server and transport per POST, as the SDK's stateless example does.
  http = createServer(async (req, res) => {
    if (req.url !== "/mcp") return void res.writeHead(404).end("not here");
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return void res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_token"}');
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const server = createFixtureServer("tether-fixture-http");
    // Origin and Host validated, as the spec requires (the conformance HTTP checks send a foreign Origin).
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts: [new URL(baseUrl).host],
      allowedOrigins: [baseUrl],
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  mute = await muteServer();
  muteUrl = `http://127.0.0.1:${mute.port}/mcp`;
  closedUrl = `http://127.0.0.1:${await findClosedPort()}/mcp`;
  tmp = await mkdtemp(path.join(os.tmpdir(), "tether-mcp-probe-"));
});

afterAll(async () => {
  http.closeAllConnections();
  await Promise.all([new Promise((r) => http.close(r)), closeFake(mute)]);
  await rm(tmp, { recursive: true, force: true });
});

const run = (config: Record<string, unknown>, opts: ContextOptions = {}) =>
  mcpProbe.run(mcpConfigSchema.parse(config), deadlineContext({ timeoutMs: 15_000, ...opts }));
const httpServer = (extra: Record<string, unknown> = {}) => ({
  transport: "http",
  url: `${baseUrl}/mcp`,
  headers: [{ name: "Authorization", value: `Bearer ${TOKEN}` }],
  ...extra,
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("MCP probe over legacy HTTP+SSE", () => {
  it("checks a server configured with the sse transport: the GET stream, its endpoint, the tools, and a smoke call", async () => {
    const fixture = await startLegacySseFixture();
    try {
      const r = await run({ transport: "sse", url: fixture.url, smokeTool: { name: "echo", arguments: { text: "over sse" } } });
      expect(r).toMatchObject({ ok: true, details: { transport: "sse", smokeTool: "echo" } });
      expect(r.details?.tools).toEqual(["charge_card", "echo"]);
      expect((r.details?.findings as { rule: string }[]).map((f) => f.rule)).toContain("legacy-sse-transport");
    } finally {
      await fixture.close();
    }
  });
});

describe("MCP probe over streamable HTTP", () => {
  it("initializes, lists the tools and passes a smoke call, with server particulars", async () => {
    const r = await run(httpServer({ smokeTool: { name: "echo", arguments: { text: "hi" } } }));
    expect(r).toMatchObject({
      ok: true,
      details: {
        serverName: "tether-fixture-http",
        serverVersion: "1.2.3",
        tools: ["charge_card", "echo"],
        toolCount: 2,
        smokeTool: "echo",
        smokeResultExcerpt: "echo: hi",
      },
    });
    if (!r.ok) return;
    expect(r.details!.protocolVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("fails with assertion when the smoke tool returns isError, quoting it", async () => {
    const r = await run(httpServer({ smokeTool: { name: "charge_card" } }));
    expect(r).toMatchObject({
      ok: false,
      errorClass: "assertion",
      retryable: false,
      message: "The tool charge_card returned an error: Upstream quota exhausted",
      details: { toolCount: 2 },
    });
  });

  it("fails with assertion when the smoke tool is not offered, or rejects its arguments", async () => {
    expect(await run(httpServer({ smokeTool: { name: "refund" } }))).toMatchObject({
      ok: false,
      errorClass: "assertion",
      message: "The server does not offer the tool refund",
    });
    const bad = await run(httpServer({ smokeTool: { name: "echo", arguments: { text: 42 } } }));
    expect(bad).toMatchObject({ ok: false, errorClass: "assertion", message: expect.stringMatching(/^The tool echo returned an error: .*Invalid arguments/) });
  });

  it("classifies a refused token as auth and a wrong path as http_status", async () => {
    expect(await run(httpServer({ headers: [{ name: "Authorization", value: "Bearer wrong" }] }))).toMatchObject({
      ok: false,
      errorClass: "auth",
      retryable: false,
    });
    expect(await run(httpServer({ url: `${baseUrl}/other` }))).toMatchObject({
      ok: false,
      errorClass: "http_status",
      message: "The MCP endpoint answered HTTP 404",
      retryable: false,
    });
  });

  it("classifies a server that is down as connect", async () => {
    expect(await run({ transport: "http", url: closedUrl })).toMatchObject({
      ok: false,
      errorClass: "connect",
      message: "Connection failed (ECONNREFUSED)",
      retryable: true,
    });
  });

  it("times out a server that accepts and never answers", async () => {
    expect(await run({ transport: "http", url: muteUrl }, { timeoutMs: 200 })).toMatchObject({
      ok: false,
      errorClass: "timeout",
      message: "No response within 200 ms",
      latencyMs: 200,
    });
  });

  it("is stopped by the SSRF guard: loopback when private targets are off, metadata always", async () => {
    const r = await run(httpServer(), { allowPrivateNetworks: false });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "blocked",
      retryable: false,
      message: expect.stringMatching(/^Refused to connect to 127\.0\.0\.1 .*loopback/),
    });
    expect(await run({ transport: "http", url: "http://169.254.169.254/mcp" })).toMatchObject({
      ok: false,
      errorClass: "blocked",
      message: "Refused to connect to 169.254.169.254 (cloud metadata address)",
    });
  });
});

describe("MCP probe conformance findings", () => {
  let duplicate: ServedMcp;
  beforeAll(async () => {
    duplicate = await serveFixtureHttp("duplicate-tool-name");
  });
  afterAll(() => duplicate.close());

  it("records whole tool definitions, the revision, the transport and no findings for a conforming server", async () => {
    const r = await run(httpServer());
    expect(r).toMatchObject({ ok: true, details: { transport: "http", protocolVersion: "2025-11-25", findings: [] } });
    expect(r.details!.toolDefinitions).toEqual([
      { name: "charge_card", description: "Always fails, as an exhausted upstream would", inputSchema: expect.objectContaining({ type: "object" }) },
      expect.objectContaining({ name: "echo", inputSchema: expect.objectContaining({ properties: { text: { type: "string" } }, required: ["text"] }) }),
    ]);
  });

  it("records findings and stays ok unless failOn asks for a failure", async () => {
    const config = { transport: "http", url: duplicate.url };
    const recorded = await run(config);
    expect(recorded).toMatchObject({
      ok: true,
      details: { tools: ["search"], findings: [expect.objectContaining({ rule: "tool-name-duplicate", severity: "error" })] },
    });
    expect(await run({ ...config, failOn: "never" })).toMatchObject({ ok: true });
    expect(await run({ ...config, failOn: "error" })).toMatchObject({
      ok: false,
      errorClass: "assertion",
      retryable: false,
      message: "1 finding at or above error: tool-name-duplicate (tool search)",
      details: { findings: [expect.objectContaining({ rule: "tool-name-duplicate" })] },
    });
  });

  it("refuses a failOn value it does not know, saying which it takes", () => {
    const parsed = mcpConfigSchema.safeParse({ transport: "http", url: duplicate.url, failOn: "sometimes" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe('Choose when findings fail the check: "never", "error" or "warning"');
  });
});

describe("MCP probe over stdio", () => {
  it("starts the server, lists the tools and passes a smoke call", async () => {
    const r = await run({ ...stdioServer, smokeTool: { name: "echo", arguments: { text: "over stdio" } } });
    expect(r).toMatchObject({
      ok: true,
      details: {
        serverName: "tether-fixture-stdio",
        serverVersion: "1.2.3",
        tools: ["charge_card", "echo", "inspect_process"],
        toolCount: 3,
        smokeResultExcerpt: "echo: over stdio",
      },
    });
  });

  it("gives the child only PATH and its configured env, and sends its stderr nowhere", async () => {
    process.env.FIXTURE_SECRET = "from-the-worker";
    try {
      const r = await run({ ...stdioServer, env: { FIXTURE_GREETING: "hello" }, smokeTool: { name: "inspect_process" } });
      expect(r.ok).toBe(true);
      const seen = JSON.parse(String(r.details!.smokeResultExcerpt)) as { envNames: string[]; stderr: string };
      expect(seen.envNames).toEqual(["FIXTURE_GREETING", "PATH"]);
      expect(seen.stderr).toBe("/dev/null");
    } finally {
      delete process.env.FIXTURE_SECRET;
    }
  });

  it("fails with assertion when the smoke tool returns isError", async () => {
    expect(await run({ ...stdioServer, smokeTool: { name: "charge_card" } })).toMatchObject({
      ok: false,
      errorClass: "assertion",
      message: "The tool charge_card returned an error: Upstream quota exhausted",
    });
  });

  it("classifies a command that does not exist as connect, not retried", async () => {
    const r = await run({ transport: "stdio", command: "tether-no-such-mcp-server" });
    expect(r).toMatchObject({ ok: false, errorClass: "connect", retryable: false, message: "The command tether-no-such-mcp-server not found (ENOENT)" });
  });

  it("reports a server process that exits before answering", async () => {
    const r = await run({ transport: "stdio", command: process.execPath, args: ["-e", "process.exit(3)"] });
    expect(r).toMatchObject({ ok: false, errorClass: "connect", message: "The server process exited with code 3 before answering" });
  });

  it("times out a server that never answers and kills it", async () => {
    const pidFile = path.join(tmp, "silent.pid");
    const script = "require('node:fs').writeFileSync(process.env.PID_FILE, String(process.pid)); setInterval(() => {}, 60000);";
    const r = await run({ transport: "stdio", command: process.execPath, args: ["-e", script], env: { PID_FILE: pidFile } }, { timeoutMs: 1_000 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 1000 ms", retryable: true });
    const pid = Number(await readFile(pidFile, "utf8"));
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
  });
});
