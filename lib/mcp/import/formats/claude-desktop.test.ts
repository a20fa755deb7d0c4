import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Claude Desktop config", () => {
  it("reads stdio servers and moves a literal env value to a secret, offering it only as the prefill", () => {
    const { file, byName } = previewOf(fixture("claude_desktop_config.json"));
    expect(file).toMatchObject({ client: "claude-desktop", servers: 2, problems: [] });
    expect(byName("filesystem")).toMatchObject({
      transport: "stdio",
      target: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"], env: {} },
      needs: { stdio: true, secrets: [] },
      importable: true,
      foundIn: [{ file: "claude_desktop_config.json", client: "claude-desktop", name: "filesystem", line: 3, column: 5 }],
    });
    const github = byName("github");
    expect(github.target).toMatchObject({ env: { GITHUB_PERSONAL_ACCESS_TOKEN: "{{secret.GITHUB_PERSONAL_ACCESS_TOKEN}}" } });
    expect(github.config).toMatchObject({ transport: "stdio", env: { GITHUB_PERSONAL_ACCESS_TOKEN: "{{secret.GITHUB_PERSONAL_ACCESS_TOKEN}}" } });
    expect(github.secrets).toEqual([
      {
        name: "GITHUB_PERSONAL_ACCESS_TOKEN",
        from: "the value of env GITHUB_PERSONAL_ACCESS_TOKEN in the file",
        found: "ghp_desktopLiteralToken123",
        password: true,
      },
    ]);
    expect(JSON.stringify([github.target, github.config])).not.toContain("ghp_desktopLiteralToken123");
  });

  it("says stdio needs the deployment's consent and an admin", () => {
    const f = fixture("claude_desktop_config.json");
    expect(previewOf(f, { admin: true, env: {} }).byName("filesystem")).toMatchObject({
      importable: false,
      problems: [expect.stringMatching(/TETHER_ALLOW_STDIO_MCP=true/)],
    });
    expect(previewOf(f, { admin: false, env: { TETHER_ALLOW_STDIO_MCP: "true" } }).byName("filesystem")).toMatchObject({
      importable: false,
      problems: ["Only admins can configure an MCP server that runs a command"],
    });
  });

  it("reports a broken file with line and column and reads nothing from it", () => {
    const { file, preview } = previewOf(fixture("broken/claude_desktop_config.json", "claude_desktop_config.json"));
    expect(file).toEqual({
      name: "claude_desktop_config.json",
      client: "claude-desktop",
      servers: 0,
      error: { line: 4, column: 23, message: "Not valid JSON at line 4, column 23: a value was expected" },
      problems: [],
    });
    expect(preview.servers).toEqual([]);
  });
});
