// Continue: ~/.continue/config.yaml and the blocks in .continue/mcpServers/*.yaml, each with an `mcpServers` list of
// `{ name, type, command, args, env, url }` (type stdio, sse or streamable-http; headers under requestOptions).
// Values use `${{ secrets.NAME }}`. Parsed with `yaml`, which gives each error's line and column.
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { ClientFormat, FormatParse, RawServer, RawSpec } from "../model";
import { isObject, readEntry, slashed, stringMap } from "../jsonc";

function readContinueEntry(e: Record<string, unknown>): RawSpec {
  const headers = isObject(e.requestOptions) && isObject(e.requestOptions.headers) ? e.requestOptions.headers : e.headers;
  return readEntry({ ...e, headers: stringMap(headers) }, { urlKeys: { url: "http" } });
}

export const continueDev: ClientFormat = {
  format: "continue",
  label: "Continue",
  pathScore: (p) => {
    const s = slashed(p);
    if (/(^|\/)\.continue\/(config\.ya?ml|mcpServers\/[^/]+\.ya?ml)$/.test(s)) return 3;
    return /\.ya?ml$/.test(s) ? 2 : 0;
  },
  shapeScore: (doc) => (isObject(doc) && Array.isArray(doc.mcpServers) ? 3 : 0),
  parse(text): FormatParse {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: true });
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      const message = first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      return {
        servers: [],
        inputs: [],
        error: {
          ...(pos ? { line: pos.line, column: pos.col } : {}),
          message: `Not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ""}: ${message}`,
        },
        problems: [],
      };
    }
    const value: unknown = doc.toJS();
    const list = doc.get("mcpServers");
    if (!isObject(value) || !Array.isArray(value.mcpServers) || !isSeq(list))
      return { servers: [], inputs: [], problems: [{ message: "No mcpServers list in this file" }] };
    const servers: RawServer[] = value.mcpServers.map((e: unknown, i: number) => {
      const node = list.items[i];
      const offset = isMap(node) && node.range ? node.range[0] : undefined;
      const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
      const at = pos ? { line: pos.line, column: pos.col } : undefined;
      if (!isObject(e)) return { name: `#${i + 1}`, spec: { transport: "unsupported", problem: "The entry is not a map" }, at, warnings: [] };
      const name = typeof e.name === "string" && e.name.trim() ? e.name.trim() : `#${i + 1}`;
      const spec: RawSpec = typeof e.name === "string" ? readContinueEntry(e) : { transport: "unsupported", problem: "The entry has no name" };
      return { name, spec, at, warnings: [] };
    });
    return { servers, inputs: [], problems: [] };
  },
};
