// Why a session with an MCP server could not be set up or broke off, in the probe's error classes. Shared by the
// conformance engine (a report's `failure`) and the MCP probe (a run's error), so both read the same.
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { networkFailure, timeoutFailure, type Failure } from "../../probes/shared/failure";
import type { ChildStdioTransport } from "../../probes/mcp/child-stdio-transport";

export type { Failure };

const EXCERPT_CHARS = 200;

export function clip(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What the classification may know of the way the server was reached. */
export interface FailureSource {
  /** The stdio command, named in the message when it could not be started. */
  command?: string;
  stdio?: ChildStdioTransport;
}

/** Classifies an error thrown while talking to an MCP server (connecting, initializing, or any request after). */
export function classifyMcpFailure(err: unknown, source: FailureSource, timeoutMs: number): Failure {
  const { stdio } = source;
  if (stdio?.spawnError) {
    const code = stdio.spawnError.code;
    const why = code === "ENOENT" ? "not found" : code === "EACCES" ? "not executable" : "could not be started";
    // `connect`: the stdio counterpart of nothing listening on the port. Not retried: a missing or
    // non-executable program is still missing a second later.
    return { errorClass: "connect", message: `The command ${source.command ?? ""} ${why} (${code})`, retryable: false };
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
  if (name === "ZodError" || name === "SyntaxError" || name === "SessionProtocolError") {
    return { errorClass: "protocol", message: `The server does not speak MCP as expected: ${clip(message)}`, retryable: false };
  }
  return networkFailure(err, timeoutMs);
}

/** True for errors that end the session (timeout, closed, network), as opposed to the server refusing one request. */
export function isSessionFatal(err: unknown): boolean {
  if (err instanceof McpError) return err.code === ErrorCode.RequestTimeout || err.code === ErrorCode.ConnectionClosed;
  return !(err instanceof Error && (err.name === "ZodError" || err.name === "SessionProtocolError"));
}
