// Turns `tether mcp check`'s target into the servers to check: one for a URL or a command, every server of a
// client config file (or those picked with --server). --header goes to HTTP servers and --env to stdio ones;
// variable references are filled from the environment here, at the last moment, and nowhere else.
import { access, constants } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_INHERITED_ENV_VARS } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { McpTarget } from "../mcp/types";
import { SecretValue } from "../secrets/secret-value";
import { UsageError, type CheckArgs } from "./args";
import { printableTarget, describeTarget, type PrintableTarget } from "./check-result";
import type { ConfigFileReader } from "./contracts";
import { fillFromEnvironment } from "./variables";

export interface ServerToCheck {
  name: string;
  printable: PrintableTarget;
  /** Ready to connect: variables filled. Never printed. */
  target: McpTarget;
  used: Map<string, SecretValue>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What an MCP client hands every stdio server it starts (the SDK's list: HOME, LOGNAME, PATH, SHELL, TERM, USER),
 * so a server behaves as it does in the user's editor. Only a Tether worker isolates its children further.
 */
function inherited(env: Env): Record<string, string> {
  return Object.fromEntries(DEFAULT_INHERITED_ENV_VARS.flatMap((name) => (env[name] && !env[name]!.startsWith("()") ? [[name, env[name]!]] : [])));
}

function withArgs(target: McpTarget, args: CheckArgs, env: Env, inherit = true): McpTarget {
  if (target.transport === "stdio") {
    const extra: Record<string, string> = {};
    for (const e of args.env) {
      const value = e.value ?? env[e.name];
      if (value === undefined) throw new UsageError(`--env ${e.name}: ${e.name} is not set in this environment`);
      extra[e.name] = value;
    }
    return { ...target, env: { ...(inherit ? inherited(env) : {}), ...target.env, ...extra } };
  }
  return { ...target, headers: { ...target.headers, ...Object.fromEntries(args.headers.map((h) => [h.name, h.value])) } };
}

interface Configured {
  name: string;
  target: McpTarget;
  fileValues?: ReadonlyMap<string, string>;
}

async function fromFile(
  file: string,
  args: CheckArgs,
  io: { cwd: string; home: string; stderr: (t: string) => void },
  read: ConfigFileReader,
): Promise<Configured[]> {
  const cwd = io.cwd;
  const abs = path.resolve(cwd, file);
  try {
    await access(abs, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}${code === "ENOENT" ? ": no such file" : code ? ` (${code})` : ""}`);
  }
  const found = await read(abs, { dir: cwd, home: io.home });
  const where = (e: { file: string; line?: number; column?: number }) =>
    [path.relative(cwd, e.file) || e.file, e.line, e.column].filter((p) => p !== undefined).join(":");
  const broken = found.errors[0];
  if (broken) throw new UsageError(`${where(broken)}: ${broken.message}`);
  if (found.servers.length === 0) {
    const note = found.notes[0];
    throw new UsageError(note ? `${where(note)}: ${note.message}` : `${file} names no MCP servers`);
  }
  const known = new Set(found.servers.map((s) => s.name));
  const unknown = args.servers.filter((s) => !known.has(s));
  if (unknown.length > 0) throw new UsageError(`${file} has no server named ${unknown.join(", ")} (it has ${[...known].join(", ")})`);
  const picked = args.servers.length === 0 ? found.servers : found.servers.filter((s) => args.servers.includes(s.name));
  const out: Configured[] = [];
  for (const s of picked) {
    if (s.target) out.push({ name: s.name, target: s.target, fileValues: s.fileValues });
    // A server picked by name must be checked; one of many that cannot be is said on stderr and left out.
    else if (args.servers.length > 0) throw new UsageError(`server ${s.name} cannot be checked: ${s.problems.join("; ")}`);
    else io.stderr(`tether: skipping server ${s.name}: ${s.problems.join("; ")}\n`);
  }
  if (out.length === 0) throw new UsageError(`no server in ${file} can be checked`);
  return out;
}

export async function serversToCheck(
  args: CheckArgs,
  io: { cwd: string; home: string; env: Env; stderr: (t: string) => void },
  read: ConfigFileReader,
): Promise<ServerToCheck[]> {
  const t = args.target;
  let configured: Configured[];
  if (t.kind === "url") configured = [{ name: "", target: { transport: args.transport, url: t.url, headers: {} } }];
  else if (t.kind === "command") configured = [{ name: "", target: { transport: "stdio", command: t.command, args: t.args, env: {} } }];
  else configured = await fromFile(t.path, args, io, read);

  if (t.kind === "file") {
    const transports = new Set(configured.map((c) => c.target.transport));
    if (args.headers.length > 0 && !transports.has("http") && !transports.has("sse")) throw new UsageError("--header is for URL servers; none was picked");
    if (args.env.length > 0 && !transports.has("stdio")) throw new UsageError("--env is for stdio servers; none was picked");
  }

  return configured.map(({ name, target, fileValues }) => {
    const withAll = withArgs(target, args, io.env);
    // Printed from the target as configured (placeholders, not values) with the names the flags added.
    const printable = printableTarget(withArgs(target, args, io.env, false));
    const display = name || describeTarget(printable);
    const filled = fillFromEnvironment(withAll, io.env, display, fileValues);
    // Values given on the command line count as secrets too: a server that echoes a token must not print it.
    for (const h of args.headers) filled.used.set(`header ${h.name}`, new SecretValue(h.value));
    for (const e of args.env) filled.used.set(`env ${e.name}`, new SecretValue(e.value ?? io.env[e.name] ?? ""));
    return { name: display, printable, target: filled.target, used: filled.used };
  });
}
