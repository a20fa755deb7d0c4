// The HTTP negotiation hook: how a session with an MCP server over HTTP is opened. Today plain streamable HTTP;
// the HTTP variants (legacy HTTP+SSE for "sse" targets or as a fallback, the 2026-07-28 `server/discover`
// handshake) belong here, each returning the same McpSession and noting a fallback in `session.notes`.
// Signature stable: lib/mcp/conformance/open.ts calls it for every "http" and "sse" target.
import { openStreamableHttpSession, type HttpTarget, type McpSession, type SessionContext } from "../session";

export function openHttpSession(target: HttpTarget, ctx: SessionContext): Promise<McpSession> {
  return openStreamableHttpSession(target, ctx);
}
