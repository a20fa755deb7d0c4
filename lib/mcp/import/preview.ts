// The import preview, pure: files in (pasted, uploaded or read from disk), servers out, each with its client(s),
// transport, target with {{secret.NAME}} placeholders, the secrets to fill and what it needs (stdio: the
// deployment's consent and an admin). The same server in two files (same command and args, or the same URL) is one
// entry listing every place it was found. A broken file is reported with line and column; the others still import.
import { mcpConfigSchema, type McpConfig } from "../../probes/mcp/config";
import { stdioGate } from "../../probes/mcp/stdio-gate";
import type { McpClientFormat, McpTarget, McpTransportKind } from "../types";
import { MCP_CLIENT_FORMATS } from "../types";
import { detectFormat } from "./detect-format";
import { CLIENT_FORMATS } from "./formats";
import { readJson } from "./jsonc";
import type { FileProblem, InputDecl, RawServer } from "./model";
import { SecretCollector, translateValue, type SecretToFill, type VariableContext } from "./variables";
import { referencedSecrets } from "../../secrets/placeholders";
import { parse as parseToml, TomlError } from "smol-toml";
import { parseDocument } from "yaml";

export type { SecretToFill } from "./variables";
export type { FileProblem } from "./model";

export interface ImportFile {
  /** The file's name or path; it helps tell the client apart (".cursor/mcp.json"). */
  name: string;
  content: string;
  /** Which client wrote it, when the caller knows; detected from the name and shape otherwise. */
  format?: McpClientFormat;
}

export interface FoundAt {
  file: string;
  client: McpClientFormat;
  /** The server's name in that file. */
  name: string;
  line?: number;
  column?: number;
  scope?: string;
}

export interface PreviewServer {
  /** Stable for the same server in the same files: what an import request names to choose it. */
  key: string;
  name: string;
  transport: McpTransportKind | null;
  /** With {{secret.NAME}} where the file had a variable or a literal credential; null when it cannot be imported. */
  target: McpTarget | null;
  /** The MCP check's config as it would be stored (headers as a list). */
  config: McpConfig | null;
  foundIn: FoundAt[];
  secrets: SecretToFill[];
  needs: { stdio: boolean; secrets: string[] };
  /** Why it cannot be imported here (unsupported shape, stdio not allowed, invalid command); empty when it can. */
  problems: string[];
  warnings: string[];
  importable: boolean;
  /** Integration timeout derived from the client's own, when it states one. */
  timeoutMs?: number;
}

export interface FileReport {
  name: string;
  client: McpClientFormat | null;
  servers: number;
  /** The file's syntax is broken: nothing was read from it. */
  error?: FileProblem;
  problems: FileProblem[];
}

export interface ImportPreview {
  files: FileReport[];
  servers: PreviewServer[];
}

export interface PreviewOptions {
  /** The project directory, to resolve ${workspaceFolder}; unknown for pasted files. */
  dir?: string;
  home?: string;
  /** Whether the caller is an admin and the deployment's environment (TETHER_ALLOW_STDIO_MCP), for the stdio gate. */
  admin: boolean;
  env?: Record<string, string | undefined>;
}

/** FNV-1a, 53 bits: a short stable key that does not repeat the target's text. */
function hashKey(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** What makes two servers the same one: the command and its arguments, or the URL. */
export function targetIdentity(target: McpTarget): string {
  if (target.transport === "stdio") return JSON.stringify(["stdio", target.command, target.args]);
  let url = target.url;
  try {
    url = new URL(target.url).href.replace(/\/$/, "");
  } catch {
    // compared as written
  }
  return JSON.stringify(["url", url]);
}

function translate(raw: RawServer, ctx: VariableContext): { target: McpTarget | null; secrets: SecretToFill[]; warnings: string[] } {
  const warnings = [...raw.warnings];
  const secrets = new SecretCollector();
  const spec = raw.spec;
  if (spec.transport === "unsupported") return { target: null, secrets: [], warnings };
  const t = (v: string, literal?: { what: "env" | "header"; key: string }) => translateValue(v, ctx, secrets, warnings, literal);
  if (spec.transport === "stdio") {
    const env = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, t(v, { what: "env", key: k })]));
    if (spec.cwd) warnings.push(`The client starts it in ${spec.cwd}; Tether starts it in the worker's directory`);
    return { target: { transport: "stdio", command: t(spec.command), args: spec.args.map((a) => t(a)), env }, secrets: secrets.secrets, warnings };
  }
  const headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, t(v, { what: "header", key: k })]));
  return { target: { transport: spec.transport, url: t(spec.url), headers }, secrets: secrets.secrets, warnings };
}

