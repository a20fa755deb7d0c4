// The conformance engine against real MCP servers: the reference server (@modelcontextprotocol/server-everything)
// over stdio and streamable HTTP, and SDK fixture servers (lib/mcp/testing) that each break one rule, every
// finding asserted by rule id. Connect failures keep the probe's error classes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findClosedPort } from "../../probes/testing/harness";
import { FIXTURES, type FixtureName } from "../testing/fixtures";
import { everythingStdioTarget, fixtureStdioTarget, serveFixtureHttp, startEverythingHttp, type ServedMcp } from "../testing/serve";
import type { ConformanceReport, McpTarget } from "../types";
import { INITIALIZE_REVISIONS, runConformance, type ConformanceOptions } from "./index";

const LOCAL = { allowPrivateNetworks: true };
const check = (target: McpTarget, options: ConformanceOptions = {}) => runConformance(target, { timeoutMs: 15_000, outbound: LOCAL, ...options });
const rules = (report: ConformanceReport) => report.findings.map((f) => f.rule).sort();

const served = new Map<FixtureName, ServedMcp>();
let everything: ServedMcp;
const httpTarget = (name: FixtureName): McpTarget => ({ transport: "http", url: served.get(name)!.url, headers: {} });

beforeAll(async () => {
  const names = Object.keys(FIXTURES).filter((n) => n !== "unknown-protocol") as FixtureName[];
  for (const name of names) served.set(name, await serveFixtureHttp(name));
  everything = await startEverythingHttp(await findClosedPort());
});

afterAll(async () => {
  await Promise.all([...served.values()].map((s) => s.close()));
  await everything?.close();
});

describe("server-everything, the reference server", () => {
  const smokeTool = { name: "get-structured-content", arguments: { location: "Chicago" } };
  const expectClean = (report: ConformanceReport, transport: string) => {
    expect(report).toMatchObject({
      connected: true,
      transport,
      protocolVersion: "2025-11-25",
      server: { name: "mcp-servers/everything" },
      smoke: { tool: "get-structured-content", offered: true, isError: false },
      findings: [],
    });
    expect(report.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["echo", "get-sum", "get-structured-content"]));
    // Whole definitions, draft-07 schemas included (compiled as draft-07 because $schema says so).
    expect(report.tools.find((t) => t.name === "get-sum")).toMatchObject({ title: "Get Sum Tool", inputSchema: { required: ["a", "b"] } });
    expect(report.resources!.length).toBeGreaterThan(0);
    expect(report.resourceTemplates!.map((t) => t.uriTemplate)).toContain("demo://resource/dynamic/text/{resourceId}");
    expect(report.prompts!.map((p) => p.name)).toContain("simple-prompt");
  };

  it("passes every check over stdio, the smoke call's structuredContent matching its outputSchema", async () => {
    expectClean(await check(everythingStdioTarget(), { smokeTool }), "stdio");
  });

  it("passes every check over streamable HTTP", async () => {
    expectClean(await check({ transport: "http", url: everything.url, headers: {} }, { smokeTool }), "http");
  });
});

describe("a conforming fixture", () => {
  it("has no findings, and negotiates each revision Tether knows when asked for it", async () => {
    const report = await check(httpTarget("conforming"), { smokeTool: { name: "forecast", arguments: { city: "Oslo" } } });
    expect(report).toMatchObject({ connected: true, protocolVersion: "2025-11-25", findings: [], smoke: { excerpt: "Oslo: 21 C" } });
    expect(report.tools.map((t) => t.name)).toEqual(["echo", "forecast"]);
    expect(report.resources).toEqual([{ uri: "fixture://readme", name: "readme" }]);
    expect(report.prompts).toEqual([{ name: "greet" }]);
    for (const revision of INITIALIZE_REVISIONS) {
      const pinned = await check(httpTarget("conforming"), { protocolVersion: revision });
      expect(pinned.protocolVersion).toBe(revision);
      expect(rules(pinned)).toEqual(revision === "2025-11-25" ? [] : ["protocol-version-old"]);
    }
  });
});

