// Revision 2026-07-28 over streamable HTTP: no `initialize`, no session. The client asks `server/discover` first
// and every request carries its revision, identity and capabilities in `params._meta`, mirrored in the
// `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers. Followed from the stored spec text:
// modelcontextprotocol/modelcontextprotocol docs/specification/2026-07-28/basic/versioning.mdx,
// .../basic/transports/streamable-http.mdx and schema/2026-07-28/schema.ts (DiscoverRequest, DiscoverResult,
// RequestMetaObject, the -32020..-32022 error codes).
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import type { Finding } from "../../types";
import { classifyMcpFailure, clip } from "../failure";
import { DISCOVER_REVISION, INITIALIZE_REVISIONS } from "../protocol";
import { CLIENT_INFO, SessionOpenError, type HttpTarget, type McpSession, type SessionContext } from "../session";
import { checkAuthDiscovery } from "./oauth-discovery";
import { httpFinding } from "./rules";
import { postJsonRpc, type JsonRpcReply, type WireEnv } from "./wire";

export const MODERN_PROTOCOL_VERSION = DISCOVER_REVISION;

/** JSON-RPC codes only a modern server sends (schema/2026-07-28: HeaderMismatch, MissingRequiredClientCapability, UnsupportedProtocolVersion). */
export const MODERN_ERROR_CODES = new Set([-32020, -32021, -32022]);

/** The request names mirrored into `Mcp-Name`, by method. */
const NAME_PARAM: Record<string, "name" | "uri"> = { "tools/call": "name", "prompts/get": "name", "resources/read": "uri" };

