// mcpCheck's own decisions, with the runner and the file reader given as plain functions: which targets are built
// from the flags, that a value the CLI filled in never comes back out, and how an odd runner outcome is coded.
// The real runner against real servers is cli-check.int.test.ts.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { classifyToolChanges } from "../mcp/changes";
import type { ConformanceReport, McpTarget } from "../mcp/types";
import { parseCommandLine, type CheckArgs } from "./args";
import type { CliDeps, FoundConfigs } from "./contracts";
import type { CliIo } from "./io";
import { mcpCheck } from "./mcp-check";

let dir: string;
let out: string;
let err: string;
let seen: McpTarget[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tether-mcp-check-"));
  out = err = "";
  seen = [];
});

const io = (env: Record<string, string> = {}): CliIo => ({
  stdout: (t) => (out += t),
  stderr: (t) => (err += t),
  stdoutIsTTY: false,
  env,
  cwd: dir,
  home: dir,
  signal: new AbortController().signal,
});

const okReport = (target: McpTarget, message = "fine"): ConformanceReport => ({
  connected: true,
  transport: target.transport,
  server: { name: "s", version: "1" },
  tools: [{ name: "t", inputSchema: {} }],
  findings: [{ rule: "note", severity: "info", message }],
  durationMs: 5,
});

function deps(over: Partial<CliDeps> = {}, file: FoundConfigs = { servers: [], errors: [], notes: [] }): CliDeps {
  return {
    runConformance: async (target) => {
      seen.push(target);
      return okReport(target);
    },
    classifyToolChanges,
    detectConfigs: async () => file,
    readConfigFile: async () => file,
    rulesChecked: () => [],
    ...over,
  };
}

const args = (...argv: string[]): CheckArgs => {
  const inv = parseCommandLine(["mcp", "check", ...argv]);
  if (inv.kind !== "check") throw new Error("check expected");
  return inv.args;
};

describe("mcpCheck", () => {
  it("passes --env values, and --env NAME from the environment, to the command", async () => {
    const code = await mcpCheck(args("--env", "A=1", "--env", "B", "--", "srv", "--flag"), io({ B: "from-env", HOME: "/home/ada", DATABASE_URL: "x" }), deps());
    expect(code).toBe(0);
    // HOME is what every MCP client hands its servers; nothing else of this environment goes unasked.
    expect(seen).toEqual([{ transport: "stdio", command: "srv", args: ["--flag"], env: { HOME: "/home/ada", A: "1", B: "from-env" } }]);
    await expect(mcpCheck(args("--env", "MISSING", "--", "srv"), io(), deps())).rejects.toThrow("--env MISSING: MISSING is not set in this environment");
  });

  it("in a config file, gives --header to HTTP servers and --env to stdio ones, and fills their variables", async () => {
    const file = path.join(dir, "mcp.json");
    await writeFile(file, "{}");
    const base = { client: "Cursor", file, alsoIn: [], secrets: [], needsStdioConsent: false, problems: [], warnings: [] };
    const found: FoundConfigs = {
      servers: [
        { ...base, name: "web", transport: "http", target: { transport: "http", url: "https://w.example/mcp", headers: { "X-Key": "{{secret.WEB_KEY}}" } } },
        { ...base, name: "cmd", transport: "stdio", target: { transport: "stdio", command: "srv", args: ["${ROOT:-/srv}"], env: {} } },
      ],
      errors: [],
      notes: [],
    };
    const code = await mcpCheck(args(file, "--header", "X-Team: core", "--env", "DEBUG=1"), io({ WEB_KEY: "wk-123456" }), deps({}, found));
    expect(code).toBe(0);
    expect(seen).toEqual([
      { transport: "http", url: "https://w.example/mcp", headers: { "X-Key": "wk-123456", "X-Team": "core" } },
      { transport: "stdio", command: "srv", args: ["/srv"], env: { DEBUG: "1" } },
    ]);
    expect(out).toContain("web  http: https://w.example/mcp");
    expect(out).not.toContain("wk-123456");
  });

  it("scrubs every value it filled in from what the server sent back, in text and JSON", async () => {
    const echo = deps({ runConformance: async (t) => okReport(t, `token was ${t.transport === "http" ? t.headers.Authorization : ""}`) });
    await mcpCheck(args("https://x.example/mcp", "--header", "Authorization: Bearer sekrit-token-1"), io(), echo);
    expect(out).toContain("token was [redacted]");
    out = "";
    await mcpCheck(args("https://x.example/mcp", "--json", "--header", "Authorization: Bearer sekrit-token-1"), io(), echo);
    expect(out).not.toContain("sekrit-token-1");
    expect(JSON.parse(out).servers[0].target).toEqual({ transport: "http", url: "https://x.example/mcp", headers: ["Authorization"] });
  });

  it("a runner that throws is 'could not check' (exit 2), never a pass", async () => {
    const code = await mcpCheck(args("--", "srv"), io(), deps({ runConformance: async () => Promise.reject(new Error("engine bug")) }));
    expect(code).toBe(2);
    expect(out).toContain("could not connect: engine bug (internal)");
  });

  it("a server the baseline does not know is reported, not compared, and does not fail", async () => {
    const baseline = path.join(dir, "b.json");
    await writeFile(baseline, JSON.stringify({ format: "tether-mcp-baseline", version: 1, servers: { a: { tools: [] }, b: { tools: [] } } }));
    const code = await mcpCheck(args("--baseline", baseline, "--", "srv"), io(), deps());
    expect(code).toBe(0);
    expect(out).toContain("baseline: this server is not in it; nothing compared");
  });
});
