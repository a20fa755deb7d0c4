// One HTTP exchange as every HTTP-based kind makes it (HTTP, GraphQL): the auth type's token step or signature, the
// request through the SSRF guard with the run's signal, one fresh token when a cached one is refused, the answer's
// trace headers, provider signals (rate limits, deprecation, the credential, scopes) and its body up to a cap.
import { request } from "undici";
import type { HttpAuth, HttpMethod } from "./config";
import { authorize } from "./auth/authorize";
import type { AuthRequest, AuthResult, AuthStep } from "./auth/types";
import { parseDeprecation, parseRateLimit, parseScopes, parseTokenExpiration } from "./provider-signals";
import { createSafeDispatcher } from "../../security/outbound";
import type { startAttempt } from "../shared/attempt";
import { networkFailure } from "../shared/failure";
import type { ProbeContext, ProbeOutcome } from "../types";

export const MAX_BODY_BYTES = 1024 * 1024;
export const EXCERPT_CHARS = 2_000;
const TRACE_HEADERS = [
  "content-type",
  "content-length",
  "retry-after",
  "x-ratelimit-remaining",
  "x-ratelimit-limit",
  "x-ratelimit-reset-after",
  "x-ratelimit-bucket",
  "ratelimit-remaining",
  "ratelimit-limit",
  "github-authentication-token-expiration",
  "x-oauth-scopes",
  "deprecation",
  "sunset",
  "server",
  "location",
  "x-ms-error-code",
];

export interface ExchangeRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  auth?: HttpAuth;
  /** Scopes the token must carry (`x-oauth-scopes`); a missing one is a warning. */
  requiredScopes?: string[];
  /** Bytes of the body kept; the rest is not downloaded. */
  maxBodyBytes?: number;
}

export type ExchangeResult =
  | {
      ok: true;
      status: number;
      /** The few headers worth showing in a trace. */
      headers: Record<string, string>;
      rawHeaders: Record<string, string | string[] | undefined>;
      /** The body as kept (at most `maxBodyBytes`). */
      body: string;
      /** Bytes received, counting the chunk that went past the cap. */
      bytes: number;
      /** The token step and the provider signals, for the run's details; undefined when there are none. */
      details: Record<string, unknown> | undefined;
      /** The auth type's reading of an unexpected status as a refusal of the credentials, where it has one. */
      refusal?: Extract<AuthResult, { ok: true }>["refusal"];
    }
  /** The exchange did not complete (auth step, network, timeout): the attempt's outcome as it is. */
  | { ok: false; outcome: ProbeOutcome };

/** The body up to `max` bytes (assertions and patterns see no more), and how many bytes came. */
async function readBody(body: AsyncIterable<Buffer>, max: number): Promise<{ text: string; bytes: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > max) {
      chunks.push(chunk.subarray(0, max - size));
      return { text: Buffer.concat(chunks).toString("utf8"), bytes: size + chunk.length }; // the rest is not ours to download
    }
    size += chunk.length;
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString("utf8"), bytes: size };
}

/** What the response's headers say about our quota, the endpoint's future and the credential itself. */
export function readSignals(h: Record<string, string | string[] | undefined>, requiredScopes: string[], now: number): Record<string, unknown> {
  const rateLimit = parseRateLimit(h, now);
  const deprecation = parseDeprecation(h, now);
  const credential = parseTokenExpiration(h, now);
  const scopes = parseScopes(h, requiredScopes);
  return {
    ...(rateLimit ? { rateLimit } : {}),
    ...(deprecation ? { deprecation } : {}),
    ...(credential ? { credential } : {}),
    ...(scopes ? { scopes } : {}),
    // A missing scope breaks only the features that need it: a warning on a passing run, not an outage.
    ...(scopes && scopes.missing.length > 0
      ? { warnings: [`The token lacks the scope${scopes.missing.length > 1 ? "s" : ""} ${scopes.missing.join(", ")}`] }
      : {}),
  };
}

export async function exchange(input: ExchangeRequest, ctx: ProbeContext, attempt: ReturnType<typeof startAttempt>): Promise<ExchangeResult> {
  let status: number | undefined;
  let headers: Record<string, string> | undefined;
  const unsigned: AuthRequest = {
    method: input.method,
    url: input.url,
    headers: input.headers,
    body: input.body && input.method !== "GET" && input.method !== "HEAD" ? input.body : undefined,
  };
  let auth = await authorize(input.auth, unsigned, ctx);
  // The token step is shown on the run beside the request's own readings.
  let authDetails: Record<string, unknown> = {};
  const noteAuth = (steps: AuthStep[], details?: Record<string, unknown>) => {
    authDetails = { ...(steps.length > 0 ? { steps } : {}), ...details };
  };
  noteAuth(auth.steps, auth.ok ? auth.details : undefined);
  if (!auth.ok) return { ok: false, outcome: { ...attempt.failed(auth.failure, authDetails), status: auth.status, bodyExcerpt: auth.bodyExcerpt } };
  const send = (target: AuthRequest) =>
    request(target.url, {
      method: target.method as HttpMethod,
      headers: target.headers,
      body: target.body,
      signal: ctx.signal,
      dispatcher: createSafeDispatcher(ctx.outbound),
    });
  try {
    let res = await send(auth.request);
    if (res.statusCode === 401 && auth.rejected) {
      auth.rejected();
      // A cached token the provider no longer takes (rotated secret, revoked token) is not an outage: ask for a new one once.
      if (auth.steps.some((step) => step.cached)) {
        await res.body.dump();
        const earlier = auth.steps.map((step) => (step.cached ? { ...step, ok: false, message: "The API refused the cached token (401)" } : step));
        auth = await authorize(input.auth, unsigned, ctx);
        noteAuth([...earlier, ...auth.steps], auth.ok ? auth.details : undefined);
        if (!auth.ok) return { ok: false, outcome: { ...attempt.failed(auth.failure, authDetails), status: auth.status, bodyExcerpt: auth.bodyExcerpt } };
        res = await send(auth.request);
        if (res.statusCode === 401) auth.rejected?.();
      }
    }
    status = res.statusCode;
    headers = {};
    for (const name of TRACE_HEADERS) {
      const value = res.headers[name];
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const signals = { ...authDetails, ...readSignals(res.headers, input.requiredScopes ?? [], ctx.now()) };
    const body = await readBody(res.body, input.maxBodyBytes ?? MAX_BODY_BYTES);
    return {
      ok: true,
      status,
      headers,
      rawHeaders: res.headers,
      body: body.text,
      bytes: body.bytes,
      details: Object.keys(signals).length > 0 ? signals : undefined,
      refusal: auth.refusal,
    };
  } catch (err) {
    const outcome = ctx.signal.aborted ? attempt.timedOut(authDetails) : attempt.failed(networkFailure(err, ctx.timeoutMs), authDetails);
    return { ok: false, outcome: { ...outcome, status, headers } };
  }
}