/** Header-safe values go as they are; anything else (or a value that looks like the sentinel) as `=?base64?…?=`. */
export function encodeHeaderValue(value: string): string {
  const plain = /^[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?$/.test(value) && !(value.startsWith("=?base64?") && value.endsWith("?="));
  return plain ? value : `=?base64?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

export function modernMeta(version = MODERN_PROTOCOL_VERSION): Record<string, unknown> {
  return {
    "io.modelcontextprotocol/protocolVersion": version,
    "io.modelcontextprotocol/clientInfo": CLIENT_INFO,
    "io.modelcontextprotocol/clientCapabilities": {},
  };
}

/** The headers and body of one modern request; `version` may be set apart from the header to test a server. */
export function modernRequest(method: string, params: Record<string, unknown> = {}, id: number | string = 1, version = MODERN_PROTOCOL_VERSION) {
  const headers: Record<string, string> = { "mcp-protocol-version": version, "mcp-method": method };
  const nameKey = NAME_PARAM[method];
  const name = nameKey ? params[nameKey] : undefined;
  if (typeof name === "string") headers["mcp-name"] = encodeHeaderValue(name);
  const meta = { ...modernMeta(version), ...((params._meta as Record<string, unknown> | undefined) ?? {}) };
  return { headers, message: { id, method, params: { ...params, _meta: meta } } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A reply body that only a 2026-07-28 server would send: one of its own error codes, or -32601 on a 404. */
export function isModernError(status: number, reply: JsonRpcReply | undefined): boolean {
  const code = reply?.error?.code;
  return code !== undefined && (MODERN_ERROR_CODES.has(code) || (status === 404 && code === -32601));
}

/** What the discover attempt says about the server. */
export type DiscoverOutcome =
  | { era: "modern"; session: McpSession }
  /** Not a 2026-07-28 server (or not one we can speak to): fall back to `initialize`. */
  | { era: "legacy"; status: number; why: string };

export function discoverFindings(result: Record<string, unknown>): Finding[] {
  const missing = [
    !Array.isArray(result.supportedVersions) && "supportedVersions",
    !isRecord(result.capabilities) && "capabilities",
    typeof result.resultType !== "string" && "resultType",
    typeof result.ttlMs !== "number" && "ttlMs",
    result.cacheScope !== "public" && result.cacheScope !== "private" && "cacheScope",
  ].filter((f): f is string => typeof f === "string");
  return missing.length
    ? [
        httpFinding("discover-result-invalid", "The server/discover result lacks fields the 2026-07-28 schema requires.", {
          subject: "server/discover",
          detail: `missing or malformed: ${missing.join(", ")}`,
        }),
      ]
    : [];
}

/**
 * The 401 as a session failure that says what the client needs. On a Bearer challenge the server speaks OAuth:
 * the discovery chain is followed so the message names the authorization server, or says the chain is broken.
 */
export async function unauthorizedFailure(url: string, headers: Headers, env: WireEnv): Promise<SessionOpenError> {
  const challenge = headers.get("www-authenticate") ?? "";
  if (!/^\s*bearer\b/i.test(challenge))
    return new SessionOpenError({
      errorClass: "auth",
      message: "The MCP endpoint refused the request (HTTP 401); check the credentials in the headers",
      retryable: false,
    });
  const discovery = await checkAuthDiscovery(url, headers, env);
  const broken = discovery.findings.find((f) => f.severity === "error");
  const message =
    discovery.authorizationServer && !broken
      ? `The server requires OAuth (authorization server ${discovery.authorizationServer}); configure a valid access token in the headers`
      : `The server requires OAuth (HTTP 401 with a Bearer challenge), and its OAuth discovery is broken: ${broken?.message ?? "no authorization server found"}`;
  return new SessionOpenError({ errorClass: "auth", message, retryable: false });
}

/**
 * Tries `server/discover`. A DiscoverResult that lists 2026-07-28 opens a stateless session. A 401, a network
 * failure, or a modern error (the server is of the 2026-07-28 era, so falling back would be wrong) is thrown as
 * SessionOpenError, except an UnsupportedProtocolVersionError offering a handshake revision (a dual-era server).
 * Anything else is a legacy answer for the caller to fall back on.
 */
export async function tryModernSession(target: HttpTarget, ctx: SessionContext, env: WireEnv): Promise<DiscoverOutcome> {
  const describeFailure = (err: unknown) => classifyMcpFailure(err, {}, ctx.timeoutMs);
  let nextId = 1;
  const send = async (method: string, params?: Record<string, unknown>) => {
    const { headers, message } = modernRequest(method, params, nextId++);
    return postJsonRpc(target.url, message, { ...target.headers, ...headers }, env);
  };

  let opened;
  try {
    opened = await send("server/discover");
  } catch (err) {
    throw new SessionOpenError(describeFailure(err), { cause: err });
  }
  if (opened.status === 401) throw await unauthorizedFailure(target.url, opened.headers, env);
  const result = opened.reply?.result;
  if (isModernError(opened.status, opened.reply)) {
    // A modern server refused us: retry through initialize only if it also speaks a handshake revision.
    const error = opened.reply!.error!;
    const offered = isRecord(error.data) && Array.isArray(error.data.supported) ? error.data.supported.filter((v): v is string => typeof v === "string") : [];
    if (error.code === -32022 && offered.some((v) => (INITIALIZE_REVISIONS as readonly string[]).includes(v)))
      return { era: "legacy", status: opened.status, why: `supports ${offered.join(", ")}` };
    const why =
      error.code === -32022
        ? `it supports only ${offered.join(", ") || "revisions it does not name"}`
        : `server/discover was refused: ${clip(error.message, 120)}`;
    throw new SessionOpenError({ errorClass: "protocol", message: `The server speaks stateless MCP but not as Tether does (${why})`, retryable: false });
  }
  if (opened.status < 200 || opened.status >= 300 || !result) {
    const why = opened.reply?.error ? `JSON-RPC ${opened.reply.error.code} ${clip(opened.reply.error.message, 80)}` : `HTTP ${opened.status}`;
    return { era: "legacy", status: opened.status, why };
  }
  const supported = Array.isArray(result.supportedVersions) ? result.supportedVersions.filter((v): v is string => typeof v === "string") : [];
  // A dual-era server that does not offer this revision is spoken to through initialize.
  if (supported.length > 0 && !supported.includes(MODERN_PROTOCOL_VERSION))
    return { era: "legacy", status: opened.status, why: `supports ${supported.join(", ")}` };

  const meta = isRecord(result._meta) ? result._meta : {};
  const info = isRecord(meta["io.modelcontextprotocol/serverInfo"]) ? (meta["io.modelcontextprotocol/serverInfo"] as Record<string, unknown>) : undefined;
  let closed = false;
  const session: McpSession = {
    transport: "http",
    protocolVersion: MODERN_PROTOCOL_VERSION,
    server: info
      ? { name: typeof info.name === "string" ? info.name : undefined, version: typeof info.version === "string" ? info.version : undefined }
      : undefined,
    capabilities: isRecord(result.capabilities) ? result.capabilities : {},
    instructions: typeof result.instructions === "string" ? result.instructions : undefined,
    notes: discoverFindings(result),
    async request(method, params) {
      if (closed || ctx.signal.aborted) throw new McpError(-32000, "Connection closed");
      const got = await send(method, params);
      if (got.reply?.error) throw new McpError(got.reply.error.code, got.reply.error.message, got.reply.error.data);
      if (got.status < 200 || got.status >= 300) throw new StreamableHTTPError(got.status, `HTTP ${got.status}${got.excerpt ? `: ${got.excerpt}` : ""}`);
      if (!got.reply?.result) throw new StreamableHTTPError(undefined, `no JSON-RPC response${got.excerpt ? `: ${got.excerpt}` : ""}`);
      return got.reply.result;
    },
    // The 2026-07-28 core defines no client notifications over HTTP; one sent anyway gets 202 or an error status.
    async notify(method, params) {
      const { headers } = modernRequest(method, params);
      await postJsonRpc(target.url, { method, params: { ...params, _meta: modernMeta() } }, { ...target.headers, ...headers }, env);
    },
    describeFailure,
    async close() {
      closed = true;
    },
  };
  return { era: "modern", session };
}
