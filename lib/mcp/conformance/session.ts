// A live MCP session as the conformance checks see it: what was negotiated, and raw requests whose results are
// returned as the server sent them (no SDK schema validation in between, so the checks see what a client would).
//
// How a session is opened (lib/mcp/conformance/open.ts):
//   - stdio: `openStdioSession` below, a child process through the probe's ChildStdioTransport;
//   - http/sse: `openHttpSession` in ./http/open.ts, the HTTP negotiation hook. It starts as plain streamable HTTP
//     (`openStreamableHttpSession` below); the HTTP variants (legacy HTTP+SSE, 2026-07-28 `server/discover`) plug
//     in there, returning the same McpSession.
// Every transport-level failure while opening is thrown as a SessionOpenError carrying the probe's error class.
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Protocol, type RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { FetchLike, Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { LATEST_PROTOCOL_VERSION, ResultSchema, type Notification, type Request, type Result } from "@modelcontextprotocol/sdk/types.js";
import { fetch as undiciFetch } from "undici";
import { ChildStdioTransport } from "../../probes/mcp/child-stdio-transport";
import { createSafeDispatcher, type OutboundPolicy } from "../../security/outbound";
import type { Finding, McpTarget, McpTransportKind } from "../types";
import { classifyMcpFailure, clip, type Failure, type FailureSource } from "./failure";

export const CLIENT_INFO = { name: "tether-probe", version: "1.0.0" };

export type HttpTarget = Extract<McpTarget, { transport: "http" | "sse" }>;
export type StdioTarget = Extract<McpTarget, { transport: "stdio" }>;

/** What opening a session and every request on it are bound by. */
export interface SessionContext {
  /** Aborts the whole session (the probe's deadline); a session is closed when it fires. */
  signal: AbortSignal;
  /** Per-request timeout, and the deadline named in timeout failures. */
  timeoutMs: number;
  /** Which network destinations HTTP requests may reach (SSRF guard, checked at connect time). */
  outbound: OutboundPolicy;
  /** The revision asked for in `initialize`; the latest the SDK knows when absent. */
  protocolVersion?: string;
}

export interface McpSession {
  readonly transport: McpTransportKind;
  /** The revision the server answered with (may be one we do not know; the protocol check says so). */
  readonly protocolVersion: string | undefined;
  readonly server: { name?: string; version?: string } | undefined;
  readonly capabilities: Record<string, unknown>;
  readonly instructions?: string;
  /** Findings from setting the session up, e.g. a transport fallback chosen by the HTTP negotiation. */
  readonly notes: Finding[];
  /** The raw result of one JSON-RPC request; a JSON-RPC error is thrown as the SDK's McpError. */
  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  notify(method: string, params?: Record<string, unknown>): Promise<void>;
  /** The error as one of the probe's failures (knows the child process's exit, the command...). */
  describeFailure(err: unknown): Failure;
  /** Ends the session and any child process; safe to call more than once. */
  close(): Promise<void>;
}

/** Opening failed: nothing usable was set up. `failure` is in the probe's error classes. */
export class SessionOpenError extends Error {
  constructor(
    readonly failure: Failure,
    options?: { cause?: unknown },
  ) {
    super(failure.message, options);
    this.name = "SessionOpenError";
  }
}

/** The server's initialize result is not one (classified as protocol). */
class SessionProtocolError extends Error {
  name = "SessionProtocolError";
}

/** The SDK's JSON-RPC framing with none of its client-side capability checks: the checks ask what they like. */
class RawProtocol extends Protocol<Request, Notification, Result> {
  protected assertCapabilityForMethod(): void {}
  protected assertNotificationCapability(): void {}
  protected assertRequestHandlerCapability(): void {}
  protected assertTaskCapability(): void {}
  protected assertTaskHandlerCapability(): void {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface SdkSessionOptions {
  kind: McpTransportKind;
  source?: FailureSource;
  notes?: Finding[];
  /** Runs after the session's own close (e.g. the child process group's end). */
  onClose?: () => Promise<void>;
}

/**
 * An McpSession over any SDK transport: connects, runs `initialize` (asking for ctx.protocolVersion), sends
 * `notifications/initialized`, and hands the negotiated revision to transports that send it as a header.
 * Throws SessionOpenError when any of that fails; the transport is closed then.
 */
export async function connectSdkSession(transport: Transport, ctx: SessionContext, options: SdkSessionOptions): Promise<McpSession> {
  const protocol = new RawProtocol();
  const source = options.source ?? {};
  const describeFailure = (err: unknown) => classifyMcpFailure(err, source, ctx.timeoutMs);
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      ctx.signal.removeEventListener("abort", onAbort);
      await protocol.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
      await options.onClose?.();
    })());
  const onAbort = () => void close();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const requestOptions: RequestOptions = { signal: ctx.signal, timeout: ctx.timeoutMs };

  let init: Record<string, unknown>;
  try {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error("aborted");
    await protocol.connect(transport);
    init = await protocol.request(
      {
        method: "initialize",
        params: { protocolVersion: ctx.protocolVersion ?? LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO },
      },
      ResultSchema,
      requestOptions,
    );
    if (typeof init.protocolVersion !== "string")
      throw new SessionProtocolError(`initialize answered without a protocolVersion: ${clip(JSON.stringify(init))}`);
    // The header carries what the server chose, known to us or not: the protocol check reports an unknown one.
    transport.setProtocolVersion?.(init.protocolVersion);
    await protocol.notification({ method: "notifications/initialized" });
  } catch (err) {
    const failure = describeFailure(err);
    await close();
    throw new SessionOpenError(failure, { cause: err });
  }
  const serverInfo = isRecord(init.serverInfo) ? init.serverInfo : undefined;
  return {
    transport: options.kind,
    protocolVersion: init.protocolVersion as string,
    server: serverInfo
      ? {
          name: typeof serverInfo.name === "string" ? serverInfo.name : undefined,
          version: typeof serverInfo.version === "string" ? serverInfo.version : undefined,
        }
      : undefined,
    capabilities: isRecord(init.capabilities) ? init.capabilities : {},
    instructions: typeof init.instructions === "string" ? init.instructions : undefined,
    notes: options.notes ?? [],
    request: (method, params) => protocol.request({ method, params }, ResultSchema, requestOptions) as Promise<Record<string, unknown>>,
    notify: (method, params) => protocol.notification({ method, params }),
    describeFailure,
    close,
  };
}

