// The shared vocabulary of Tether's MCP features (issue #13): servers found in client configs (./import), the
// conformance checks run against a server (./conformance), and the classification of tool changes between runs
// (./changes). The probe kind (lib/probes/mcp) and the CLI (lib/cli) use these; each folder owns its own logic.

/** How a server is reached. "sse" is the legacy HTTP+SSE transport (protocol 2024-11-05). */
export type McpTransportKind = "stdio" | "http" | "sse";

/** A server to connect to: what an import produces and what a check takes. Values may hold {{secret.NAME}}. */
export type McpTarget =
  | { transport: "stdio"; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { transport: "http" | "sse"; url: string; headers: Record<string, string> };

export type FindingSeverity = "error" | "warning" | "info";

/** One result of a conformance check: a rule broken (or a fact worth knowing), with where and what was seen. */
export interface Finding {
  /** Stable rule id, kebab-case, e.g. "tool-name-invalid", "output-schema-mismatch", "origin-not-checked". */
  rule: string;
  severity: FindingSeverity;
  /** One sentence for a person: what is wrong and, where it helps, what to do. */
  message: string;
  /** What it is about, e.g. "tool search", "resources/list", "GET /.well-known/oauth-protected-resource". */
  subject?: string;
  /** Short evidence: the value seen, the schema error, the status code. Never a secret. */
  detail?: string;
}

/** A tool as listed by tools/list, kept whole so changes can be classified. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** What one conformance run learned about a server. */
export interface ConformanceReport {
  /** False when no session could be set up (could not connect, start, or negotiate); `failure` says why. */
  connected: boolean;
  failure?: { errorClass: string; message: string; retryable?: boolean };
  /** Set when the session broke off after it was set up (timeout, connection lost): what was learned before stays. */
  broken?: { errorClass: string; message: string; retryable?: boolean };
  transport: McpTransportKind;
  /** The negotiated protocol revision, e.g. "2025-06-18"; "2026-07-28" when reached through server/discover. */
  protocolVersion?: string;
  server?: { name?: string; version?: string };
  capabilities?: Record<string, unknown>;
  tools: ToolDefinition[];
  resources?: { uri: string; name?: string }[];
  resourceTemplates?: { uriTemplate: string; name?: string }[];
  prompts?: { name: string }[];
  findings: Finding[];
  /** The smoke call's outcome, when one was asked for. */
  smoke?: SmokeCall;
  durationMs: number;
}

/** One tools/call made as a smoke test. */
export interface SmokeCall {
  tool: string;
  /** False when the server does not list the tool (then nothing was called). */
  offered: boolean;
  /** The call's result said isError: true. */
  isError?: boolean;
  /** A JSON-RPC error answered instead of a result (bad arguments, a tool that threw). */
  error?: string;
  /** A short readable excerpt of the result: its text content, else its structured content as JSON. */
  excerpt?: string;
}

/** How a change between two tool lists affects a client built against the older one. */
export type ChangeImpact = "breaking" | "additive" | "cosmetic";

export interface ToolChange {
  impact: ChangeImpact;
  tool: string;
  /** E.g. "tool removed", "property query newly required", "enum of mode narrowed (removed: fast)". */
  what: string;
  /** JSON pointer into the tool definition, e.g. "/inputSchema/properties/query". */
  pointer?: string;
}

/** The MCP clients whose config files an import reads (lib/mcp/import/formats, one module each). */
export const MCP_CLIENT_FORMATS = ["claude-desktop", "claude-code", "vscode", "cursor", "windsurf", "zed", "continue", "gemini", "codex"] as const;
export type McpClientFormat = (typeof MCP_CLIENT_FORMATS)[number];