describe("fixtures that each break one rule", () => {
  it("flags a tool name outside the naming rules (warning)", async () => {
    const report = await check(httpTarget("bad-tool-name"));
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: "tool-name-invalid",
        severity: "warning",
        subject: "tool search docs!",
        detail: expect.stringContaining('Tool name contains spaces, which may cause parsing issues; Tool name contains invalid characters: " ", "!"'),
      }),
    ]);
  });

  it("flags a tool name listed twice (error), keeping one definition", async () => {
    const report = await check(httpTarget("duplicate-tool-name"));
    expect(report.findings).toEqual([
      { rule: "tool-name-duplicate", severity: "error", message: expect.any(String), subject: "tool search", detail: "listed 2 times" },
    ]);
    expect(report.tools).toEqual([{ name: "search", description: "v1", inputSchema: expect.any(Object) }]);
  });

  it("flags an inputSchema that does not compile", async () => {
    const report = await check(httpTarget("schema-invalid"));
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: "input-schema-invalid",
        severity: "error",
        subject: "tool lookup",
        detail: expect.stringContaining("schema is invalid"),
      }),
    ]);
  });

  it("flags structuredContent that does not match the outputSchema, one finding per mismatch", async () => {
    const report = await check(httpTarget("output-mismatch"), { smokeTool: { name: "forecast", arguments: {} } });
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: "output-schema-mismatch",
        severity: "error",
        subject: "tool forecast",
        detail: "(root) must have required property 'city'",
      }),
      expect.objectContaining({ rule: "output-schema-mismatch", severity: "error", subject: "tool forecast", detail: "/tempC must be number" }),
    ]);
  });

  it("flags a tool with an outputSchema whose result has no structuredContent", async () => {
    const report = await check(httpTarget("output-mismatch"), { smokeTool: { name: "forecast_text", arguments: {} } });
    expect(report.findings).toEqual([expect.objectContaining({ rule: "structured-content-missing", severity: "error", subject: "tool forecast_text" })]);
  });

  it("flags a cursor handed out twice, stopping the walk there", async () => {
    const report = await check(httpTarget("looping-cursor"));
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: "pagination-cursor-repeated", severity: "error", subject: "tools/list", detail: 'cursor "again" after 2 pages' }),
    ]);
    expect(report.tools.map((t) => t.name)).toEqual(["page_one", "page_two"]);
  });

  it("warns when the page cap is reached with pages still to come", async () => {
    const report = await check(httpTarget("endless-pages"), { pageCap: 3 });
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: "pagination-page-cap", severity: "warning", subject: "tools/list", detail: "3 items in 3 pages" }),
    ]);
    expect(report.tools.map((t) => t.name)).toEqual(["tool_0", "tool_1", "tool_2"]);
  });

  it("flags advertised resources whose lists fail", async () => {
    const report = await check(httpTarget("resources-failing"));
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: "capability-list-failed",
        severity: "error",
        subject: "resources/list",
        detail: expect.stringContaining("resource backend unavailable"),
      }),
      expect.objectContaining({
        rule: "capability-list-failed",
        severity: "error",
        subject: "resources/templates/list",
        detail: expect.stringContaining("Method not found"),
      }),
    ]);
    expect(report.tools.map((t) => t.name)).toEqual(["ping"]);
  });

  it("flags an advertised list answered with HTTP 500, and carries on with the session", async () => {
    const proxied = await serveFixtureHttp("conforming", { failWith500: ["prompts/list"] });
    try {
      const report = await check({ transport: "http", url: proxied.url, headers: {} });
      expect(report.broken).toBeUndefined();
      expect(report.findings).toEqual([
        expect.objectContaining({ rule: "capability-list-failed", severity: "error", subject: "prompts/list", detail: expect.stringContaining("HTTP 500") }),
      ]);
      expect(report.resources).toEqual([{ uri: "fixture://readme", name: "readme" }]);
    } finally {
      await proxied.close();
    }
  });

  it("notes an old protocol revision (info), over HTTP and over stdio", async () => {
    for (const target of [httpTarget("old-protocol"), fixtureStdioTarget("old-protocol")]) {
      const report = await check(target);
      expect(report).toMatchObject({ connected: true, protocolVersion: "2024-11-05" });
      expect(report.findings).toEqual([
        expect.objectContaining({ rule: "protocol-version-old", severity: "info", subject: "initialize", detail: "asked for 2025-11-25, got 2024-11-05" }),
      ]);
    }
  });

  it("flags a protocol revision Tether does not know (over stdio) and still reads the tools", async () => {
    const report = await check(fixtureStdioTarget("unknown-protocol"));
    expect(report).toMatchObject({ connected: true, protocolVersion: "2099-01-01" });
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: "protocol-version-unknown", severity: "error", detail: 'asked for 2025-11-25, got "2099-01-01"' }),
    ]);
    expect(report.tools.map((t) => t.name)).toEqual(["ping"]);
  });
});

describe("servers that cannot be checked", () => {
  it("reports connected: false with the probe's error classes", async () => {
    const closed = await check({ transport: "http", url: `http://127.0.0.1:${await findClosedPort()}/mcp`, headers: {} });
    expect(closed).toMatchObject({
      connected: false,
      transport: "http",
      tools: [],
      findings: [],
      failure: { errorClass: "connect", message: "Connection failed (ECONNREFUSED)", retryable: true },
    });
    const missing = await check({ transport: "stdio", command: "tether-no-such-mcp-server", args: [], env: {} });
    expect(missing).toMatchObject({
      connected: false,
      failure: { errorClass: "connect", message: "The command tether-no-such-mcp-server not found (ENOENT)", retryable: false },
    });
    const blocked = await check(httpTarget("conforming"), { outbound: { allowPrivateNetworks: false } });
    expect(blocked).toMatchObject({ connected: false, failure: { errorClass: "blocked" } });
  });

  it("refuses a protected endpoint without the token as auth", async () => {
    const guarded = await serveFixtureHttp("conforming", { bearer: "t0ken" });
    try {
      expect(await check({ transport: "http", url: guarded.url, headers: {} })).toMatchObject({ connected: false, failure: { errorClass: "auth" } });
      expect(await check({ transport: "http", url: guarded.url, headers: { Authorization: "Bearer t0ken" } })).toMatchObject({ connected: true, findings: [] });
    } finally {
      await guarded.close();
    }
  });
});
