// What the client-format modules hand to the preview: servers as their config file states them (variable references
// still in client syntax), where each was found, and the file's own problems. The preview turns these into targets.
import type { McpClientFormat } from "../types";

/** 1-based, as editors show them. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A file that could not be read as its client's config: the parser's message and where. */
export interface FileProblem extends Partial<SourcePosition> {
  message: string;
}

/** A server's transport and target exactly as the file gives it, or why it cannot be imported. */
export type RawSpec =
  | { transport: "stdio"; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { transport: "http" | "sse"; url: string; headers: Record<string, string> }
  | { transport: "unsupported"; problem: string };

export interface RawServer {
  name: string;
  spec: RawSpec;
  at?: SourcePosition;
  /** Where in the file, when a file has more than one list, e.g. `projects."/home/me/app".mcpServers`. */
  scope?: string;
  /** Things a person should know that do not stop the import (envFile not read, server disabled, ...). */
  warnings: string[];
  /** The client's own timeout for the server, when it states one. */
  timeoutMs?: number;
}

/** A VS Code input (`inputs`): what the editor would prompt for, so its description becomes the secret's hint. */
export interface InputDecl {
  id: string;
  type: string;
  description?: string;
  password: boolean;
}

export interface FormatParse {
  servers: RawServer[];
  inputs: InputDecl[];
  /** Set when the file's syntax is broken; no servers are read from it then. */
  error?: FileProblem;
  /** The file parsed but is not shaped like this client's config. */
  problems: FileProblem[];
  /** Whether bare `$NAME` references count (Gemini CLI expands them in env values). */
  bareDollar?: boolean;
}

export interface ClientFormat {
  format: McpClientFormat;
  label: string;
  /** How sure a path is this client's file: 0 not at all, 1 plausible by extension, 2 by name, 3 by name and folder. */
  pathScore(path: string): number;
  /** For files whose name does not decide it: does the parsed document look like this client's? Higher is surer. */
  shapeScore(doc: unknown, text: string): number;
  parse(text: string): FormatParse;
}
