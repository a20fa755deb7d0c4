// Claude Code: a project's .mcp.json and the user's ~/.claude.json, which holds user-scope servers at the top level
// and local-scope ones under `projects."<dir>".mcpServers`. Entries state `type` stdio/http/sse; values use
// ${VAR} and ${VAR:-default}.
import type { ClientFormat, FormatParse, RawServer } from "../model";
import { basename, isObject, readJson, readServerMap } from "../jsonc";

const opts = { urlKeys: { url: "guess" as const } };

export const claudeCode: ClientFormat = {
  format: "claude-code",
  label: "Claude Code",
  pathScore: (p) => (basename(p) === ".mcp.json" || basename(p) === ".claude.json" ? 3 : p.endsWith(".json") ? 1 : 0),
  shapeScore: (doc) => {
    if (!isObject(doc)) return 0;
    if (isObject(doc.projects) && Object.values(doc.projects).some((p) => isObject(p) && isObject(p.mcpServers))) return 3;
    return isObject(doc.mcpServers) && Object.values(doc.mcpServers).some((s) => isObject(s) && typeof s.type === "string") ? 2 : 0;
  },
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    const value = doc.value;
    if (!isObject(value)) return { servers: [], inputs: [], problems: [{ message: "The file is not a JSON object" }] };
    const servers: RawServer[] = readServerMap(doc, ["mcpServers"], opts);
    if (isObject(value.projects)) {
      for (const dir of Object.keys(value.projects))
        servers.push(...readServerMap(doc, ["projects", dir, "mcpServers"], opts, `projects.${JSON.stringify(dir)}.mcpServers`));
    }
    const problems = servers.length === 0 && !isObject(value.mcpServers) ? [{ message: "No mcpServers in this file" }] : [];
    return { servers, inputs: [], problems };
  },
};
