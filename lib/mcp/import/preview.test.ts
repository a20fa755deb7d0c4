import { describe, expect, it } from "vitest";
import { previewImport } from "./preview";
import { ALLOW_STDIO, fixture } from "./testing";

const ALL = [
  fixture("claude_desktop_config.json"),
  fixture("claude.json", "~/.claude.json"),
  fixture("mcp.json", ".mcp.json"),
  fixture("vscode/mcp.json", ".vscode/mcp.json"),
  fixture("cursor/mcp.json", ".cursor/mcp.json"),
  fixture("mcp_config.json", "~/.codeium/windsurf/mcp_config.json"),
  fixture("zed/settings.json", "~/.config/zed/settings.json"),
  fixture("continue/config.yaml", "~/.continue/config.yaml"),
  fixture("continue/mcpServers/playwright.yaml", ".continue/mcpServers/playwright.yaml"),
  fixture("gemini/settings.json", ".gemini/settings.json"),
  fixture("codex/config.toml", "~/.codex/config.toml"),
  fixture("broken/claude_desktop_config.json", "broken/claude_desktop_config.json"),
];

describe("import preview", () => {
  it("reads every client's file; the broken one is reported with line and column while the rest import", () => {
    const preview = previewImport(ALL, ALLOW_STDIO);
    expect(preview.files.map((f) => [f.name, f.client, f.servers, f.error ? `${f.error.line}:${f.error.column}` : null])).toEqual([
      ["claude_desktop_config.json", "claude-desktop", 2, null],
      ["~/.claude.json", "claude-code", 3, null],
      [".mcp.json", "claude-code", 1, null],
      [".vscode/mcp.json", "vscode", 2, null],
      [".cursor/mcp.json", "cursor", 2, null],
      ["~/.codeium/windsurf/mcp_config.json", "windsurf", 3, null],
      ["~/.config/zed/settings.json", "zed", 4, null],
      ["~/.continue/config.yaml", "continue", 2, null],
      [".continue/mcpServers/playwright.yaml", "continue", 1, null],
      [".gemini/settings.json", "gemini", 3, null],
      ["~/.codex/config.toml", "codex", 2, null],
      ["broken/claude_desktop_config.json", "claude-desktop", 0, "4:23"],
    ]);
    expect(preview.servers.filter((s) => s.importable).length).toBeGreaterThan(10);
  });

  it("merges duplicates (same command and args, or the same URL) and lists every place each was found", () => {
    const preview = previewImport(ALL, ALLOW_STDIO);
    const everything = preview.servers.filter((s) => s.target?.transport === "stdio" && s.target.args.includes("@modelcontextprotocol/server-everything"));
    expect(everything).toHaveLength(1);
    expect(everything[0]!.foundIn.map((f) => `${f.client} ${f.file}:${f.line}`)).toEqual(["claude-code .mcp.json:3", "cursor .cursor/mcp.json:7"]);
    // ${API_KEY} and ${env:API_KEY} are the same variable: one secret.
    expect(everything[0]!.secrets.map((s) => s.name)).toEqual(["API_KEY"]);

    // The same URL with and without a trailing slash, from VS Code and Cursor: one server, with the first one's
    // headers, asking only for the secrets those use (Cursor's GITHUB_TOKEN is not).
    const github = preview.servers.filter((s) => s.target?.transport === "http" && s.target.url.startsWith("https://api.githubcopilot.com/mcp"));
    expect(github).toHaveLength(1);
    expect(github[0]!.foundIn.map((f) => f.client)).toEqual(["vscode", "cursor"]);
    expect(github[0]!.target).toMatchObject({ headers: { Authorization: "Bearer {{secret.GH_TOKEN}}", "X-Home": "{{secret.HOME_REGION}}" } });
    expect(github[0]!.needs.secrets).toEqual(["GH_TOKEN", "HOME_REGION"]);

    // Windsurf's and Codex's figma: one server, the headers of both.
    const figma = preview.servers.filter((s) => s.name === "figma");
    expect(figma).toHaveLength(1);
    expect(figma[0]!.foundIn.map((f) => f.client)).toEqual(["windsurf", "codex"]);
    expect(Object.keys((figma[0]!.target as { headers: object }).headers).sort()).toEqual(["Authorization", "X-Api-Key", "X-Figma-Region", "X-Org"]);
  });

  it("gives the same keys for the same files, so an import request can name its choice", () => {
    expect(previewImport(ALL, ALLOW_STDIO).servers.map((s) => s.key)).toEqual(previewImport(ALL, ALLOW_STDIO).servers.map((s) => s.key));
    const keys = previewImport(ALL, ALLOW_STDIO).servers.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("writes no value from any file into a target or config: literals and defaults appear only as prefills", () => {
    const preview = previewImport(ALL, ALLOW_STDIO);
    const stored = JSON.stringify(preview.servers.map((s) => [s.target, s.config]));
    for (const literal of [
      "ghp_desktopLiteralToken123",
      "figd_literalKey",
      "hunter2",
      "lin_api_literal",
      "dk_literal",
      "postgres://localhost/shop",
      "us-east-1",
    ]) {
      expect(stored).not.toContain(literal);
      expect(preview.servers.some((s) => s.secrets.some((x) => x.found === literal))).toBe(true);
    }
    for (const s of preview.servers) for (const x of s.secrets) expect(x.name).toMatch(/^[A-Z][A-Z0-9_]{0,63}$/);
  });

  it("says which file it does not know, rather than guessing", () => {
    const preview = previewImport([{ name: "notes.txt", content: "hello" }], ALLOW_STDIO);
    expect(preview.files[0]).toMatchObject({ client: null, servers: 0, problems: [{ message: expect.stringMatching(/^Not an MCP config Tether knows/) }] });
  });

  it("honours an explicit format over detection", () => {
    const preview = previewImport([{ ...fixture("mcp.json"), format: "cursor" }], ALLOW_STDIO);
    expect(preview.files[0]!.client).toBe("cursor");
    expect(preview.servers[0]!.foundIn[0]!.client).toBe("cursor");
  });
});
