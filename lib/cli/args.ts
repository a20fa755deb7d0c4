// The command line, parsed into one plain value per invocation (commander underneath). Parsing decides nothing
// else: it never reads a file or the environment, so every usage error is a UsageError before any work starts.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../../package.json";
import { FAIL_ON, type FailOn } from "./exit-codes";
import { registerConfigCommands, type ConfigArgs } from "./config/args";

export class UsageError extends Error {
  override name = "UsageError";
}

/** Which server(s) to check: a URL, a command after `--`, or a client config file. */
export type CheckTarget = { kind: "url"; url: string } | { kind: "command"; command: string; args: string[] } | { kind: "file"; path: string };

/** `--env NAME=value`, or `--env NAME` to pass the variable on from this process's environment. */
export interface EnvArg {
  name: string;
  value?: string;
}

export interface CheckArgs {
  target: CheckTarget;
  servers: string[];
  json: boolean;
  junit?: string;
  baseline?: string;
  failOn: FailOn;
  timeoutMs: number;
  headers: { name: string; value: string }[];
  env: EnvArg[];
  transport: "http" | "sse";
}

export interface ProbeArgs {
  name: string;
  json: boolean;
}

export const STATUS_FAIL_ON = ["down", "degraded"] as const;
export type StatusFailOn = (typeof STATUS_FAIL_ON)[number];

export interface StatusArgs {
  json: boolean;
  failOn: StatusFailOn;
  /** Only integrations carrying every one of these tags. */
  tags: string[];
}

export interface DetectArgs {
  dir?: string;
  home?: string;
  json: boolean;
}

export type Invocation =
  | { kind: "detect"; args: DetectArgs }
  | { kind: "check"; args: CheckArgs }
  | { kind: "config"; args: ConfigArgs }
  | { kind: "probe"; args: ProbeArgs }
  | { kind: "status"; args: StatusArgs }
  | { kind: "serve" }
  /** Help or version was asked for (or implied): print `output` to stdout (code 0) or stderr (code 3). */
  | { kind: "print"; output: string; exitCode: 0 | 3 };

export const DEFAULT_TIMEOUT_MS = 30_000;

const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** "30" (seconds), "500ms", "10s", "2m". */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`"${text}" is not a duration; use seconds (30) or a unit (500ms, 10s, 2m)`);
  const n = Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "m" ? 60_000 : 1_000);
  if (n < 1 || n > 3_600_000) throw new InvalidArgumentError(`"${text}" is out of range (1ms to 60m)`);
  return Math.round(n);
}

function parseHeader(text: string, previous: CheckArgs["headers"] = []): CheckArgs["headers"] {
  const m = HEADER.exec(text);
  if (!m) throw new InvalidArgumentError(`"${text}" is not a header; write it as "Name: value"`);
  return [...previous, { name: m[1]!, value: m[2]!.trim() }];
}

