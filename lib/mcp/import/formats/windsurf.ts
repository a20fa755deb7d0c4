// Windsurf: ~/.codeium/windsurf/mcp_config.json, `mcpServers`; a remote server is `serverUrl` (or `url`) + headers.
import type { ClientFormat, FormatParse } from "../model";
import { basename, isObject, readJson, readServerMap, slashed } from "../jsonc";

export const windsurf: ClientFormat = {
  format: "windsurf",
  label: "Windsurf",
  pathScore: (p) => (/windsurf\/mcp_config\.json$/.test(slashed(p)) ? 3 : basename(p) === "mcp_config.json" ? 2 : p.endsWith(".json") ? 1 : 0),
  shapeScore: (doc) => (isObject(doc) && isObject(doc.mcpServers) && Object.values(doc.mcpServers).some((s) => isObject(s) && "serverUrl" in s) ? 3 : 0),
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    if (!isObject(doc.value) || !isObject(doc.value.mcpServers))
      return { servers: [], inputs: [], problems: [{ message: "No mcpServers object in this file" }] };
    return { servers: readServerMap(doc, ["mcpServers"], { urlKeys: { serverUrl: "guess", url: "guess" } }), inputs: [], problems: [] };
  },
};
