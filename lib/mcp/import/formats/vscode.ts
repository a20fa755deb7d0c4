// VS Code: .vscode/mcp.json and the profile's mcp.json (`servers` and `inputs`), or settings.json's `mcp` block.
// `${input:id}` refers to an input the editor prompts for; `${env:NAME}` and `${workspaceFolder}` are expanded by it.
import type { ClientFormat, FormatParse, InputDecl } from "../model";
import { basename, isObject, readJson, readServerMap, slashed } from "../jsonc";

function readInputs(v: unknown): InputDecl[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).flatMap((i) =>
    typeof i.id === "string"
      ? [
          {
            id: i.id,
            type: typeof i.type === "string" ? i.type : "promptString",
            description: typeof i.description === "string" ? i.description : undefined,
            password: i.password === true,
          },
        ]
      : [],
  );
}

export const vscode: ClientFormat = {
  format: "vscode",
  label: "VS Code",
  pathScore: (p) => {
    const s = slashed(p);
    if (/(^|\/)\.vscode\/mcp\.json$/.test(s) || /(Code|Code - Insiders|VSCodium)\/User\/(profiles\/[^/]+\/)?mcp\.json$/.test(s)) return 3;
    return basename(p) === "mcp.json" ? 1 : p.endsWith(".json") ? 1 : 0;
  },
  shapeScore: (doc) => (isObject(doc) && (isObject(doc.servers) || (isObject(doc.mcp) && isObject(doc.mcp.servers))) ? 3 : 0),
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    const value = doc.value;
    const base = isObject(value) && !isObject(value.servers) && isObject(value.mcp) ? ["mcp"] : [];
    const block = base.length ? (value as { mcp: Record<string, unknown> }).mcp : value;
    if (!isObject(block) || !isObject(block.servers)) return { servers: [], inputs: [], problems: [{ message: "No servers object in this file" }] };
    // VS Code tries streamable HTTP first for a bare url, so that is what it is taken to mean.
    const servers = readServerMap(doc, [...base, "servers"], { urlKeys: { url: "http" } });
    for (const s of servers) {
      const entry = (block.servers as Record<string, unknown>)[s.name];
      if (isObject(entry) && typeof entry.envFile === "string")
        s.warnings.push(`envFile ${entry.envFile} is not read: set the variables it holds as secrets on the integration`);
    }
    return { servers, inputs: readInputs(block.inputs), problems: [] };
  },
};
