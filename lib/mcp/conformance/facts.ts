// What the engine learns from a server before any check runs: the negotiated session, every list walked page by
// page, and the smoke call. The checks (./registry.ts) are pure functions of these facts.
import type { SmokeCall, ToolDefinition } from "../types";
import type { McpSession } from "./session";

/** One list method walked through its pages. */
export interface ListWalk {
  method: "tools/list" | "resources/list" | "resources/templates/list" | "prompts/list";
  /** The server advertised the capability this list belongs to (only advertised lists are asked for). */
  advertised: boolean;
  items: Record<string, unknown>[];
  pages: number;
  /** The request failed with a JSON-RPC error or an unusable answer. */
  error?: string;
  /** A cursor the server handed out a second time (the walk stopped there). */
  repeatedCursor?: string;
  /** The walk stopped at the page cap with a nextCursor still to follow. */
  capHit?: number;
}

export interface ServerFacts {
  session: Pick<McpSession, "transport" | "protocolVersion" | "server" | "capabilities" | "notes">;
  /** The revision asked for in initialize. */
  requestedVersion: string;
  tools: ListWalk;
  resources: ListWalk;
  resourceTemplates: ListWalk;
  prompts: ListWalk;
  /** The tools as definitions (those with a string name); malformed entries are reported by the tool checks. */
  toolDefinitions: ToolDefinition[];
  smoke?: SmokeCall & { result?: Record<string, unknown> };
}

/** A listed tool as a ToolDefinition, or null when it has no string name (nothing to key it by). */
export function toToolDefinition(item: Record<string, unknown>): ToolDefinition | null {
  if (typeof item.name !== "string") return null;
  const record = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const tool: ToolDefinition = { name: item.name, inputSchema: record(item.inputSchema) ?? {} };
  if (typeof item.title === "string") tool.title = item.title;
  if (typeof item.description === "string") tool.description = item.description;
  const output = record(item.outputSchema);
  if (output) tool.outputSchema = output;
  const annotations = record(item.annotations);
  if (annotations) tool.annotations = annotations;
  return tool;
}
