// What the CLI needs from the rest of Tether, as function types: the conformance runner (lib/mcp/conformance), the
// config detector and file reader (lib/mcp/import) and the tool-change classifier (lib/mcp/changes). The commands
// take them as parameters, so they are tested against real servers and real files without a Tether server, and
// `default-deps.ts` is the one place that binds them to the real modules.
import type { ConformanceReport, McpTarget, McpTransportKind, ToolChange, ToolDefinition } from "../mcp/types";

export interface RunOptions {
  /** Per-request timeout. */
  timeoutMs: number;
  /** Fires when the CLI is interrupted (Ctrl-C, SIGTERM): the run ends and any server process it started is stopped. */
  signal: AbortSignal;
}

export type ConformanceRunner = (target: McpTarget, options: RunOptions) => Promise<ConformanceReport>;

export type ToolChangeClassifier = (before: ToolDefinition[], after: ToolDefinition[]) => ToolChange[];

/** One server found in a client config, as the CLI shows and checks it. */
export interface FoundServer {
  name: string;
  /** The client whose config named it, e.g. "Claude Desktop", "VS Code". */
  client: string;
  /** Absolute path of the config file (the first, when the same server was in several). */
  file: string;
  line?: number;
  column?: number;
  /** Other files that named the same server (merged as a duplicate). */
  alsoIn: string[];
  transport: McpTransportKind | null;
  /** May hold {{secret.NAME}} placeholders, filled from the environment only when the CLI connects; null when it cannot be checked. */
  target: McpTarget | null;
  /** Names of the {{secret.NAME}} placeholders in its target, and where each came from ("environment variable X"). */
  secrets: { name: string; from: string }[];
  /** On a Tether deployment a stdio server needs TETHER_ALLOW_STDIO_MCP and an admin; the CLI needs neither. */
  needsStdioConsent: boolean;
  /** Why it cannot be checked (an unsupported shape, an invalid command); empty when it can. */
  problems: string[];
  warnings: string[];
  /**
   * Values the file itself holds for some placeholders (a literal credential, a ${VAR:-default}): used when the
   * environment does not set the name. Never printed or written: kept out of JSON.
   */
  readonly fileValues?: ReadonlyMap<string, string>;
}

export interface ConfigError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface FoundConfigs {
  servers: FoundServer[];
  /** Files whose syntax is broken: nothing was read from them. */
  errors: ConfigError[];
  /** Files read with something to know (not a config Tether knows, an entry skipped). */
  notes: ConfigError[];
}

/** Every client config under `dir` and in `home`. */
export type ConfigDetector = (where: { dir: string; home: string }) => Promise<FoundConfigs>;

/** One config file, whatever client wrote it. */
export type ConfigFileReader = (file: string, where: { dir: string; home: string }) => Promise<FoundConfigs>;

export interface CliDeps {
  runConformance: ConformanceRunner;
  classifyToolChanges: ToolChangeClassifier;
  detectConfigs: ConfigDetector;
  readConfigFile: ConfigFileReader;
  /** The rule ids a run checks, so JUnit lists passing rules too; the findings' own rules are always added. */
  rulesChecked: (report: ConformanceReport) => string[];
}