/** The SDK's fetch, routed through undici with the guarded dispatcher so every connection is checked. */
export function guardedFetch(policy: OutboundPolicy): FetchLike {
  const dispatcher = createSafeDispatcher(policy);
  return (url, init) => undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
}

export function streamableHttpTransport(target: HttpTarget, policy: OutboundPolicy): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(target.url), {
    fetch: guardedFetch(policy),
    requestInit: { headers: target.headers },
    // One attempt per run: the runner owns retries and records each.
    reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1_000, maxReconnectionDelay: 1_000, reconnectionDelayGrowFactor: 1 },
  });
}

/** Plain streamable HTTP (no fallback): the starting point of ./http/open.ts. */
export function openStreamableHttpSession(target: HttpTarget, ctx: SessionContext, notes: Finding[] = []): Promise<McpSession> {
  return connectSdkSession(streamableHttpTransport(target, ctx.outbound), ctx, { kind: "http", notes });
}

/** A child process speaking MCP on stdin/stdout, with only PATH and its configured env (see ChildStdioTransport). */
export function openStdioSession(target: StdioTarget, ctx: SessionContext): Promise<McpSession> {
  const stdio = new ChildStdioTransport({ command: target.command, args: target.args, env: target.env, cwd: target.cwd });
  return connectSdkSession(stdio, ctx, { kind: "stdio", source: { command: target.command, stdio }, onClose: () => stdio.close() });
}
