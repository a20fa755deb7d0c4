import { describe, expect, it } from "vitest";
import type { FoundConfigs, FoundServer } from "../contracts";
import { renderDetectTable, shortPath } from "./detect-table";
import { makeStyle } from "./style";

const where = { dir: "/work/repo", home: "/home/ada" };
const base = { alsoIn: [], secrets: [], needsStdioConsent: false, problems: [], warnings: [] } satisfies Partial<FoundServer>;

describe("detect table", () => {
  it("lists each server with its client, short file path, transport, target and needs; then problems and parse errors", () => {
    const found: FoundConfigs = {
      servers: [
        {
          ...base,
          name: "github",
          client: "Claude Code",
          file: "/work/repo/.mcp.json",
          line: 3,
          column: 5,
          transport: "http",
          target: { transport: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer {{secret.GITHUB_TOKEN}}" } },
          secrets: [{ name: "GITHUB_TOKEN", from: "environment variable GITHUB_TOKEN" }],
          alsoIn: ["/home/ada/.cursor/mcp.json"],
        },
        {
          ...base,
          name: "fs",
          client: "Claude Desktop",
          file: "/home/ada/.config/Claude/claude_desktop_config.json",
          transport: "stdio",
          target: { transport: "stdio", command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], env: {} },
          needsStdioConsent: true,
          warnings: ["envFile is not read"],
        },
        {
          ...base,
          name: "ws",
          client: "Claude Code",
          file: "/work/repo/.mcp.json",
          transport: null,
          target: null,
          problems: ['Unknown transport type "websocket"'],
        },
      ],
      errors: [{ file: "/work/repo/.vscode/mcp.json", line: 3, column: 14, message: "Expected a comma" }],
      notes: [{ file: "/work/repo/.gemini/settings.json", message: "No mcpServers in this file" }],
    };
    expect(renderDetectTable(found, where, makeStyle(false)).split("\n")).toEqual([
      "NAME    CLIENT          FILE                                         TRANSPORT  TARGET                                               NEEDS",
      "github  Claude Code     .mcp.json:3 (+1)                             http       https://api.githubcopilot.com/mcp/                   secret GITHUB_TOKEN",
      "fs      Claude Desktop  ~/.config/Claude/claude_desktop_config.json  stdio      npx -y @modelcontextprotocol/server-filesystem /tmp  TETHER_ALLOW_STDIO_MCP + admin",
      "ws      Claude Code     .mcp.json                                    ?          -                                                    -",
      "",
      "3 servers.",
      "",
      "fs: envFile is not read",
      'ws cannot be checked: Unknown transport type "websocket"',
      "",
      "Notes:",
      "  .gemini/settings.json: No mcpServers in this file",
      "",
      "1 config file could not be read:",
      "  .vscode/mcp.json:3:14: Expected a comma",
      "",
    ]);
  });

  it("says so when nothing was found", () => {
    expect(renderDetectTable({ servers: [], errors: [], notes: [] }, where, makeStyle(false))).toBe("No MCP servers found.\n");
  });

  it("shortens paths under the directory and the home, and leaves others whole", () => {
    expect(shortPath("/work/repo/a/b.json", where)).toBe("a/b.json");
    expect(shortPath("/home/ada/.codex/config.toml", where)).toBe("~/.codex/config.toml");
    expect(shortPath("/etc/x.json", where)).toBe("/etc/x.json");
  });
});
