// Streamable HTTP MCP servers on the SDK's StreamableHTTPServerTransport, one session per initialize, for the
// HTTP conformance checks. The default is a good server: DNS-rebinding protection on (Host and Origin checked),
// the SDK's own MCP-Protocol-Version validation, and a session that is gone after DELETE. Each option breaks
// exactly one rule, as a server in the wild does:
//   acceptAnyOrigin       Origin not validated (protection off)
//   ignoreProtocolVersion the version header stripped before the SDK sees it, so any value is served
//   keepDeletedSessions   DELETE answered 200 but the session kept
//   oauth                 behind OAuth (a request with `Bearer <token>` is let through, others get 401):
//                           complete         WWW-Authenticate resource_metadata, the RFC 9728 document, RFC 8414 metadata
//                           well-known-only  no resource_metadata; the document at the path-suffixed well-known URL
//                           openid-only      the authorization server publishes only /.well-known/openid-configuration
//                           wrong-resource   the document names another resource
//                           no-as-metadata   the document names an authorization server that publishes nothing
//                           no-metadata      a bare Bearer 401 and no metadata anywhere
//                           metadata-ssrf    resource_metadata points at the cloud metadata address (must never be fetched)
import { randomUUID } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createFixtureServer } from "../../../probes/mcp/fixtures/fixture-server";
import { listen, sendJson, type RunningServer } from "./listen";

export type OAuthVariant = "complete" | "well-known-only" | "openid-only" | "wrong-resource" | "no-as-metadata" | "no-metadata" | "metadata-ssrf";

function oauthDocument(variant: OAuthVariant, origin: string, path: string): Record<string, unknown> | undefined {
  const viaHeader = variant === "complete" || variant === "openid-only" || variant === "wrong-resource" || variant === "no-as-metadata";
  if (viaHeader && path === "/oauth/resource-metadata")
    return {
      resource: variant === "wrong-resource" ? `${origin}/other` : `${origin}/mcp`,
      authorization_servers: [variant === "no-as-metadata" ? `${origin}/nowhere` : `${origin}/auth`],
      scopes_supported: ["mcp"],
    };
  if (variant === "well-known-only" && path === "/.well-known/oauth-protected-resource/mcp")
    return { resource: `${origin}/mcp`, authorization_servers: [`${origin}/auth`] };
  const as = {
    issuer: `${origin}/auth`,
    authorization_endpoint: `${origin}/auth/authorize`,
    token_endpoint: `${origin}/auth/token`,
    response_types_supported: ["code"],
  };
  if (variant === "openid-only")
    return path === "/.well-known/openid-configuration/auth"
      ? { ...as, jwks_uri: `${origin}/auth/jwks`, subject_types_supported: ["public"], id_token_signing_alg_values_supported: ["RS256"] }
      : undefined;
  if (variant !== "no-metadata" && path === "/.well-known/oauth-authorization-server/auth") return { ...as, code_challenge_methods_supported: ["S256"] };
  return undefined;
}

export interface StreamableFixtureOptions {
  acceptAnyOrigin?: boolean;
  ignoreProtocolVersion?: boolean;
  keepDeletedSessions?: boolean;
  oauth?: { metadata: OAuthVariant; token: string };
}

export interface StreamableFixture extends RunningServer {
  /** The MCP endpoint, `<origin>/mcp`. */
  url: string;
  /** Sessions alive now (the deleted-session variant keeps them). */
  sessionCount(): number;
}

export async function startStreamableFixture(options: StreamableFixtureOptions = {}): Promise<StreamableFixture> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const server = await listen(async (req, res, origin) => {
    const path = new URL(req.url ?? "/", origin).pathname;
    const oauth = options.oauth;
    const document = oauth && req.method === "GET" ? oauthDocument(oauth.metadata, origin, path) : undefined;
    if (document) return sendJson(res, 200, document);
    if (path !== "/mcp") return sendJson(res, 404, { error: "not found" });
    if (oauth && req.headers.authorization !== `Bearer ${oauth.token}`) {
      const challenge =
        oauth.metadata === "metadata-ssrf"
          ? 'Bearer resource_metadata="http://169.254.169.254/latest/meta-data/"'
          : oauthDocument(oauth.metadata, origin, "/oauth/resource-metadata")
            ? `Bearer resource_metadata="${origin}/oauth/resource-metadata", scope="mcp"`
            : 'Bearer realm="mcp"';
      return sendJson(res, 401, { error: "invalid_token" }, { "www-authenticate": challenge });
    }
    if (options.ignoreProtocolVersion) {
      // The SDK's node adapter reads rawHeaders (name, value, name, value...): strip it from both views.
      delete req.headers["mcp-protocol-version"];
      req.rawHeaders = req.rawHeaders.flatMap((v, i, all) => (i % 2 === 0 ? (v.toLowerCase() === "mcp-protocol-version" ? [] : [v, all[i + 1]!]) : []));
    }

    const id = req.headers["mcp-session-id"];
    const existing = typeof id === "string" ? sessions.get(id) : undefined;
    if (existing) {
      if (req.method === "DELETE" && options.keepDeletedSessions) return void res.writeHead(200).end();
      return existing.handleRequest(req, res);
    }
    if (typeof id === "string") return sendJson(res, 404, { jsonrpc: "2.0", error: { code: -32001, message: "Session not found" } });
    // No session yet: only an initialize may open one; the SDK answers anything else with 400.
    const host = new URL(origin).host;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      // Replies on SSE streams, the SDK's default, so the checks read both framings (the 2026-07-28 fixture sends JSON).
      enableDnsRebindingProtection: !options.acceptAnyOrigin,
      allowedHosts: [host],
      allowedOrigins: [origin],
      onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const mcp = createFixtureServer("tether-http-fixture");
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
    if (!transport.sessionId) await mcp.close();
  });
  return {
    ...server,
    url: `${server.origin}/mcp`,
    sessionCount: () => sessions.size,
    close: async () => {
      await Promise.all([...sessions.values()].map((t) => t.close().catch(() => undefined)));
      await server.close();
    },
  };
}