function parseEnv(text: string, previous: EnvArg[] = []): EnvArg[] {
  const eq = text.indexOf("=");
  const name = eq === -1 ? text : text.slice(0, eq);
  if (!ENV_NAME.test(name)) throw new InvalidArgumentError(`"${text}" is not NAME=value (or NAME to pass it on from this environment)`);
  return [...previous, eq === -1 ? { name } : { name, value: text.slice(eq + 1) }];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const CHECK_HELP = `
Targets:
  tether mcp check https://mcp.example.com/mcp --header "Authorization: Bearer $TOKEN"
  tether mcp check --env API_KEY -- npx -y @modelcontextprotocol/server-everything
  tether mcp check .mcp.json --server github       (any client config: Claude, VS Code, Cursor, ...)

A command after -- runs on this machine as a stdio MCP server: the CLI allows stdio
(TETHER_ALLOW_STDIO_MCP only governs a Tether deployment). Like an MCP client, it passes on
HOME, LOGNAME, PATH, SHELL, TERM and USER, plus the variables given with --env.
URLs may be on localhost or a private network.
In a config file, {{secret.NAME}} and \${VAR} references are filled from this process's
environment when the server is started or called; nothing is written with their values.

--baseline FILE saves the tool list when FILE does not exist; later runs compare against it and
fail on breaking changes (additive and cosmetic changes are reported). Commit the file.

Exit codes: 0 passed, 1 findings at or above --fail-on or breaking changes,
            2 a server could not be reached or started, 3 bad usage.`;

const DETECT_HELP = `
Looks for MCP client configs (Claude Desktop, Claude Code, VS Code, Cursor, Windsurf, Zed,
Continue, Gemini CLI, Codex) under DIR (default: the current directory) and in the home directory.
Variable references are shown as {{secret.NAME}}; no value is printed.

Exit codes: 0 done, 1 a config file could not be parsed, 3 bad usage.`;

const API_HELP = `
Talks to a Tether server: TETHER_URL (default http://localhost:3000) and TETHER_TOKEN
(an API token from Settings → API tokens).`;

const PROBE_HELP = `${API_HELP} Probing needs an editor token.

Exit codes: 0 the run passed, 1 the run failed, 2 the server could not be reached or refused
            the token, 3 bad usage (no such integration, TETHER_TOKEN not set).`;

const STATUS_HELP = `${API_HELP}

Exit codes: 0 nothing down, 1 an enabled integration is down (or degraded, with --fail-on
            degraded), 2 the server could not be reached or refused the token, 3 bad usage.`;

const SERVE_HELP = `${API_HELP}

Speaks MCP over stdin/stdout and relays every message to Tether's MCP server at
TETHER_URL/api/mcp: for editors that only start local commands. The tools and the roles
they need are the server's. Logs go to stderr. Ends when stdin closes.`;

function build(capture: (inv: Invocation) => void, out: { text: string }, commandAfterDashes: string[] | undefined): Command {
  const program = new Command("tether")
    .description("Tether: integration health checks. `tether mcp` checks MCP servers without a Tether server.")
    .version(packageJson.version, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out.text += s), writeErr: (s) => (out.text += s), outputError: () => undefined })
    .showSuggestionAfterError(true);

  program
    .command("probe")
    .description("probe an integration now on the Tether server and print the run's whole trace")
    .argument("<name>", "the integration's name (or id)")
    .option("--json", "print the run as JSON")
    .addHelpText("after", PROBE_HELP)
    .action((name: string, opts: { json?: boolean }) => capture({ kind: "probe", args: { name, json: opts.json === true } }));

  program
    .command("status")
    .description("every integration's health and the open incidents; exits 1 when any is down (a CI gate)")
    .option("--json", "print the overview as JSON")
    .option("--tag <tag>", "only integrations with this tag (repeatable: all must match)", collect)
    .addOption(new Option("--fail-on <health>", "lowest health that fails").choices([...STATUS_FAIL_ON]).default("down"))
    .addHelpText("after", STATUS_HELP)
    .action((opts: { json?: boolean; tag?: string[]; failOn: StatusArgs["failOn"] }) =>
      capture({ kind: "status", args: { json: opts.json === true, failOn: opts.failOn, tags: opts.tag ?? [] } }),
    );

  const mcp = program.command("mcp").description("find and check MCP servers, or serve Tether's own over stdio");

  mcp
    .command("serve")
    .description("a stdio MCP server relaying to Tether's own MCP server (TETHER_URL/api/mcp)")
    .addHelpText("after", SERVE_HELP)
    .action(() => capture({ kind: "serve" }));

  mcp
    .command("detect")
    .description("list the MCP servers named in client configs under DIR and in the home directory")
    .argument("[dir]", "where to look for project configs (default: current directory)")
    .option("--home <dir>", "the home directory to read user configs from (default: yours)")
    .option("--json", "print the servers and parse errors as JSON")
    .addHelpText("after", DETECT_HELP)
    .action((dir: string | undefined, opts: { home?: string; json?: boolean }) => {
      capture({ kind: "detect", args: { dir, home: opts.home, json: opts.json === true } });
    });

  mcp
    .command("check")
    .description("connect to MCP server(s), run Tether's conformance checks once, and report")
    .argument("[target]", "a URL (streamable HTTP), or a client config file; or `-- command args` for stdio")
    .option("--server <name>", "in a config file, check only this server (repeatable)", collect)
    .option("--json", "print the reports as JSON instead of text")
    .option("--junit <file>", "also write a JUnit XML report (one testsuite per server, a testcase per rule)")
    .option("--baseline <file>", "save the tool list to FILE, or compare with it and fail on breaking changes")
    .addOption(new Option("--fail-on <severity>", "lowest finding severity that fails the check").choices([...FAIL_ON]).default("error"))
    .addOption(new Option("--timeout <duration>", "per-request timeout: seconds or 500ms/10s/2m").argParser(parseDuration).default(DEFAULT_TIMEOUT_MS, "30s"))
    .option("--header <header>", 'HTTP header "Name: value" for URL servers (repeatable)', parseHeader)
    .option("--env <NAME=value>", "environment variable for stdio servers; NAME alone passes this one on (repeatable)", parseEnv)
    .addOption(new Option("--transport <kind>", "for a URL: streamable HTTP or the legacy HTTP+SSE").choices(["http", "sse"]).default("http"))
    .addHelpText("after", CHECK_HELP)
    .action((target: string | undefined, opts: Record<string, unknown>) => {
      capture({ kind: "check", args: checkArgs(target, opts, commandAfterDashes) });
    });

  registerConfigCommands(program, (args) => capture({ kind: "config", args }));

  return program;
}

