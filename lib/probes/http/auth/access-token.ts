// The token step shared by the token-based auth types: reuse a cached access token or ask the token endpoint for
// one, then send the request with it as a bearer token. A refusal by the token endpoint fails the run as
// `auth_token` (not `http_status`), so "our credentials are wrong" reads apart from "the API is down".
import { request } from "undici";
import { z } from "zod";
import { createSafeDispatcher } from "../../../security/outbound";
import { roundMs } from "../../shared/attempt";
import { networkFailure, timeoutFailure } from "../../shared/failure";
import type { ProbeContext } from "../../types";
import { daysUntil, type CredentialSignal } from "../provider-signals";
import { tokenCache, type CachedToken, type TokenCache } from "./token-cache";
import type { AuthRequest, AuthResult, AuthStep } from "./types";

const EXCERPT_CHARS = 2_000;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // RFC 6749 says a number; some servers send a string.
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
});

/** Without expires_in the token is reused for five minutes at most. */
const DEFAULT_LIFETIME_SECONDS = 300;

export interface TokenRequest {
  url: string;
  headers?: Record<string, string>;
  form: Record<string, string>;
}

type TokenAnswer = { ok: true; token: CachedToken; step: AuthStep } | { ok: false; result: AuthResult & { ok: false } };

/** The endpoint as shown in a trace: origin and path, never a query. */
function endpointOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** What the token endpoint said when it refused: RFC 6749 §5.2's error and description, or a Google-style message. */
function refusal(body: string): string | null {
  try {
    const json = JSON.parse(body) as { error?: unknown; error_description?: unknown; message?: unknown };
    if (typeof json.error === "string") return typeof json.error_description === "string" ? `${json.error} (${json.error_description})` : json.error;
    if (typeof json.message === "string") return json.message;
  } catch {
    // not JSON: the status says enough
  }
  return null;
}

async function fetchToken(req: TokenRequest, ctx: ProbeContext): Promise<TokenAnswer> {
  const endpoint = endpointOf(req.url);
  const started = performance.now();
  const step = (extra: Partial<AuthStep>): AuthStep => ({
    step: "token",
    ok: false,
    durationMs: roundMs(performance.now() - started),
    endpoint,
    cached: false,
    ...extra,
  });
  let status: number;
  let body: string;
  try {
    const res = await request(req.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...req.headers },
      body: new URLSearchParams(req.form).toString(),
      signal: ctx.signal,
      dispatcher: createSafeDispatcher(ctx.outbound),
    });
    status = res.statusCode;
    body = await readCapped(res.body);
  } catch (err) {
    const failure = ctx.signal.aborted ? timeoutFailure(ctx.timeoutMs) : networkFailure(err, ctx.timeoutMs);
    const message = `Token request: ${failure.message}`;
    return { ok: false, result: { ok: false, failure: { ...failure, message }, steps: [step({ message })] } };
  }
  const parsed = status >= 200 && status < 300 ? tokenResponseSchema.safeParse(safeJson(body)) : null;
  if (!parsed?.success) {
    const why = parsed ? "the answer holds no access_token" : (refusal(body) ?? "no reason given");
    const message = `Token request refused: HTTP ${status}, ${why}`;
    return {
      ok: false,
      result: {
        ok: false,
        failure: { errorClass: "auth_token", message, retryable: status >= 500 || status === 429 },
        steps: [step({ status, message })],
        status,
        // Only a refusal is shown; a successful answer carries the token.
        bodyExcerpt: parsed ? undefined : body.slice(0, EXCERPT_CHARS),
      },
    };
  }
  const expiresInSeconds = parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS;
  return {
    ok: true,
    token: { accessToken: parsed.data.access_token, expiresInSeconds, expiresAt: ctx.now() + expiresInSeconds * 1000 },
    step: step({ ok: true, status }),
  };
}

/** A token answer is a few hundred bytes; a server sending more is not owed our memory. */
const MAX_TOKEN_BODY_BYTES = 64 * 1024;

async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_TOKEN_BODY_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/**
 * The request authorized with an access token: the cached one for `key` while it is good, else a fresh one from
 * `tokenRequest()` (built only when needed, e.g. a JWT signed for this moment), cached until its expiry.
 */
export async function authorizeWithToken(
  { key, tokenUrl, tokenRequest }: { key: string; tokenUrl: string; tokenRequest: () => Promise<TokenRequest> },
  request: AuthRequest,
  ctx: ProbeContext,
  cache: TokenCache = tokenCache,
): Promise<AuthResult> {
  const now = ctx.now();
  let token = cache.get(key, now);
  let step: AuthStep;
  if (token) {
    step = { step: "token", ok: true, durationMs: 0, endpoint: endpointOf(tokenUrl), cached: true };
  } else {
    let req: TokenRequest;
    try {
      req = await tokenRequest();
    } catch (err) {
      // e.g. a private key that does not parse: the config is wrong, not the provider.
      const message = `Could not build the token request: ${err instanceof Error ? err.message : String(err)}`;
      return { ok: false, failure: { errorClass: "config", message, retryable: false }, steps: [] };
    }
    const answer = await fetchToken(req, ctx);
    if (!answer.ok) return answer.result;
    token = answer.token;
    step = answer.step;
    cache.set(key, token);
  }
  const credential: CredentialSignal = {
    source: "oauth2_access_token",
    expiresAt: new Date(token.expiresAt).toISOString(),
    daysLeft: daysUntil(token.expiresAt, now),
    expiresInSeconds: token.expiresInSeconds,
    cached: step.cached,
  };
  return {
    ok: true,
    request: { ...request, headers: { ...request.headers, authorization: `Bearer ${token.accessToken}` } },
    steps: [step],
    details: { credential },
    rejected: () => cache.delete(key),
  };
}
