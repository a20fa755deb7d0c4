// Codex: ~/.codex/config.toml and .codex/config.toml, `[mcp_servers.<name>]` with `command, args, env` (plus
// `env_vars`, names passed through from the environment) or `url` with `bearer_token_env_var`, `http_headers` and
// `env_http_headers` (header name to an environment variable). Parsed with smol-toml, whose errors carry line and
// column. Environment references become ${NAME}, so the preview turns them into secrets like every other form.
import { parse, TomlError } from "smol-toml";
import type { ClientFormat, FormatParse, RawServer, RawSpec } from "../model";
import { isObject, slashed, stringList, stringMap } from "../jsonc";
import { positionAt } from "../positions";

function readCodexEntry(e: Record<string, unknown>): RawSpec {
  if (typeof e.command === "string" && e.command.trim()) {
    const env = stringMap(e.env);
    for (const name of stringList(e.env_vars)) env[name] ??= `\${${name}}`;
    return { transport: "stdio", command: e.command.trim(), args: stringList(e.args), env, ...(typeof e.cwd === "string" ? { cwd: e.cwd } : {}) };
  }
  if (typeof e.url === "string" && e.url.trim()) {
    const headers = stringMap(e.http_headers);
    for (const [name, variable] of Object.entries(stringMap(e.env_http_headers))) headers[name] = `\${${variable}}`;
    if (typeof e.bearer_token_env_var === "string" && e.bearer_token_env_var) headers.Authorization = `Bearer \${${e.bearer_token_env_var}}`;
    return { transport: "http", url: e.url.trim(), headers };
  }
  return { transport: "unsupported", problem: "Neither a command nor a url is given" };
}

/** The line a `[mcp_servers.<name>]` table starts on (TOML values carry no positions). */
function tableAt(text: string, name: string): { line: number; column: number } | undefined {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`^\\s*\\[\\s*mcp_servers\\s*\\.\\s*(?:"${quoted}"|'${quoted}'|${quoted})\\s*\\]`, "m").exec(text);
  return m ? positionAt(text, m.index + (m[0].length - m[0].trimStart().length)) : undefined;
}

export const codex: ClientFormat = {
  format: "codex",
  label: "Codex",
  pathScore: (p) => (/(^|\/)\.codex\/config\.toml$/.test(slashed(p)) ? 3 : p.endsWith(".toml") ? 2 : 0),
  shapeScore: (doc) => (isObject(doc) && isObject(doc.mcp_servers) ? 3 : 0),
  parse(text): FormatParse {
    let value: Record<string, unknown>;
    try {
      value = parse(text);
    } catch (err) {
      if (err instanceof TomlError) {
        const reason = err.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
        return {
          servers: [],
          inputs: [],
          error: { line: err.line, column: err.column, message: `Not valid TOML at line ${err.line}, column ${err.column}: ${reason}` },
          problems: [],
        };
      }
      throw err;
    }
    if (!isObject(value.mcp_servers)) return { servers: [], inputs: [], problems: [{ message: "No [mcp_servers.<name>] tables in this file" }] };
    const servers: RawServer[] = Object.entries(value.mcp_servers).map(([name, e]) => ({
      name,
      spec: isObject(e) ? readCodexEntry(e) : { transport: "unsupported", problem: "Not a table" },
      at: tableAt(text, name),
      warnings: isObject(e) && e.enabled === false ? ["Disabled in the client's config"] : [],
      ...(isObject(e) && typeof e.tool_timeout_sec === "number" ? { timeoutMs: e.tool_timeout_sec * 1000 } : {}),
    }));
    return { servers, inputs: [], problems: [] };
  },
};
