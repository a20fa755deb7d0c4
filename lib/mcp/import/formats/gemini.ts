// Gemini CLI: ~/.gemini/settings.json and .gemini/settings.json, `mcpServers`. `httpUrl` is streamable HTTP and
// `url` legacy SSE; `timeout` is in milliseconds; `includeTools`/`excludeTools` limit what the CLI uses; env values
// expand $VAR and ${VAR}.
import type { ClientFormat, FormatParse } from "../model";
import { isObject, readJson, readServerMap, slashed } from "../jsonc";

export const gemini: ClientFormat = {
  format: "gemini",
  label: "Gemini CLI",
  pathScore: (p) => (/(^|\/)\.gemini\/settings\.json$/.test(slashed(p)) ? 3 : p.endsWith(".json") ? 1 : 0),
  shapeScore: (doc) => (isObject(doc) && isObject(doc.mcpServers) && Object.values(doc.mcpServers).some((s) => isObject(s) && "httpUrl" in s) ? 3 : 0),
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    if (!isObject(doc.value) || !isObject(doc.value.mcpServers))
      return { servers: [], inputs: [], problems: [{ message: "No mcpServers object in this file" }] };
    const entries = doc.value.mcpServers;
    const servers = readServerMap(doc, ["mcpServers"], { urlKeys: { httpUrl: "http", url: "sse" } });
    for (const s of servers) {
      const e = entries[s.name];
      if (!isObject(e)) continue;
      if (typeof e.timeout === "number" && e.timeout > 0) s.timeoutMs = e.timeout;
      for (const key of ["includeTools", "excludeTools"] as const) {
        const list = e[key];
        if (Array.isArray(list) && list.length)
          s.warnings.push(`${key} (${list.join(", ")}) limits what Gemini CLI uses; Tether checks every tool the server lists`);
      }
    }
    return { servers, inputs: [], problems: [], bareDollar: true };
  },
};
