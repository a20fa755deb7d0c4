// Authorization discovery for a server that answered 401, in the order the MCP authorization spec (2025-06-18,
// 2025-11-25) gives clients: the `resource_metadata` URL from `WWW-Authenticate`, else RFC 9728's well-known URL
// with the endpoint's path inserted, then at the root; the document's `resource` and `authorization_servers`
// checked; then the first authorization server's RFC 8414 / OpenID Connect metadata at the URLs the SDK builds
// in the spec's priority order. Every request goes through the caller's guarded fetch.
import { buildDiscoveryUrls, extractWWWAuthenticateParams } from "@modelcontextprotocol/sdk/client/auth.js";
import { OAuthMetadataSchema, OAuthProtectedResourceMetadataSchema, OpenIdProviderDiscoveryMetadataSchema } from "@modelcontextprotocol/sdk/shared/auth.js";
import { checkResourceAllowed } from "@modelcontextprotocol/sdk/shared/auth-utils.js";
import type { Finding } from "../../types";
import { httpFinding } from "./rules";
import { describeFetchError, getJson, type WireEnv } from "./wire";

export interface AuthDiscovery {
  findings: Finding[];
  /** The authorization server the metadata names, when discovery got that far. */
  authorizationServer?: string;
}

/** RFC 9728 §3.1: the well-known segment goes between the host and the resource's path; then the root form. */
export function protectedResourceMetadataUrls(serverUrl: string): string[] {
  const url = new URL(serverUrl);
  const path = url.pathname.replace(/\/$/, "");
  const root = new URL("/.well-known/oauth-protected-resource", url.origin).href;
  return path ? [new URL(`/.well-known/oauth-protected-resource${path}`, url.origin).href, root] : [root];
}

function zodDetail(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "document"}: ${i.message}`)
    .join("; ");
}

async function fetchDocument(url: string, env: WireEnv): Promise<{ ok: true; json: unknown } | { ok: false; why: string }> {
  try {
    const got = await getJson(url, env);
    if (got.status < 200 || got.status >= 300) return { ok: false, why: `HTTP ${got.status}` };
    if (got.json === undefined) return { ok: false, why: `not JSON${got.excerpt ? `: ${got.excerpt}` : ""}` };
    return { ok: true, json: got.json };
  } catch (err) {
    return { ok: false, why: describeFetchError(err) };
  }
}

async function checkAuthorizationServer(issuer: string, env: WireEnv, findings: Finding[]): Promise<void> {
  let candidates: { url: URL; type: "oauth" | "oidc" }[];
  try {
    candidates = buildDiscoveryUrls(issuer);
  } catch {
    findings.push(httpFinding("oauth-protected-resource-invalid", "The authorization server named in the metadata is not a URL.", { detail: issuer }));
    return;
  }
  const tried: string[] = [];
  for (const { url, type } of candidates) {
    const got = await fetchDocument(url.href, env);
    if (!got.ok) {
      tried.push(`${url.pathname} (${got.why})`);
      continue;
    }
    const schema = type === "oauth" ? OAuthMetadataSchema : OpenIdProviderDiscoveryMetadataSchema;
    const parsed = schema.safeParse(got.json);
    const subject = `GET ${url.href}`;
    if (!parsed.success) {
      findings.push(
        httpFinding(
          "oauth-authorization-server-metadata-invalid",
          `The authorization server's ${type === "oauth" ? "RFC 8414" : "OpenID"} metadata is not valid.`,
          {
            subject,
            detail: zodDetail(parsed.error),
          },
        ),
      );
      return;
    }
    if (parsed.data.issuer !== issuer && parsed.data.issuer !== issuer.replace(/\/$/, "")) {
      findings.push(
        httpFinding("oauth-issuer-mismatch", "The authorization server's metadata names a different issuer than the URL it was found at.", {
          subject,
          detail: `issuer ${parsed.data.issuer}, expected ${issuer}`,
        }),
      );
    }
    return;
  }
  findings.push(
    httpFinding(
      "oauth-authorization-server-metadata-missing",
      "The authorization server publishes no OAuth (RFC 8414) or OpenID Connect discovery metadata, so no client can find where to get a token.",
      { subject: issuer, detail: `tried ${tried.join(", ")}` },
    ),
  );
}

