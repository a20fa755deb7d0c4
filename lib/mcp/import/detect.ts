// Finds the MCP client configs on disk and previews them: project files under `dir`, user files under `home`
// (VS Code's profile mcp.json and Claude Desktop's config in their Linux, macOS and Windows places). Node only;
// the CLI (`tether mcp detect [dir]`) calls it.
//
//   detectMcpConfigs({ dir, home, admin?, env? }): Promise<DetectedConfigs>
//     dir    the project directory (resolves ${workspaceFolder}); home the user's home directory
//     admin  whether stdio servers count as allowed for the caller (default true: a local run is its own admin)
//     env    the environment whose TETHER_ALLOW_STDIO_MCP the stdio gate reads (default process.env)
//   -> { paths: every config file read, absolute; preview: ImportPreview (lib/mcp/import/preview.ts) }
//
// Settings files that hold no MCP servers (a Zed or Gemini settings.json without any) are left out of the preview.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { McpClientFormat } from "../types";
import { previewImport, type ImportFile, type ImportPreview } from "./preview";

export interface DetectOptions {
  dir: string;
  home: string;
  admin?: boolean;
  env?: Record<string, string | undefined>;
}

export interface DetectedConfigs {
  paths: string[];
  preview: ImportPreview;
}

type Place = { format: McpClientFormat; file: string } | { format: McpClientFormat; folder: string; ext: RegExp };

const APP_DIRS = ["Library/Application Support", ".config", "AppData/Roaming"];
const VSCODE_FLAVOURS = ["Code", "Code - Insiders", "VSCodium"];

function projectPlaces(dir: string): Place[] {
  const at = (...p: string[]) => path.join(dir, ...p);
  return [
    { format: "claude-code", file: at(".mcp.json") },
    { format: "vscode", file: at(".vscode", "mcp.json") },
    { format: "cursor", file: at(".cursor", "mcp.json") },
    { format: "zed", file: at(".zed", "settings.json") },
    { format: "continue", file: at(".continue", "config.yaml") },
    { format: "continue", folder: at(".continue", "mcpServers"), ext: /\.ya?ml$/i },
    { format: "gemini", file: at(".gemini", "settings.json") },
    { format: "codex", file: at(".codex", "config.toml") },
  ];
}

function userPlaces(home: string): Place[] {
  const at = (...p: string[]) => path.join(home, ...p);
  return [
    ...APP_DIRS.map((d): Place => ({ format: "claude-desktop", file: at(d, "Claude", "claude_desktop_config.json") })),
    { format: "claude-code", file: at(".claude.json") },
    ...APP_DIRS.flatMap((d) =>
      VSCODE_FLAVOURS.flatMap((flavour): Place[] => [
        { format: "vscode", file: at(d, flavour, "User", "mcp.json") },
        { format: "vscode", folder: at(d, flavour, "User", "profiles"), ext: /^mcp\.json$/ },
      ]),
    ),
    { format: "cursor", file: at(".cursor", "mcp.json") },
    { format: "windsurf", file: at(".codeium", "windsurf", "mcp_config.json") },
    { format: "zed", file: at(".config", "zed", "settings.json") },
    { format: "zed", file: at("AppData", "Roaming", "Zed", "settings.json") },
    { format: "continue", file: at(".continue", "config.yaml") },
    { format: "continue", folder: at(".continue", "mcpServers"), ext: /\.ya?ml$/i },
    { format: "gemini", file: at(".gemini", "settings.json") },
    { format: "codex", file: at(".codex", "config.toml") },
  ];
}

async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return null;
    throw err;
  }
}

/** The files of a folder place: the YAML blocks of .continue/mcpServers, or each VS Code profile's mcp.json. */
async function filesOf(place: Extract<Place, { folder: string }>): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(place.folder, { withFileTypes: true });
  } catch {
    return [];
  }
  if (place.format === "vscode") return entries.filter((e) => e.isDirectory()).map((e) => path.join(place.folder, e.name, "mcp.json"));
  return entries.filter((e) => e.isFile() && place.ext.test(e.name)).map((e) => path.join(place.folder, e.name));
}

export async function detectMcpConfigs({ dir, home, admin = true, env = process.env }: DetectOptions): Promise<DetectedConfigs> {
  const places = [...projectPlaces(path.resolve(dir)), ...userPlaces(path.resolve(home))];
  const seen = new Set<string>();
  const files: ImportFile[] = [];
  for (const place of places) {
    const candidates = "file" in place ? [place.file] : await filesOf(place);
    for (const file of candidates.sort()) {
      if (seen.has(file)) continue; // dir may be home
      seen.add(file);
      const content = await readIfThere(file);
      if (content !== null) files.push({ name: file, content, format: place.format });
    }
  }
  const preview = previewImport(files, { dir: path.resolve(dir), home: path.resolve(home), admin, env });
  const quiet = new Set(preview.files.filter((f) => f.servers === 0 && !f.error && /settings\.json$/.test(f.name)).map((f) => f.name));
  return {
    paths: files.map((f) => f.name).filter((n) => !quiet.has(n)),
    preview: { ...preview, files: preview.files.filter((f) => !quiet.has(f.name)) },
  };
}
