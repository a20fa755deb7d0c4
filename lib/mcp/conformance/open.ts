// Opens a session with any MCP target: stdio through the child transport, HTTP through the negotiation hook.
import type { McpTarget } from "../types";
import { openHttpSession } from "./http/open";
import { openStdioSession, type McpSession, type SessionContext } from "./session";

export function openSession(target: McpTarget, ctx: SessionContext): Promise<McpSession> {
  return target.transport === "stdio" ? openStdioSession(target, ctx) : openHttpSession(target, ctx);
}
