// MCP probe: initializes a session with an MCP server (streamable HTTP through the SSRF-guarded dispatcher, or
// a child process over stdio), reads the full tool list, and optionally calls one tool as a smoke test. The
// session is closed and any child process ended in every outcome. Its gate (./stdio-gate.ts) keeps commands off
// deployments that did not allow them; its after-run step (./drift.ts) flags tool-list drift.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { FetchLike, Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { fetch as undiciFetch } from "undici";
import { createSafeDispatcher, type OutboundPolicy } from "../../security/outbound";
import { startAttempt } from "../shared/attempt";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import { ChildStdioTransport } from "./child-stdio-transport";
import type { McpConfig } from "./config";
import { withToolDrift } from "./drift";
import { stdioGate } from "./stdio-gate";

const EXCERPT_CHARS = 200;
const MAX_TOOL_PAGES = 50;
const CLIENT_INFO = { name: "tether-probe", version: "1.0.0" };

/** The SDK's fetch, routed through undici with the guarded dispatcher so every connection is checked. */
function guardedFetch(policy: OutboundPolicy): FetchLike {
  const dispatcher = createSafeDispatcher(policy);
  return (url, init) => undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
}

function httpTransport(config: Extract<McpConfig, { transport: "http" }>, policy: OutboundPolicy): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(config.url), {
    fetch: guardedFetch(policy),
    requestInit: { headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])) },
    // One attempt per run: the runner owns retries and records each.
    reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1_000, maxReconnectionDelay: 1_000, reconnectionDelayGrowFactor: 1 },
  });
}

