// `tether mcp serve`: a stdio MCP server for editors that only start local commands, relaying every JSON-RPC
// message, as is, to Tether's own MCP server at TETHER_URL/api/mcp (streamable HTTP, TETHER_TOKEN as the bearer).
// Tools, their roles and their schemas are the server's; this process adds nothing and decides nothing. stdout
// carries only protocol messages; a request the server cannot be asked gets a JSON-RPC error answer, so the editor
// is never left waiting, and the reason goes to stderr too.
import type { Readable, Writable } from "node:stream";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { ApiConfig } from "./api-client";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";

export interface McpServeStreams {
  stdin: Readable;
  stdout: Writable;
}

/** The SDK's StreamableHTTPError carries the HTTP status as `code`. */
function reason(err: unknown, url: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const status = err instanceof Error && "code" in err && typeof err.code === "number" ? err.code : undefined;
  if (status === 401) return `Tether refused TETHER_TOKEN (401) at ${url}; is it revoked, expired or mistyped?`;
  if (status === 403) return `Tether refused the request (403) at ${url}: ${message}`;
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(message)) return `could not reach Tether at ${url}; check TETHER_URL`;
  return `Tether's MCP server at ${url}: ${message}`;
}

export async function mcpServe(config: ApiConfig, io: CliIo, streams: McpServeStreams): Promise<ExitCode> {
  const url = `${config.baseUrl}/api/mcp`;
  const upstream = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${config.token}` } } });
  const local = new StdioServerTransport(streams.stdin, streams.stdout);
  // Requests sent on and not yet answered: an initialize answer sets the protocol version header for later calls.
  const initializeIds = new Set<string | number>();

  upstream.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === "string") upstream.setProtocolVersion(version);
    }
    void local.send(message);
  };
  upstream.onerror = (err) => io.stderr(`tether mcp serve: ${reason(err, url)}\n`);

  local.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === "initialize") initializeIds.add(message.id);
    upstream.send(message).catch((err: unknown) => {
      const why = reason(err, url);
      io.stderr(`tether mcp serve: ${why}\n`);
      if (isJSONRPCRequest(message)) void local.send({ jsonrpc: "2.0", id: message.id, error: { code: -32603, message: why } });
    });
  };

  const ended = new Promise<void>((resolve) => {
    streams.stdin.once("end", resolve);
    streams.stdin.once("close", resolve);
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await upstream.start();
  await local.start();
  await ended;
  await Promise.allSettled([local.close(), upstream.close()]);
  return EXIT.passed;
}