function checkArgs(target: string | undefined, opts: Record<string, unknown>, command: string[] | undefined): CheckArgs {
  let resolved: CheckTarget;
  if (command !== undefined) {
    if (target !== undefined) throw new UsageError(`give either a target (${target}) or a command after --, not both`);
    if (command.length === 0) throw new UsageError("no command after --");
    resolved = { kind: "command", command: command[0]!, args: command.slice(1) };
  } else if (target === undefined) {
    throw new UsageError("missing target: a URL, a config file, or -- command args");
  } else if (/^https?:\/\//i.test(target)) {
    try {
      resolved = { kind: "url", url: new URL(target).href };
    } catch {
      throw new UsageError(`"${target}" is not a valid URL`);
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new UsageError(`"${target}": only http:// and https:// URLs are supported`);
  } else {
    resolved = { kind: "file", path: target };
  }
  const args: CheckArgs = {
    target: resolved,
    servers: (opts.server as string[] | undefined) ?? [],
    json: opts.json === true,
    junit: opts.junit as string | undefined,
    baseline: opts.baseline as string | undefined,
    failOn: opts.failOn as FailOn,
    timeoutMs: opts.timeout as number,
    headers: (opts.header as CheckArgs["headers"] | undefined) ?? [],
    env: (opts.env as EnvArg[] | undefined) ?? [],
    transport: opts.transport as "http" | "sse",
  };
  if (resolved.kind === "url" && args.env.length > 0) throw new UsageError("--env is for stdio servers; a URL takes --header");
  if (resolved.kind === "command" && args.headers.length > 0) throw new UsageError("--header is for URL servers; a command takes --env");
  if (resolved.kind !== "file" && args.servers.length > 0) throw new UsageError("--server picks servers from a config file");
  return args;
}

/** Parses argv (without node and the script). Throws UsageError with a one-line message for any bad usage. */
export function parseCommandLine(argv: string[]): Invocation {
  const dashes = argv.indexOf("--");
  const before = dashes === -1 ? argv : argv.slice(0, dashes);
  const after = dashes === -1 ? undefined : argv.slice(dashes + 1);
  let invocation: Invocation | undefined;
  const out = { text: "" };
  const program = build((inv) => (invocation = inv), out, after);
  try {
    program.parse(before, { from: "user" });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (!(err instanceof CommanderError)) throw err;
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return { kind: "print", output: out.text, exitCode: 0 };
    // No subcommand given: commander prints the help on stderr; that is a usage error.
    if (err.code === "commander.help") return { kind: "print", output: out.text, exitCode: 3 };
    throw new UsageError(
      err.message
        .replace(/^error:\s*/, "")
        .replace(/\n+/g, " ")
        .trim(),
    );
  }
  if (!invocation) throw new UsageError("nothing to do; see tether --help");
  if (after !== undefined && invocation.kind !== "check") throw new UsageError("a command after -- is only for tether mcp check");
  return invocation;
}
