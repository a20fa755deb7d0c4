// `tether mcp check` as CI runs it: the real CLI process (node bin/tether.mjs, no DATABASE_URL, no Tether server)
// against real MCP servers: @modelcontextprotocol/server-everything over stdio and streamable HTTP, the conformance
// fixtures that each break one rule (lib/mcp/testing), and a server whose tools change between runs. Every exit
// code, the JUnit file parsed back, --json, the baseline saved then broken, and config files with secrets.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConformanceReport } from "../mcp/types";
import { fixtureStdioTarget, serveFixtureHttp, startEverythingHttp, type ServedMcp } from "../mcp/testing/serve";
import { findClosedPort } from "../probes/testing/harness";
import { startHttpToolServer, type HttpToolServer } from "./testing/http-tool-server";
import { runTether } from "./testing/run-cli";

const TOKEN = "cli-test-token-7f3a9c";
const everythingEntry = createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/dist/index.js");
const everythingStdio = ["--", process.execPath, everythingEntry, "stdio"];
/** A conformance fixture as the command after `--`. */
const fixtureCommand = (name: Parameters<typeof fixtureStdioTarget>[0]) => {
  const t = fixtureStdioTarget(name);
  if (t.transport !== "stdio") throw new Error("stdio fixture expected");
  return ["--", t.command, ...t.args];
};

interface JsonOutput {
  exitCode: number;
  failOn: string;
  servers: {
    name: string;
    target: Record<string, unknown>;
    failing: number;
    baseline?: { kind: string; changes?: { impact: string; tool: string; what: string }[] };
    report: ConformanceReport;
  }[];
}

type Case = { "@_name": string; failure?: { "@_message": string; "@_type": string; "#text"?: string }; error?: { "@_message": string; "@_type": string } };
type Suite = { "@_name": string; "@_tests": string; "@_failures": string; "@_errors": string; testcase: Case[] };
const parseJunit = (xml: string): Suite[] =>
  new XMLParser({ ignoreAttributes: false, isArray: (n) => ["testsuite", "testcase", "property"].includes(n) }).parse(xml).testsuites.testsuite;

let tmp: string;
let everythingHttp: ServedMcp;
let conformingHttp: ServedMcp;
let tools: HttpToolServer;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "tether-cli-check-"));
  [everythingHttp, conformingHttp, tools] = await Promise.all([
    findClosedPort().then(startEverythingHttp),
    serveFixtureHttp("conforming", { bearer: TOKEN }),
    startHttpToolServer(TOKEN),
  ]);
});

afterAll(async () => {
  await Promise.all([everythingHttp?.close(), conformingHttp?.close(), tools?.close()]);
  await rm(tmp, { recursive: true, force: true });
});

