// The HTTP-side rules: each id is stable (reports, baselines and alert rules key on it) and carries one severity,
// chosen from the spec's own words: a MUST broken is an error, a SHOULD a warning, a fact worth knowing is info.
import type { Finding, FindingSeverity } from "../../types";

export const HTTP_RULES = {
  /** The server answers 401 but publishes no protected-resource metadata (MCP authorization: servers MUST implement RFC 9728). */
  "oauth-protected-resource-missing": "error",
  /** The `resource_metadata` URL from `WWW-Authenticate` does not serve the document. */
  "oauth-resource-metadata-unreachable": "error",
  /** The protected-resource document is not valid RFC 9728 metadata. */
  "oauth-protected-resource-invalid": "error",
  /** The document names no authorization server (MCP: it MUST name at least one). */
  "oauth-authorization-servers-missing": "error",
  /** The document's `resource` is not the server it was fetched for (RFC 9728 §3.3: clients MUST NOT use it). */
  "oauth-resource-mismatch": "error",
  /** No RFC 8414 or OpenID Connect discovery document at any of the URLs the MCP spec orders. */
  "oauth-authorization-server-metadata-missing": "error",
  /** The authorization server's metadata document is not valid. */
  "oauth-authorization-server-metadata-invalid": "error",
  /** The metadata's `issuer` is not the authorization server's URL (RFC 8414 §3.3, OIDC Discovery §4.3: MUST be identical). */
  "oauth-issuer-mismatch": "error",
  /** The 401 carries no `resource_metadata`: allowed since 2025-11-25 (well-known lookup), but clients find it faster with it. */
  "oauth-www-authenticate-no-resource-metadata": "info",
  /** The server requires OAuth; the report names the authorization server. Not a fault. */
  "oauth-required": "info",
  /** A request with a foreign `Origin` was served (servers MUST validate Origin against DNS rebinding and answer 403). */
  "origin-not-checked": "error",
  /** A foreign `Origin` was refused, but not with 403 as the spec requires. */
  "origin-refused-without-403": "warning",
  /** The Origin, protocol-version and session checks could not run: the server wants credentials that are not configured. */
  "http-checks-need-credentials": "info",
  /** A request with an unsupported `MCP-Protocol-Version` header was served (the server MUST answer 400). */
  "protocol-version-header-ignored": "error",
  /** A request with a deleted session id was still served (the server MUST answer 404 for a terminated session). */
  "deleted-session-still-alive": "error",
  /** After DELETE, a request with the session id was refused, but not with the 404 that tells clients to start a new session. */
  "deleted-session-not-404": "error",
  /** The server does not let clients end sessions (DELETE answered 405, which the spec allows). */
  "session-delete-not-allowed": "info",
  /** The server speaks only the deprecated HTTP+SSE transport of 2024-11-05. */
  "legacy-sse-transport": "warning",
  /** A 2026-07-28 server answered server/discover without a field the schema requires. */
  "discover-result-invalid": "error",
} as const satisfies Record<string, FindingSeverity>;

export type HttpRule = keyof typeof HTTP_RULES;

export function httpFinding(rule: HttpRule, message: string, extra: { subject?: string; detail?: string } = {}): Finding {
  return { rule, severity: HTTP_RULES[rule], message, ...extra };
}
