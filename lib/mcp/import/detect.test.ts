import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectMcpConfigs } from "./detect";
import { fixture } from "./testing";

let root: string;
let home: string;
let dir: string;

async function put(base: string, relative: string, content: string) {
  await mkdir(path.dirname(path.join(base, relative)), { recursive: true });
  await writeFile(path.join(base, relative), content);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "tether-detect-"));
  home = path.join(root, "home");
  dir = path.join(home, "src", "shop");
  await put(dir, ".mcp.json", fixture("mcp.json").content);
  await put(dir, ".vscode/mcp.json", fixture("vscode/mcp.json").content);
  await put(dir, ".cursor/mcp.json", fixture("cursor/mcp.json").content);
  await put(dir, ".continue/mcpServers/playwright.yaml", fixture("continue/mcpServers/playwright.yaml").content);
  await put(dir, ".codex/config.toml", fixture("broken/config.toml").content);
  await put(home, ".config/Claude/claude_desktop_config.json", fixture("claude_desktop_config.json").content);
  await put(home, ".claude.json", fixture("claude.json").content);
  await put(home, "Library/Application Support/Code/User/profiles/abc123/mcp.json", '{ "servers": { "profiled": { "url": "https://p.example.com/mcp" } } }');
  await put(home, "AppData/Roaming/Code/User/mcp.json", '{ "servers": { "windows": { "url": "https://w.example.com/mcp" } } }');
  await put(home, ".codeium/windsurf/mcp_config.json", fixture("mcp_config.json").content);
  await put(home, ".config/zed/settings.json", fixture("zed/settings.json").content);
  await put(home, ".gemini/settings.json", '{ "theme": "GitHub" }');
  await put(home, ".codex/config.toml", fixture("codex/config.toml").content);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("detectMcpConfigs", () => {
  it("finds project and user configs of every client in their usual places and previews them", async () => {
    const { paths, preview } = await detectMcpConfigs({ dir, home, env: { TETHER_ALLOW_STDIO_MCP: "true" } });
    const rel = (p: string) => path.relative(root, p);
    expect(paths.map(rel)).toEqual([
      "home/src/shop/.mcp.json",
      "home/src/shop/.vscode/mcp.json",
      "home/src/shop/.cursor/mcp.json",
      "home/src/shop/.continue/mcpServers/playwright.yaml",
      "home/src/shop/.codex/config.toml",
      "home/.config/Claude/claude_desktop_config.json",
      "home/.claude.json",
      "home/Library/Application Support/Code/User/profiles/abc123/mcp.json",
      "home/AppData/Roaming/Code/User/mcp.json",
      "home/.codeium/windsurf/mcp_config.json",
      "home/.config/zed/settings.json",
      "home/.codex/config.toml",
    ]);
    // The Gemini settings.json holds no servers, so it is not an MCP config to report.
    expect(preview.files.map((f) => f.client)).toEqual([
      "claude-code",
      "vscode",
      "cursor",
      "continue",
      "codex",
      "claude-desktop",
      "claude-code",
      "vscode",
      "vscode",
      "windsurf",
      "zed",
      "codex",
    ]);
    const broken = preview.files.find((f) => f.name.endsWith("shop/.codex/config.toml"))!;
    expect(broken.error).toMatchObject({ line: 4, column: 1 });
    expect(preview.servers.map((s) => s.name)).toEqual(expect.arrayContaining(["profiled", "windows", "Browser", "figma", "postgres"]));
    // The project directory is known here: ${workspaceFolder} is resolved.
    const perplexity = preview.servers.find((s) => s.name === "Perplexity")!;
    expect(perplexity.target).toMatchObject({ env: { ROOT: `${dir}/data` } });
  });

  it("reads each file once when the project directory is the home directory", async () => {
    const { paths } = await detectMcpConfigs({ dir: home, home });
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.filter((p) => p.endsWith(path.join(".codex", "config.toml")))).toHaveLength(1);
  });

  it("finds nothing in an empty tree", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "tether-detect-empty-"));
    expect(await detectMcpConfigs({ dir: empty, home: empty })).toEqual({ paths: [], preview: { files: [], servers: [] } });
    await rm(empty, { recursive: true, force: true });
  });
});
