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
  /** Absolute path of the config file. */
  file: string;
  transport: McpTransportKind;
  /** May hold {{secret.NAME}} placeholders; the CLI fills them from the environment only when it connects. */
  target: McpTarget;
  /** What the server needs on a Tether deployment, e.g. "TETHER_ALLOW_STDIO_MCP and an admin". */
  needs: string[];
  /** Names of the {{secret.NAME}} placeholders in its target. */
  secrets: string[];
  /** Other files that named the same server (merged as a duplicate). */
  alsoIn: string[];
}

export interface ConfigError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface FoundConfigs {
  servers: FoundServer[];
  errors: ConfigError[];
}

/** Every client config under `dir` and in `home`. */
export type ConfigDetector = (where: { dir: string; home: string }) => Promise<FoundConfigs>;

/** One config file, whatever client wrote it. */
export type ConfigFileReader = (file: string) => Promise<FoundConfigs>;

export interface CliDeps {
  runConformance: ConformanceRunner;
  classifyToolChanges: ToolChangeClassifier;
  detectConfigs: ConfigDetector;
  readConfigFile: ConfigFileReader;
  /** The rule ids a run checks, so JUnit lists passing rules too; the findings' own rules are always added. */
  rulesChecked: (report: ConformanceReport) => string[];
}