describe("exit 0: server-everything passes", () => {
  it("over stdio: a readable report, the JUnit file and --json", async () => {
    const junit = path.join(tmp, "everything-stdio.xml");
    const r = await runTether(["mcp", "check", "--junit", junit, ...everythingStdio]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/over stdio · protocol \d{4}-\d{2}-\d{2} · mcp-servers\/everything/);
    expect(r.stdout).toContain("PASS 1 server checked (exit 0)");

    const [suite] = parseJunit(await readFile(junit, "utf8"));
    expect(suite!["@_name"]).toBe(`${process.execPath} ${everythingEntry} stdio`);
    expect(suite!["@_failures"]).toBe("0");
    expect(suite!["@_errors"]).toBe("0");
    expect(suite!.testcase.map((c) => c["@_name"])).toContain("connect");

    const json = await runTether(["mcp", "check", "--json", ...everythingStdio]);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as JsonOutput;
    expect(out).toMatchObject({ exitCode: 0, failOn: "error" });
    expect(out.servers).toHaveLength(1);
    const report = out.servers[0]!.report;
    expect(report).toMatchObject({ connected: true, transport: "stdio", server: { name: "mcp-servers/everything" } });
    expect(report.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["echo", "get-sum"]));
    expect(report.prompts?.length).toBeGreaterThan(0);
  });

  it("over streamable HTTP, where a finding below --fail-on never fails", async () => {
    const r = await runTether(["mcp", "check", everythingHttp.url, "--json"]);
    const out = JSON.parse(r.stdout) as JsonOutput;
    const report = out.servers[0]!.report;
    expect(report).toMatchObject({ connected: true, transport: "http" });
    expect(report.tools.map((t) => t.name)).toContain("echo");
    // The code follows the findings: 1 exactly when one is an error.
    expect(r.code).toBe(report.findings.some((f) => f.severity === "error") ? 1 : 0);
    expect((await runTether(["mcp", "check", everythingHttp.url, "--fail-on", "never"])).code).toBe(0);
  });

  it("a bearer-protected server with --header", async () => {
    const r = await runTether(["mcp", "check", conformingHttp.url, "--header", `Authorization: Bearer ${TOKEN}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✔ no findings");
    expect(r.stdout).not.toContain(TOKEN);
  });
});

describe("exit 1: findings at or above --fail-on", () => {
  it("an error finding (one tool name listed twice) fails, with the rule's JUnit testcase failed", async () => {
    const junit = path.join(tmp, "duplicate.xml");
    const r = await runTether(["mcp", "check", "--junit", junit, ...fixtureCommand("duplicate-tool-name")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ 1 error\n {4}tool-name-duplicate \(tool search\): Two or more tools share this name/);
    expect(r.stdout).toContain("FAIL 1 server checked, 1 with findings at or above error or breaking changes (exit 1)");

    const [suite] = parseJunit(await readFile(junit, "utf8"));
    expect(suite!["@_failures"]).toBe("1");
    // Every rule checked is a testcase; those that found nothing pass.
    const passed = suite!.testcase.find((c) => c["@_name"] === "output-schema-mismatch");
    expect(passed).toBeDefined();
    expect(passed?.failure).toBeUndefined();
    expect(suite!.testcase.length).toBeGreaterThan(10);
    const failed = suite!.testcase.find((c) => c["@_name"] === "tool-name-duplicate");
    expect(failed?.failure).toEqual({
      "@_message": "Two or more tools share this name; a call by name cannot tell them apart",
      "@_type": "error",
      "#text": "[error] Two or more tools share this name; a call by name cannot tell them apart (tool search)\n  listed 2 times",
    });
  });

  it("a warning (a tool name with a space) passes by default and fails with --fail-on warning", async () => {
    const cmd = fixtureCommand("bad-tool-name");
    const byDefault = await runTether(["mcp", "check", "--json", ...cmd]);
    expect(byDefault.code).toBe(0);
    const findings = (JSON.parse(byDefault.stdout) as JsonOutput).servers[0]!.report.findings;
    expect(findings).toEqual([expect.objectContaining({ rule: "tool-name-invalid", severity: "warning", subject: "tool search docs!" })]);

    const junit = path.join(tmp, "bad-name.xml");
    const strict = await runTether(["mcp", "check", "--fail-on", "warning", "--junit", junit, ...cmd]);
    expect(strict.code).toBe(1);
    const [suite] = parseJunit(await readFile(junit, "utf8"));
    expect(suite!.testcase.find((c) => c["@_name"] === "tool-name-invalid")?.failure?.["@_type"]).toBe("warning");
  });
});

describe("exit 2: could not connect or start", () => {
  it("a command that does not exist", async () => {
    const junit = path.join(tmp, "missing.xml");
    const r = await runTether(["mcp", "check", "--junit", junit, "--", "/nonexistent/mcp-server", "--stdio"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/✖ could not connect: .*not found.*\(connect\)/);
    const [suite] = parseJunit(await readFile(junit, "utf8"));
    expect(suite!.testcase).toEqual([expect.objectContaining({ "@_name": "connect", error: expect.objectContaining({ "@_type": "connect" }) })]);
  });

  it("a port where nothing listens, and a server that refuses the credentials", async () => {
    const closed = await runTether(["mcp", "check", `http://127.0.0.1:${await findClosedPort()}/mcp`, "--json"]);
    expect(closed.code).toBe(2);
    expect((JSON.parse(closed.stdout) as JsonOutput).servers[0]!.report).toMatchObject({ connected: false, failure: { errorClass: "connect" } });

    const refused = await runTether(["mcp", "check", conformingHttp.url, "--header", "Authorization: Bearer wrong-token"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/could not connect: .*401.*\(auth\)/);
  });
});

describe("--baseline", () => {
  it("saves the tool list on the first run, then fails on breaking changes and reports additive ones", async () => {
    const baseline = path.join(tmp, "tools-baseline.json");
    const args = ["mcp", "check", tools.url, "--header", `Authorization: Bearer ${TOKEN}`, "--baseline", baseline];
    tools.toolset = "v1";
    const first = await runTether(args);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`baseline: saved 2 tools to ${baseline}`);
    const saved = JSON.parse(await readFile(baseline, "utf8"));
    expect(saved).toMatchObject({ format: "tether-mcp-baseline", version: 1 });
    expect(Object.values(saved.servers).flatMap((s) => (s as { tools: { name: string }[] }).tools.map((t) => t.name))).toEqual(["fetch", "search"]);

    // Same tools: compared, nothing changed, still 0; the file is left as it was.
    const same = await runTether(args);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("baseline: no tool changes");

    tools.toolset = "v2";
    const junit = path.join(tmp, "baseline.xml");
    const broken = await runTether([...args, "--junit", junit]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("baseline: 2 breaking, 1 additive, 0 cosmetic");
    expect(broken.stdout).toContain("breaking  fetch: tool removed");
    expect(broken.stdout).toMatch(/breaking {2}search: .*limit.*required/);
    expect(broken.stdout).toContain("additive  summarize: tool added");
    const [suite] = parseJunit(await readFile(junit, "utf8"));
    expect(suite!.testcase.find((c) => c["@_name"] === "baseline")?.failure).toEqual({
      "@_message": "2 breaking tool changes against the baseline",
      "@_type": "breaking",
      "#text": "fetch: tool removed\nsearch: input property limit newly required",
    });

    const json = JSON.parse((await runTether([...args, "--json"])).stdout) as JsonOutput;
    expect(json.exitCode).toBe(1);
    expect(json.servers[0]!.baseline?.changes?.map((c) => `${c.impact} ${c.tool}`)).toEqual(["breaking fetch", "breaking search", "additive summarize"]);

    // Report-only: the changes are printed, the code is 0.
    expect((await runTether([...args, "--fail-on", "never"])).code).toBe(0);
    expect(JSON.parse(await readFile(baseline, "utf8"))).toEqual(saved);
  });
});

describe("a client config file", () => {
  let config: string;
  beforeAll(async () => {
    // Claude Code's .mcp.json: an HTTP server whose header names a variable, and a stdio fixture that breaks a rule.
    const dup = fixtureStdioTarget("duplicate-tool-name");
    if (dup.transport !== "stdio") throw new Error("stdio fixture expected");
    config = path.join(tmp, ".mcp.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: {
          docs: { type: "http", url: conformingHttp.url, headers: { Authorization: "Bearer ${DOCS_TOKEN}" } },
          dup: { type: "stdio", command: dup.command, args: dup.args },
        },
      }),
    );
  });

  it("checks every server, filling ${VAR} from the environment, one JUnit testsuite each", async () => {
    const junit = path.join(tmp, "config.xml");
    const r = await runTether(["mcp", "check", config, "--junit", junit], { env: { DOCS_TOKEN: TOKEN } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^docs {2}http: /m);
    expect(r.stdout).toMatch(/^dup {2}stdio: /m);
    const suites = parseJunit(await readFile(junit, "utf8"));
    expect(suites.map((s) => [s["@_name"], s["@_failures"]])).toEqual([
      ["docs", "0"],
      ["dup", "1"],
    ]);
    for (const text of [r.stdout, r.stderr, await readFile(junit, "utf8")]) expect(text).not.toContain(TOKEN);
  });

  it("--server picks one", async () => {
    const r = await runTether(["mcp", "check", config, "--server", "docs", "--json"], { env: { DOCS_TOKEN: TOKEN } });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(out.servers.map((s) => s.name)).toEqual(["docs"]);
    expect(out.servers[0]!.target).toEqual({ transport: "http", url: conformingHttp.url, headers: ["Authorization"] });
  });

  it("exits 3 when a variable is not set, or the server is not in the file", async () => {
    const unset = await runTether(["mcp", "check", config]);
    expect(unset).toEqual({ code: 3, stdout: "", stderr: "tether: server docs needs DOCS_TOKEN set in the environment (it is referenced by its config)\n" });
    const unknown = await runTether(["mcp", "check", config, "--server", "search"]);
    expect(unknown).toMatchObject({ code: 3, stderr: `tether: ${config} has no server named search (it has docs, dup)\n` });
  });

  it("exits 3 on a file that does not parse, with line and column", async () => {
    const broken = path.join(tmp, "broken", ".mcp.json");
    await rm(path.dirname(broken), { recursive: true, force: true });
    await mkdir(path.dirname(broken));
    await writeFile(broken, '{\n  "mcpServers": {\n    "a": { "command": "x" ,, }\n  }\n}\n');
    const r = await runTether(["mcp", "check", broken], { cwd: tmp });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^tether: broken\/\.mcp\.json:3:\d+: .+\n$/);
  });
});
