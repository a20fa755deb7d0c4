// `tether mcp detect` as a person or CI runs it: the real CLI process over a project directory and a home
// directory holding real client configs (Claude Code, VS Code, Cursor, Codex), one of them broken, one server in
// two files, and a literal credential that must never be printed; then a check of a file whose only credential is
// that literal (the file's own value is used, and still not printed).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFixtureHttp, type ServedMcp } from "../mcp/testing/serve";
import { runTether } from "./testing/run-cli";

const LITERAL = "literal-key-5d1e8b20";
let tmp: string;
let project: string;
let home: string;
let docs: ServedMcp;

async function put(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "tether-cli-detect-"));
  project = path.join(tmp, "repo");
  home = path.join(tmp, "home");
  docs = await serveFixtureHttp("conforming", { bearer: LITERAL });
  await put(
    path.join(project, ".mcp.json"),
    JSON.stringify({ mcpServers: { docs: { type: "http", url: docs.url, headers: { Authorization: `Bearer ${LITERAL}` } } } }, null, 2),
  );
  await put(path.join(project, ".vscode", "mcp.json"), '{\n  "servers": {\n    "x": { "type": "stdio" "command": "y" }\n  }\n}\n');
  await put(
    path.join(home, ".cursor", "mcp.json"),
    JSON.stringify({
      mcpServers: { "docs-again": { url: docs.url }, fs: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] } },
    }),
  );
  await put(path.join(home, ".codex", "config.toml"), '[mcp_servers.search]\nurl = "https://search.example/mcp"\nbearer_token_env_var = "SEARCH_TOKEN"\n');
});

afterAll(async () => {
  await docs?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("tether mcp detect", () => {
  it("lists every server with client, file, transport, target and needs; the broken file with line:column; exit 1", async () => {
    const r = await runTether(["mcp", "detect", project, "--home", home]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^NAME +CLIENT +FILE +TRANSPORT +TARGET +NEEDS$/);
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `)) ?? "";
    // The same URL in the project and in Cursor's file is one server, found in two files.
    expect(row("docs")).toMatch(new RegExp(`^docs +Claude Code +\\.mcp\\.json(:\\d+)? \\(\\+1\\) +http +${docs.url.replace(/[.]/g, "\\.")} +secret [A-Z_]+$`));
    expect(row("fs")).toMatch(
      /^fs +Cursor +~\/\.cursor\/mcp\.json(:\d+)? +stdio +npx -y @modelcontextprotocol\/server-filesystem \/tmp +TETHER_ALLOW_STDIO_MCP \+ admin$/,
    );
    expect(row("search")).toMatch(/^search +Codex +~\/\.codex\/config\.toml(:\d+)? +http +https:\/\/search\.example\/mcp +secret SEARCH_TOKEN$/);
    expect(r.stdout).toContain("3 servers.");
    expect(r.stdout).toMatch(/1 config file could not be read:\n {2}\.vscode\/mcp\.json:3:\d+: .+\n/);
    expect(r.stdout).not.toContain(LITERAL);
  });

  it("--json carries the same, with placeholders and no value from the files", async () => {
    const r = await runTether(["mcp", "detect", project, "--home", home, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(LITERAL);
    const out = JSON.parse(r.stdout) as {
      servers: {
        name: string;
        client: string;
        file: string;
        alsoIn: string[];
        transport: string;
        target: { headers?: Record<string, string> };
        secrets: { name: string }[];
      }[];
      errors: { file: string; line: number; column: number; message: string }[];
    };
    expect(out.servers.map((s) => s.name).sort()).toEqual(["docs", "fs", "search"]);
    const docsServer = out.servers.find((s) => s.name === "docs")!;
    expect(docsServer).toMatchObject({
      client: "Claude Code",
      file: path.join(project, ".mcp.json"),
      alsoIn: [path.join(home, ".cursor", "mcp.json")],
      transport: "http",
    });
    expect(docsServer.target.headers?.Authorization).toMatch(/^Bearer \{\{secret\.[A-Z_]+\}\}$/);
    expect(out.errors).toEqual([{ file: path.join(project, ".vscode", "mcp.json"), line: 3, column: expect.any(Number), message: expect.any(String) }]);
  });

  it("exit 0 with nothing to report", async () => {
    const empty = path.join(tmp, "empty");
    await mkdir(empty);
    expect(await runTether(["mcp", "detect", empty, "--home", empty])).toEqual({ code: 0, stdout: "No MCP servers found.\n", stderr: "" });
  });
});

describe("tether mcp check on a detected file", () => {
  it("uses the file's own literal credential when the environment has none, and never prints it", async () => {
    const r = await runTether(["mcp", "check", path.join(project, ".mcp.json"), "--json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(LITERAL);
    expect(JSON.parse(r.stdout).servers[0]).toMatchObject({ name: "docs", report: { connected: true } });
  });
});
