// Cursor: .cursor/mcp.json (project) and ~/.cursor/mcp.json (user), `mcpServers`; values use ${env:NAME}.
import type { ClientFormat, FormatParse } from "../model";
import { isObject, readJson, readServerMap, slashed } from "../jsonc";

export const cursor: ClientFormat = {
  format: "cursor",
  label: "Cursor",
  pathScore: (p) => (/(^|\/)\.cursor\/mcp\.json$/.test(slashed(p)) ? 3 : p.endsWith(".json") ? 1 : 0),
  // Pasted without its path, a Cursor file is told from Claude Desktop's only by Cursor's ${env:NAME}.
  shapeScore: (doc, text) => (isObject(doc) && isObject(doc.mcpServers) && text.includes("${env:") ? 2 : 0),
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    if (!isObject(doc.value) || !isObject(doc.value.mcpServers))
      return { servers: [], inputs: [], problems: [{ message: "No mcpServers object in this file" }] };
    return { servers: readServerMap(doc, ["mcpServers"], { urlKeys: { url: "guess" } }), inputs: [], problems: [] };
  },
};