function clip(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A short, readable excerpt of a tool result: its text content, else its structured content as JSON. */
export function resultExcerpt(result: { content?: unknown; structuredContent?: unknown }): string {
  const parts = (Array.isArray(result.content) ? result.content : []).map(
    (item: { type?: string; text?: string; uri?: string; resource?: { uri?: string } }) =>
      item.type === "text"
        ? (item.text ?? "")
        : item.type === "resource_link" || item.type === "resource"
          ? `[${item.type} ${item.uri ?? item.resource?.uri ?? ""}]`
          : `[${item.type ?? "content"}]`,
  );
  const text = parts.join(" ").trim();
  if (text) return clip(text);
  return result.structuredContent === undefined ? "" : clip(JSON.stringify(result.structuredContent));
}

async function listToolNames(client: Client, options: RequestOptions): Promise<string[]> {
  // A server without the tools capability has none; asking would only earn a "method not found".
  if (!client.getServerCapabilities()?.tools) return [];
  const names: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_PAGES; page++) {
    const result = await client.listTools(cursor ? { cursor } : undefined, options);
    names.push(...result.tools.map((t) => t.name));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return [...new Set(names)].sort();
}

function classify(err: unknown, config: McpConfig, stdio: ChildStdioTransport | undefined, timeoutMs: number): Failure {
  if (stdio?.spawnError) {
    const code = stdio.spawnError.code;
    const why = code === "ENOENT" ? "not found" : code === "EACCES" ? "not executable" : "could not be started";
    // `connect`: the stdio counterpart of nothing listening on the port. Not retried: a missing or
    // non-executable program is still missing a second later.
    return { errorClass: "connect", message: `The command ${config.transport === "stdio" ? config.command : ""} ${why} (${code})`, retryable: false };
  }
  if (err instanceof McpError) {
    if (err.code === ErrorCode.RequestTimeout) return timeoutFailure(timeoutMs);
    if (err.code === ErrorCode.ConnectionClosed) {
      const exit = stdio?.exit;
      if (exit) {
        const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
        return { errorClass: "connect", message: `The server process ${how} before answering`, retryable: true };
      }
      return { errorClass: "connect", message: "The server closed the connection", retryable: true };
    }
    return { errorClass: "protocol", message: `The server answered with an error: ${clip(err.message)}`, retryable: false };
  }
  if (err instanceof StreamableHTTPError) {
    const status = err.code;
    if (status === 401 || status === 403)
      return { errorClass: "auth", message: `The MCP endpoint refused the request (HTTP ${status}); check the credentials in the headers`, retryable: false };
    if (status === 429) return { errorClass: "rate_limited", message: "The MCP endpoint is rate limiting (HTTP 429)", retryable: true };
    if (status !== undefined && status >= 400)
      return { errorClass: "http_status", message: `The MCP endpoint answered HTTP ${status}`, retryable: status >= 500 };
    return { errorClass: "protocol", message: `The endpoint does not speak streamable HTTP MCP: ${clip(err.message)}`, retryable: false };
  }
  const name = err instanceof Error ? err.name : "";
  const message = err instanceof Error ? err.message : String(err);
  if (name === "ZodError" || name === "SyntaxError" || message.startsWith("Server's protocol version is not supported")) {
    return { errorClass: "protocol", message: `The server does not speak MCP as expected: ${clip(message)}`, retryable: false };
  }
  return networkFailure(err, timeoutMs);
}

export const mcpProbe: Probe<McpConfig> = {
  gate: stdioGate,
  afterRun: withToolDrift,
  async run(config: McpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);

    let stdio: ChildStdioTransport | undefined;
    let transport: Transport;
    if (config.transport === "stdio") transport = stdio = new ChildStdioTransport({ command: config.command, args: config.args, env: config.env });
    else transport = httpTransport(config, ctx.outbound);
    // The client hands the negotiated version to transports that ask for it (HTTP sends it as a header).
    let protocolVersion: string | undefined;
    const passOn = transport.setProtocolVersion?.bind(transport);
    transport.setProtocolVersion = (version: string) => {
      protocolVersion = version;
      passOn?.(version);
    };

    const client = new Client(CLIENT_INFO, { capabilities: {} });
    const closeAll = async () => {
      await client.close().catch(() => undefined);
      await stdio?.close();
    };
    const onAbort = () => void closeAll();
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    const options: RequestOptions = { signal: ctx.signal, timeout: ctx.timeoutMs };
    let details: Record<string, unknown> | undefined;
    try {
      if (ctx.signal.aborted) return attempt.timedOut();
      await client.connect(transport, options);
      const server = client.getServerVersion();
      const tools = await listToolNames(client, options);
      details = { serverName: server?.name, serverVersion: server?.version, protocolVersion, tools, toolCount: tools.length };

      if (config.smokeTool) {
        const { name, arguments: args } = config.smokeTool;
        details.smokeTool = name;
        if (!tools.includes(name)) {
          return attempt.failed({ errorClass: "assertion", message: `The server does not offer the tool ${name}`, retryable: false }, details);
        }
        let result: Awaited<ReturnType<Client["callTool"]>>;
        try {
          result = await client.callTool({ name, arguments: args }, undefined, options);
        } catch (err) {
          // A JSON-RPC error for this call (bad arguments, a tool that threw outside its result) is the smoke test failing.
          if (err instanceof McpError && err.code !== ErrorCode.RequestTimeout && err.code !== ErrorCode.ConnectionClosed && !ctx.signal.aborted) {
            return attempt.failed({ errorClass: "assertion", message: `Calling ${name} failed: ${clip(err.message)}`, retryable: false }, details);
          }
          throw err;
        }
        const excerpt = resultExcerpt(result as { content?: unknown; structuredContent?: unknown });
        details.smokeResultExcerpt = excerpt;
        if (result.isError) {
          return attempt.failed(
            { errorClass: "assertion", message: `The tool ${name} returned an error${excerpt ? `: ${excerpt}` : ""}`, retryable: false },
            details,
          );
        }
      }
      return { ok: true, latencyMs: attempt.elapsed(), details };
    } catch (err) {
      if (ctx.signal.aborted) return attempt.timedOut(details);
      return attempt.failed(classify(err, config, stdio, ctx.timeoutMs), details);
    } finally {
      ctx.signal.removeEventListener("abort", onAbort);
      await closeAll();
    }
  },
};