/** The MCP check's config for a target; the schema decides what this Tether can check (e.g. whether legacy SSE is). */
function configOf(target: McpTarget): { config: McpConfig | null; problems: string[] } {
  const input =
    target.transport === "stdio"
      ? { transport: "stdio", command: target.command, args: target.args, env: target.env }
      : { transport: target.transport, url: target.url, headers: Object.entries(target.headers).map(([name, value]) => ({ name, value })) };
  const parsed = mcpConfigSchema.safeParse(input);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { config: null, problems: parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`) };
}

function syntaxError(name: string, text: string): FileProblem | undefined {
  if (/\.toml$/i.test(name)) {
    try {
      parseToml(text);
    } catch (err) {
      if (err instanceof TomlError) return { line: err.line, column: err.column, message: `Not valid TOML at line ${err.line}, column ${err.column}` };
    }
    return undefined;
  }
  if (/\.ya?ml$/i.test(name)) {
    const pos = parseDocument(text).errors[0]?.linePos?.[0];
    return pos ? { line: pos.line, column: pos.col, message: `Not valid YAML at line ${pos.line}, column ${pos.col}` } : undefined;
  }
  // JSON only when it looks like JSON: a stray text file is "not known", not "broken JSON".
  return /\.jsonc?$/i.test(name) || /^\s*(\{|\/\/|\/\*)/.test(text) ? readJson(text).error : undefined;
}

export function previewImport(files: ImportFile[], opts: PreviewOptions): ImportPreview {
  const reports: FileReport[] = [];
  const servers: PreviewServer[] = [];
  const byIdentity = new Map<string, PreviewServer>();
  for (const file of files) {
    const client = file.format ?? detectFormat(file.name, file.content);
    if (!client) {
      const error = syntaxError(file.name, file.content);
      reports.push({
        name: file.name,
        client: null,
        servers: 0,
        ...(error ? { error } : {}),
        problems: error ? [] : [{ message: `Not an MCP config Tether knows (${MCP_CLIENT_FORMATS.join(", ")})` }],
      });
      continue;
    }
    const parsed = CLIENT_FORMATS[client].parse(file.content);
    reports.push({ name: file.name, client, servers: parsed.servers.length, ...(parsed.error ? { error: parsed.error } : {}), problems: parsed.problems });
    const ctx: VariableContext = {
      inputs: new Map(parsed.inputs.map((i: InputDecl) => [i.id, i])),
      dir: opts.dir,
      home: opts.home,
      bareDollar: parsed.bareDollar,
    };
    for (const raw of parsed.servers) {
      const at: FoundAt = { file: file.name, client, name: raw.name, ...(raw.at ?? {}), ...(raw.scope ? { scope: raw.scope } : {}) };
      const { target, secrets, warnings } = translate(raw, ctx);
      if (!target) {
        const problem = raw.spec.transport === "unsupported" ? raw.spec.problem : "Not supported";
        servers.push({
          key: hashKey(JSON.stringify(["unsupported", file.name, raw.scope ?? "", raw.name])),
          name: raw.name,
          transport: null,
          target: null,
          config: null,
          foundIn: [at],
          secrets: [],
          needs: { stdio: false, secrets: [] },
          problems: [problem],
          warnings,
          importable: false,
        });
        continue;
      }
      const identity = targetIdentity(target);
      const same = byIdentity.get(identity);
      if (same) {
        mergeInto(same, at, target, secrets, warnings);
        continue;
      }
      const { config, problems } = configOf(target);
      const refusal = config ? stdioGate(config, { admin: opts.admin }, opts.env ?? {}) : null;
      if (refusal) problems.push(refusal.message);
      const server: PreviewServer = {
        key: hashKey(identity),
        name: raw.name,
        transport: target.transport,
        target,
        config,
        foundIn: [at],
        secrets,
        needs: { stdio: target.transport === "stdio", secrets: secrets.map((s) => s.name) },
        problems,
        warnings,
        importable: problems.length === 0,
        ...(raw.timeoutMs ? { timeoutMs: raw.timeoutMs } : {}),
      };
      byIdentity.set(identity, server);
      servers.push(server);
    }
  }
  return { files: reports, servers };
}

/** A duplicate adds its place, and any env, header or secret the first did not have. */
function mergeInto(server: PreviewServer, at: FoundAt, target: McpTarget, secrets: SecretToFill[], warnings: string[]): void {
  server.foundIn.push(at);
  for (const s of secrets) {
    const known = server.secrets.find((x) => x.name === s.name);
    if (!known) server.secrets.push(s);
    else if (known.found === undefined && s.found !== undefined) known.found = s.found;
  }
  for (const w of warnings) if (!server.warnings.includes(w)) server.warnings.push(w);
  if (!server.target || !server.config) return;
  if (target.transport === "stdio" && server.target.transport === "stdio" && server.config.transport === "stdio") {
    for (const [k, v] of Object.entries(target.env)) if (!(k in server.target.env)) server.target.env[k] = server.config.env[k] = v;
  } else if (target.transport !== "stdio" && server.target.transport !== "stdio" && server.config.transport !== "stdio") {
    for (const [k, v] of Object.entries(target.headers)) {
      if (k in server.target.headers) continue;
      server.target.headers[k] = v;
      server.config.headers.push({ name: k, value: v });
    }
  }
  // Only what the merged target uses: a duplicate's own header for a key the first already had is not asked for.
  const used = new Set(referencedSecrets(JSON.stringify(server.target)));
  server.secrets = server.secrets.filter((s) => used.has(s.name));
  server.needs.secrets = server.secrets.map((s) => s.name);
}