/**
 * Checks the discovery chain for `serverUrl`, given the headers of its 401. Never throws: what cannot be fetched
 * is a finding.
 */
export async function checkAuthDiscovery(serverUrl: string, unauthorized: Headers, env: WireEnv): Promise<AuthDiscovery> {
  const findings: Finding[] = [];
  const challenge = extractWWWAuthenticateParams(new Response(null, { headers: unauthorized }));
  const fromHeader = challenge.resourceMetadataUrl?.href;
  if (!fromHeader) {
    findings.push(
      httpFinding(
        "oauth-www-authenticate-no-resource-metadata",
        "The 401 response's WWW-Authenticate header has no resource_metadata; clients must guess the well-known URL.",
        { subject: "WWW-Authenticate", detail: unauthorized.get("www-authenticate") ?? "(no header)" },
      ),
    );
  }

  let metadata: { url: string; json: unknown } | undefined;
  if (fromHeader) {
    const got = await fetchDocument(fromHeader, env);
    if (got.ok) metadata = { url: fromHeader, json: got.json };
    else
      findings.push(
        httpFinding("oauth-resource-metadata-unreachable", "The resource_metadata URL in WWW-Authenticate does not serve the protected-resource document.", {
          subject: `GET ${fromHeader}`,
          detail: got.why,
        }),
      );
  }
  const tried: string[] = [];
  if (!metadata) {
    for (const url of protectedResourceMetadataUrls(serverUrl)) {
      const got = await fetchDocument(url, env);
      if (got.ok) {
        metadata = { url, json: got.json };
        break;
      }
      tried.push(`${new URL(url).pathname} (${got.why})`);
    }
  }
  if (!metadata) {
    if (!fromHeader)
      findings.push(
        httpFinding(
          "oauth-protected-resource-missing",
          "The server requires authorization but publishes no OAuth protected-resource metadata (RFC 9728), which MCP servers must; clients cannot find its authorization server.",
          { subject: "/.well-known/oauth-protected-resource", detail: `tried ${tried.join(", ")}` },
        ),
      );
    return { findings };
  }

  const subject = `GET ${metadata.url}`;
  const parsed = OAuthProtectedResourceMetadataSchema.safeParse(metadata.json);
  if (!parsed.success) {
    findings.push(
      httpFinding("oauth-protected-resource-invalid", "The protected-resource metadata is not a valid RFC 9728 document.", {
        subject,
        detail: zodDetail(parsed.error),
      }),
    );
    return { findings };
  }
  const doc = parsed.data;
  if (!checkResourceAllowed({ requestedResource: serverUrl, configuredResource: doc.resource })) {
    findings.push(
      httpFinding("oauth-resource-mismatch", "The protected-resource metadata is for a different resource than this server, so clients must not use it.", {
        subject,
        detail: `resource ${doc.resource}, server ${serverUrl}`,
      }),
    );
  }
  const servers = doc.authorization_servers ?? [];
  if (servers.length === 0) {
    findings.push(
      httpFinding(
        "oauth-authorization-servers-missing",
        "The protected-resource metadata names no authorization server (authorization_servers is missing or empty).",
        { subject },
      ),
    );
    return { findings };
  }
  await checkAuthorizationServer(servers[0]!, env, findings);
  findings.push(
    httpFinding("oauth-required", `The server requires OAuth; its authorization server is ${servers[0]}.`, {
      subject: "authorization",
      detail: servers.join(", "),
    }),
  );
  return { findings, authorizationServer: servers[0] };
}
