// How a session with an MCP server over HTTP is opened, in the order the 2026-07-28 spec's backward-compatibility
// rules give a dual-era client: `server/discover` (stateless, revision 2026-07-28); on a 4xx that is not a modern
// error, streamable HTTP `initialize` (2025-03-26 .. 2025-11-25); when that POST fails with 400, 404 or 405, the
// legacy HTTP+SSE transport of 2024-11-05 (GET expecting an `endpoint` event). An "sse" target (a client config
// that says so) goes to HTTP+SSE directly. The session's transport and protocolVersion record which was used.
import { SSEClientTransport, SseError } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  connectSdkSession,
  guardedFetch,
  openStreamableHttpSession,
  SessionOpenError,
  type HttpTarget,
  type McpSession,
  type SessionContext,
} from "../session";
import { DISCOVER_REVISION } from "../protocol";
import { tryModernSession } from "./modern-session";
import { httpFinding } from "./rules";
import type { WireEnv } from "./wire";

/** Statuses on which the spec's fallback from streamable HTTP to HTTP+SSE applies. */
const SSE_FALLBACK_STATUSES = new Set([400, 404, 405]);

function sseFailure(err: SessionOpenError): SessionOpenError {
  const cause = err.cause;
  if (!(cause instanceof SseError) || cause.code === undefined) return err;
  const status = cause.code;
  if (status === 401 || status === 403)
    return new SessionOpenError(
      { errorClass: "auth", message: `The SSE endpoint refused the request (HTTP ${status}); check the credentials in the headers`, retryable: false },
      { cause },
    );
  return new SessionOpenError({ errorClass: "http_status", message: `The SSE endpoint answered HTTP ${status}`, retryable: status >= 500 }, { cause });
}

export async function openLegacySseSession(target: HttpTarget, ctx: SessionContext, fallbackFrom?: string): Promise<McpSession> {
  const transport = new SSEClientTransport(new URL(target.url), { fetch: guardedFetch(ctx.outbound), requestInit: { headers: target.headers } });
  const note = httpFinding(
    "legacy-sse-transport",
    "The server speaks only the HTTP+SSE transport of 2024-11-05, deprecated since 2025-03-26; move it to streamable HTTP.",
    { subject: "transport", detail: fallbackFrom ? `streamable HTTP POST answered ${fallbackFrom}` : "configured as sse" },
  );
  try {
    return await connectSdkSession(transport, ctx, { kind: "sse", notes: [note] });
  } catch (err) {
    throw err instanceof SessionOpenError ? sseFailure(err) : err;
  }
}

function streamableStatus(err: unknown): number | undefined {
  const cause = err instanceof SessionOpenError ? err.cause : undefined;
  return cause instanceof StreamableHTTPError ? cause.code : undefined;
}

/**
 * Opens the session for an "http" or "sse" target (see the order above). `ctx.protocolVersion` narrows it: a
 * handshake revision skips server/discover, 2026-07-28 allows nothing else. Throws SessionOpenError.
 */
export async function openHttpSession(target: HttpTarget, ctx: SessionContext): Promise<McpSession> {
  if (target.transport === "sse") return openLegacySseSession(target, ctx);
  const env: WireEnv = { fetch: guardedFetch(ctx.outbound), signal: ctx.signal, timeoutMs: ctx.timeoutMs };
  if (ctx.protocolVersion === undefined || ctx.protocolVersion === DISCOVER_REVISION) {
    const modern = await tryModernSession(target, ctx, env);
    if (modern.era === "modern") return modern.session;
    if (ctx.protocolVersion === DISCOVER_REVISION)
      throw new SessionOpenError({
        errorClass: "protocol",
        message: `The server does not speak revision ${DISCOVER_REVISION}: server/discover answered ${modern.why}`,
        retryable: false,
      });
  }
  try {
    return await openStreamableHttpSession(target, ctx);
  } catch (err) {
    const status = streamableStatus(err);
    if (status === undefined || !SSE_FALLBACK_STATUSES.has(status)) throw err;
    // Neither transport answered: the streamable answer is the one to show (a wrong URL fails both alike).
    return await openLegacySseSession(target, ctx, `HTTP ${status}`).catch(() => {
      throw err;
    });
  }
}
