// Tether's MCP server over streamable HTTP, stateless: each POST gets a fresh server bound to its caller, on the
// SDK's web-standard transport (JSON responses, no session). In front of the SDK, in this order:
//   - Origin: a browser's request from anywhere but Tether's own origin (or one configured) is refused with 403,
//     against DNS rebinding; requests without Origin (agents, CLIs) pass;
//   - who: an API token (`Authorization: Bearer tth_...`) or a session cookie, resolved like the JSON API; none is 401;
//     a cookie needs a same-origin request, as the API's cookie writes do;
//   - GET and DELETE are 405: there is no session to stream on or to end.
// The 401 challenges with `ApiToken`, not `Bearer`: Tether's tokens are not OAuth access tokens, and a Bearer
// challenge tells MCP clients to look for OAuth metadata that does not exist.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Db } from "../../db/client";
import { toErrorResponse } from "../../api/errors";
import { checkSameOrigin, clientIp } from "../../api/handler";
import { resolvePrincipal } from "../../auth/principal";
import { publicUrl } from "../../alerts/incidents/lifecycle";
import { createTetherMcpServer } from "./server";

export interface McpHttpOptions {
  db: Db;
  /** The session-cookie secret (NEXTAUTH_SECRET). */
  secret: string;
  /** Origins a browser may call from; see mcpAllowedOrigins. */
  allowedOrigins: readonly string[];
  now?: () => number;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Tether's own public origin, plus any in TETHER_MCP_ALLOWED_ORIGINS (comma-separated, e.g. a browser-based inspector). */
export function mcpAllowedOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.TETHER_MCP_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return [...new Set([new URL(publicUrl(env)).origin, ...extra.map((o) => new URL(o).origin)])];
}

/** A JSON-RPC error answer with no id, as the SDK's transport sends for requests it refuses before parsing. */
function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, { status, headers: { "cache-control": "no-store", ...headers } });
}

export async function handleMcpRequest(req: Request, options: McpHttpOptions): Promise<Response> {
  const origin = req.headers.get("origin");
  if (origin !== null && !options.allowedOrigins.includes(origin))
    return refuse(403, `Origin ${origin} may not call Tether's MCP server; allow it with TETHER_MCP_ALLOWED_ORIGINS`);
  try {
    const principal = await resolvePrincipal(options.db, req, options.secret);
    if (!principal)
      return refuse(401, "Send a Tether API token as `Authorization: Bearer <token>` (create one under Settings → API tokens)", {
        "www-authenticate": 'ApiToken realm="tether"',
      });
    if (principal.kind === "user") checkSameOrigin(req);
    if (req.method !== "POST") return refuse(405, "Tether's MCP server is stateless: send JSON-RPC with POST", { allow: "POST" });
    const server = createTetherMcpServer({ db: options.db, actor: { principal, ip: clientIp(req) }, now: options.now });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(req);
    } finally {
      await server.close();
    }
  } catch (err) {
    const { status, body, headers } = toErrorResponse(err);
    return refuse(status, body.error.message, headers);
  }
}
