// Zed: settings.json's `context_servers`: `{ command, args, env }` or `{ url, headers }`, and the older
// `command: { path, args, env }`. A server an extension provides has only `settings`; its command is not in the file.
import type { ClientFormat, FormatParse, RawServer, RawSpec } from "../model";
import { isObject, positionOf, readEntry, readJson, slashed, stringList, stringMap } from "../jsonc";

function readZedEntry(entry: unknown): { spec: RawSpec; warnings: string[] } {
  if (isObject(entry) && isObject(entry.command)) {
    const c = entry.command;
    if (typeof c.path !== "string" || !c.path.trim()) return { spec: { transport: "unsupported", problem: "command.path is missing" }, warnings: [] };
    return { spec: { transport: "stdio", command: c.path.trim(), args: stringList(c.args), env: stringMap(c.env) }, warnings: [] };
  }
  if (isObject(entry) && entry.source === "extension" && entry.command === undefined && entry.url === undefined)
    return { spec: { transport: "unsupported", problem: "Provided by a Zed extension: its command is not in settings.json" }, warnings: [] };
  return { spec: readEntry(entry, { urlKeys: { url: "http" } }), warnings: [] };
}

export const zed: ClientFormat = {
  format: "zed",
  label: "Zed",
  pathScore: (p) => (/zed\/settings\.json$/.test(slashed(p)) ? 3 : p.endsWith(".json") ? 1 : 0),
  shapeScore: (doc) => (isObject(doc) && isObject(doc.context_servers) ? 3 : 0),
  parse(text): FormatParse {
    const { doc, error } = readJson(text);
    if (!doc) return { servers: [], inputs: [], error, problems: [] };
    if (!isObject(doc.value) || !isObject(doc.value.context_servers))
      return { servers: [], inputs: [], problems: [{ message: "No context_servers object in this file" }] };
    const servers: RawServer[] = Object.entries(doc.value.context_servers).map(([name, entry]) => ({
      name,
      ...readZedEntry(entry),
      at: positionOf(doc, ["context_servers", name]),
    }));
    return { servers, inputs: [], problems: [] };
  },
};
