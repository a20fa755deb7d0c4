// The HTTP-only checks, each from the wire so status codes and headers are seen as a client sees them:
//   - authorization discovery (RFC 9728 protected-resource metadata, RFC 8414 / OpenID metadata) when the
//     server answers 401 to a request without the configured Authorization header;
//   - a foreign Origin refused with 403 (servers MUST validate Origin against DNS rebinding);
//   - an unsupported MCP-Protocol-Version header answered with 400 (2025-06-18 on, and 2026-07-28);
//   - a session ended with DELETE answering 404 afterwards (405 on DELETE is allowed: info).
// The opening request is `initialize` for the handshake revisions and `server/discover` for 2026-07-28; a server
// that refuses the POST with 400/404/405 is taken for legacy HTTP+SSE and only its GET's Origin is checked.
// Sessions these checks open are ended again. A network failure ends the checks quietly: the main session
// reports connectivity.
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import type { Finding } from "../../types";
import { CLIENT_INFO, guardedFetch, type HttpTarget, type SessionContext } from "../session";
import { MODERN_PROTOCOL_VERSION, modernRequest } from "./modern-session";
import { checkAuthDiscovery } from "./oauth-discovery";
import { httpFinding } from "./rules";
import { postJsonRpc, sendBodiless, type WireEnv, type WireResponse } from "./wire";

export interface HttpCheckContext extends SessionContext {
  /** The revision the main session negotiated, when one was set up. */
  negotiatedVersion?: string;
}

export const FOREIGN_ORIGIN = "https://tether-origin-check.invalid";
/** A revision no server supports, for the header check. */
export const BOGUS_PROTOCOL_VERSION = "1999-01-01";
/** The first revision that defines the MCP-Protocol-Version header. */
const HEADER_SINCE = "2025-06-18";

const ok = (status: number) => status >= 200 && status < 300;

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "authorization"));
}

/** Sends the request that opens a conversation: initialize (handshake revisions) or server/discover (2026-07-28). */
function opener(target: HttpTarget, version: string, env: WireEnv) {
  const modern = version === MODERN_PROTOCOL_VERSION;
  return (headers: Record<string, string>, extra: Record<string, string> = {}): Promise<WireResponse> => {
    if (modern) {
      const request = modernRequest("server/discover");
      return postJsonRpc(target.url, request.message, { ...headers, ...request.headers, ...extra }, env);
    }
    const message = { id: 1, method: "initialize", params: { protocolVersion: version, capabilities: {}, clientInfo: CLIENT_INFO } };
    return postJsonRpc(target.url, message, { ...headers, ...extra }, env);
  };
}

/** Ends a session a check opened by the way; what the server says is not judged here. */
async function endSession(target: HttpTarget, response: WireResponse, version: string, env: WireEnv): Promise<void> {
  const id = response.headers.get("mcp-session-id");
  if (!id || !ok(response.status)) return;
  await sendBodiless(target.url, "DELETE", { ...target.headers, "mcp-session-id": id, "mcp-protocol-version": version }, env).catch(() => undefined);
}

function judgeOrigin(status: number, subject: string): Finding[] {
  if (ok(status))
    return [
      httpFinding(
        "origin-not-checked",
        "The server accepted a request from a foreign Origin; it must validate Origin and answer 403 to prevent DNS rebinding.",
        {
          subject,
          detail: `Origin ${FOREIGN_ORIGIN} answered HTTP ${status}`,
        },
      ),
    ];
  if (status === 403 || status === 401) return [];
  if (status >= 400 && status < 500)
    return [
      httpFinding("origin-refused-without-403", "The server refused a foreign Origin, but the spec requires 403 Forbidden.", {
        subject,
        detail: `HTTP ${status}`,
      }),
    ];
  return [];
}

/** A 401 is an OAuth resource server's when it challenges with Bearer (RFC 6750); other schemes are not judged here. */
function looksLikeOAuth(response: WireResponse): boolean {
  return /^\s*bearer\b/i.test(response.headers.get("www-authenticate") ?? "");
}

/** HTTP+SSE: only when a plain GET opens an event stream is the foreign-Origin GET judged (else it proves nothing). */
async function legacySseChecks(target: HttpTarget, env: WireEnv): Promise<Finding[]> {
  const stream = { ...target.headers, accept: "text/event-stream" };
  const plain = await sendBodiless(target.url, "GET", stream, env);
  if (!ok(plain.status) || !(plain.headers.get("content-type") ?? "").includes("text/event-stream")) return [];
  const foreign = await sendBodiless(target.url, "GET", { ...stream, origin: FOREIGN_ORIGIN }, env);
  return judgeOrigin(foreign.status, `GET ${target.url}`);
}

