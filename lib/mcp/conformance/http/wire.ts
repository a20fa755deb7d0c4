// Raw HTTP exchanges for the HTTP-side checks: one JSON-RPC POST (its reply read from a JSON body or from the first
// JSON-RPC response on an SSE stream) and plain GETs, all through the fetch in WireEnv, which is always the SSRF-guarded one (session.ts guardedFetch). The checks need status
// codes and headers the SDK's transports hide, so they speak the wire themselves; sessions still use the SDK.
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";

/** What every exchange needs: the guarded fetch, the run's signal and a per-request time limit. */
export interface WireEnv {
  fetch: FetchLike;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

/** A JSON-RPC response as read off the wire; `result` and `error` are as sent (checked by the caller). */
export interface JsonRpcReply {
  id?: string | number | null;
  result?: Record<string, unknown>;
  error?: JsonRpcError;
}

export interface WireResponse {
  status: number;
  headers: Headers;
  /** The JSON-RPC response in the body, when there was one. */
  reply?: JsonRpcReply;
  /** The first characters of a body that was not a JSON-RPC response, for evidence. */
  excerpt?: string;
}

const EXCERPT_CHARS = 160;

/** Why a request failed, readable: undici's fetch says only "fetch failed" and keeps the reason (a refusal by the SSRF guard, ECONNREFUSED...) in `cause`. */
export function describeFetchError(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const chosen = cause ?? err;
  if (!(chosen instanceof Error)) return String(chosen);
  const code = (chosen as NodeJS.ErrnoException).code;
  return code && !chosen.message.includes(code) && !code.startsWith("ERR_TETHER") ? `${chosen.message} (${code})` : chosen.message;
}
const MAX_BODY_CHARS = 1_000_000;

function signalFor(env: WireEnv): AbortSignal {
  return AbortSignal.any([env.signal, AbortSignal.timeout(env.timeoutMs)]);
}

function asReply(value: unknown): JsonRpcReply | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.jsonrpc !== "2.0" || (!("result" in v) && !("error" in v))) return undefined;
  const error = v.error as Record<string, unknown> | undefined;
  return {
    id: v.id as JsonRpcReply["id"],
    result: typeof v.result === "object" && v.result !== null ? (v.result as Record<string, unknown>) : undefined,
    error: error && typeof error.code === "number" ? { code: error.code, message: String(error.message ?? ""), data: error.data } : undefined,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads an SSE stream until the first JSON-RPC response (a server may keep the stream open after it). */
async function firstSseReply(body: ReadableStream<Uint8Array>): Promise<{ reply?: JsonRpcReply; seen: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let seen = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      // Events end at a blank line; each event's data lines joined are one JSON-RPC message.
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = events.pop() ?? "";
      for (const event of events) {
        const data = event
          .split(/\r?\n/)
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).replace(/^ /, ""))
          .join("\n");
        if (!data) continue;
        if (seen.length < EXCERPT_CHARS) seen += data;
        const reply = asReply(parseJson(data));
        if (reply) return { reply, seen };
      }
      if (done || buffer.length > MAX_BODY_CHARS) return { seen };
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function readReply(response: Response): Promise<Pick<WireResponse, "reply" | "excerpt">> {
  if (!response.body) return {};
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("text/event-stream")) {
    const { reply, seen } = await firstSseReply(response.body);
    return reply ? { reply } : { excerpt: seen.slice(0, EXCERPT_CHARS) };
  }
  const text = (await response.text()).slice(0, MAX_BODY_CHARS);
  const reply = asReply(parseJson(text));
  return reply ? { reply } : text ? { excerpt: text.replace(/\s+/g, " ").trim().slice(0, EXCERPT_CHARS) } : {};
}

/** POSTs one JSON-RPC message to the MCP endpoint with the headers streamable HTTP requires, plus `headers`. */
export async function postJsonRpc(url: string, message: Record<string, unknown>, headers: Record<string, string>, env: WireEnv): Promise<WireResponse> {
  const response = await env.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", ...message }),
    signal: signalFor(env),
    redirect: "manual",
  });
  return { status: response.status, headers: response.headers, ...(await readReply(response)) };
}

/** Sends a request with no body (DELETE, or a GET whose body is not needed) and discards what comes back. */
export async function sendBodiless(
  url: string,
  method: "GET" | "DELETE",
  headers: Record<string, string>,
  env: WireEnv,
): Promise<{ status: number; headers: Headers }> {
  const response = await env.fetch(url, { method, headers, signal: signalFor(env), redirect: "manual" });
  await response.body?.cancel().catch(() => undefined);
  return { status: response.status, headers: response.headers };
}

/** GETs a JSON document (a metadata document); `json` is undefined when the body is not JSON. */
export async function getJson(url: string, env: WireEnv, headers: Record<string, string> = {}): Promise<{ status: number; json?: unknown; excerpt?: string }> {
  // Redirects followed: each hop is a new connection, checked by the guarded dispatcher like the first.
  const response = await env.fetch(url, { method: "GET", headers: { accept: "application/json", ...headers }, signal: signalFor(env), redirect: "follow" });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  }
  const text = (await response.text()).slice(0, MAX_BODY_CHARS);
  const json = parseJson(text);
  return json === undefined
    ? { status: response.status, excerpt: text.replace(/\s+/g, " ").trim().slice(0, EXCERPT_CHARS) }
    : { status: response.status, json };
}
