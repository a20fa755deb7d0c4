// Which client a file belongs to, from its name and, where the name does not decide it (a pasted `settings.json`
// or `mcp.json`), from its shape: `context_servers` is Zed, `servers` VS Code, `httpUrl` Gemini CLI, and so on.
import type { McpClientFormat } from "../types";
import { CLIENT_FORMATS } from "./formats";
import { readJson } from "./jsonc";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";

function shapeOf(path: string, text: string): unknown {
  try {
    if (/\.toml$/i.test(path)) return parseToml(text);
    if (/\.ya?ml$/i.test(path)) return parseYaml(text);
    const json = readJson(text).doc?.value;
    if (json !== undefined) return json;
    // A pasted file without a telling name may be YAML or TOML.
    for (const p of [(t: string): unknown => parseToml(t), (t: string): unknown => parseYaml(t)]) {
      try {
        const v = p(text);
        if (v && typeof v === "object") return v;
      } catch {
        // try the next syntax
      }
    }
  } catch {
    // a broken file: only its name can decide
  }
  return undefined;
}

export function detectFormat(path: string, text: string): McpClientFormat | null {
  const doc = shapeOf(path, text);
  let best: { format: McpClientFormat; score: number } | null = null;
  for (const f of Object.values(CLIENT_FORMATS)) {
    const byPath = f.pathScore(path);
    const byShape = doc === undefined ? 0 : f.shapeScore(doc, text);
    // A name that is the client's own wins; otherwise the shape decides, the name only breaking ties.
    // A file that does not parse is told by its name alone (a .yaml is Continue's, a .toml Codex's), so its own
    // parser can report where it breaks.
    const score = byPath === 3 ? 100 + byShape : byShape > 0 ? byShape * 10 + byPath : doc === undefined && byPath === 2 ? 1 : 0;
    if (score > 0 && (!best || score > best.score)) best = { format: f.format, score };
  }
  return best?.format ?? null;
}