async function run(target: HttpTarget, ctx: HttpCheckContext, env: WireEnv, findings: Finding[]): Promise<void> {
  const version = ctx.negotiatedVersion ?? LATEST_PROTOCOL_VERSION;
  const modern = version === MODERN_PROTOCOL_VERSION;
  const open = opener(target, version, env);

  // Authorization discovery: asked without the token, so a configured token does not hide a missing document.
  const anonymousHeaders = withoutAuthorization(target.headers);
  const hasToken = Object.keys(anonymousHeaders).length !== Object.keys(target.headers).length;
  const anonymous = await open(anonymousHeaders);
  if (hasToken) await endSession(target, anonymous, version, env);
  if (anonymous.status === 401 && looksLikeOAuth(anonymous)) findings.push(...(await checkAuthDiscovery(target.url, anonymous.headers, env)).findings);

  if (target.transport === "sse") return void findings.push(...(await legacySseChecks(target, env)));
  const baseline = hasToken ? await open(target.headers) : anonymous;
  if (baseline.status === 401 || baseline.status === 403) {
    findings.push(
      httpFinding(
        "http-checks-need-credentials",
        "The Origin, protocol-version and session checks need access; configure a token in the headers to run them.",
        {
          subject: `POST ${target.url}`,
          detail: `HTTP ${baseline.status}`,
        },
      ),
    );
    return;
  }
  if (!ok(baseline.status)) {
    if (!modern && [400, 404, 405].includes(baseline.status)) findings.push(...(await legacySseChecks(target, env)));
    return;
  }
  const sessionId = baseline.headers.get("mcp-session-id");
  const session: Record<string, string> = sessionId ? { "mcp-session-id": sessionId } : {};

  const foreign = await open(target.headers, { origin: FOREIGN_ORIGIN });
  await endSession(target, foreign, version, env);
  findings.push(...judgeOrigin(foreign.status, `POST ${target.url}`));

  if (modern) {
    const bogus = modernRequest("server/discover", {}, 2, BOGUS_PROTOCOL_VERSION);
    const got = await postJsonRpc(target.url, bogus.message, { ...target.headers, ...bogus.headers }, env);
    if (ok(got.status)) findings.push(headerIgnored(got.status, target.url));
    return;
  }
  if (version >= HEADER_SINCE) {
    if (sessionId)
      await postJsonRpc(target.url, { method: "notifications/initialized" }, { ...target.headers, ...session, "mcp-protocol-version": version }, env);
    const got = await postJsonRpc(
      target.url,
      { id: 2, method: "ping" },
      { ...target.headers, ...session, "mcp-protocol-version": BOGUS_PROTOCOL_VERSION },
      env,
    );
    if (ok(got.status)) findings.push(headerIgnored(got.status, target.url));
  }
  if (sessionId) findings.push(...(await deletedSessionCheck(target, session, version, env)));
}

function headerIgnored(status: number, url: string): Finding {
  return httpFinding(
    "protocol-version-header-ignored",
    "The server served a request whose MCP-Protocol-Version it cannot support; it must answer 400 Bad Request.",
    {
      subject: `POST ${url}`,
      detail: `MCP-Protocol-Version ${BOGUS_PROTOCOL_VERSION} answered HTTP ${status}`,
    },
  );
}

async function deletedSessionCheck(target: HttpTarget, session: Record<string, string>, version: string, env: WireEnv): Promise<Finding[]> {
  const headers = { ...target.headers, ...session, "mcp-protocol-version": version };
  const deleted = await sendBodiless(target.url, "DELETE", headers, env);
  if (deleted.status === 405)
    return [
      httpFinding("session-delete-not-allowed", "The server does not let clients end their sessions (DELETE answered 405, which the spec allows).", {
        subject: `DELETE ${target.url}`,
      }),
    ];
  if (!ok(deleted.status)) return [];
  const after = await postJsonRpc(target.url, { id: 3, method: "ping" }, headers, env);
  if (after.status === 404) return [];
  const detail = `after DELETE answered ${deleted.status}, a request with the session id answered HTTP ${after.status}`;
  if (ok(after.status))
    return [
      httpFinding(
        "deleted-session-still-alive",
        "A session ended with DELETE was still served; the server must answer 404 for it so clients start a new one.",
        {
          subject: `POST ${target.url}`,
          detail,
        },
      ),
    ];
  return [
    httpFinding("deleted-session-not-404", "A request on a deleted session was refused without 404, the status that tells clients to start a new session.", {
      subject: `POST ${target.url}`,
      detail,
    }),
  ];
}

export async function httpChecks(target: HttpTarget, ctx: HttpCheckContext): Promise<Finding[]> {
  const env: WireEnv = { fetch: guardedFetch(ctx.outbound), signal: ctx.signal, timeoutMs: ctx.timeoutMs };
  const findings: Finding[] = [];
  try {
    await run(target, ctx, env, findings);
  } catch {
    // Connectivity is the main session's to report; what was found so far stands.
  }
  return findings;
}
