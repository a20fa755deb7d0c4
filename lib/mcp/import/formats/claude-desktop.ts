// Claude Desktop: claude_desktop_config.json, `mcpServers: { name: { command, args, env } }` (stdio; a `url` entry
// is read as remote). It expands no variables itself, so every literal env value is a secret to move.
import type { ClientFormat, FormatParse } from "../model";
import { basename, isObject, readJson, readServerMap } from "../jsonc";

export const claudeDesktop: ClientFormat = {
  format: "claude-desktop",
  label: "Claude Desktop",
  pathScore: (p) => (basename(p) === "claude_desktop_config.json" ? 3 : p.endsWith(".json") ? 1 : 0),
  // The plain `mcpServers` shape is everyone's; Claude Desktop is the fallback for it.
  shapeScore: (doc) => (isObject(doc) && isObject(doc.mcpServers) ? 1 : 0),
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    if (!isObject(doc.value) || !isObject(doc.value.mcpServers))
      return { servers: [], inputs: [], problems: [{ message: "No mcpServers object in this file" }] };
    return { servers: readServerMap(doc, ["mcpServers"], { urlKeys: { url: "guess" } }), inputs: [], problems: [] };
  },
};
