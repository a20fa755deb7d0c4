// HTTP probe: the auth type's token step or signature where it has one, one request, then status, latency-budget and
// body assertions, each failing with its own class (a provider's refusal of signed credentials as `auth`). Headers are
// read for rate limits, deprecation and the credential.
import { request } from "undici";
import { JSONPath } from "jsonpath-plus";
import type { HttpAssertion, HttpConfig, HttpMethod } from "./config";
import { authorize } from "./auth/authorize";
import type { AuthRequest, AuthStep } from "./auth/types";
import { parseDeprecation, parseRateLimit, parseScopes, parseTokenExpiration } from "./provider-signals";
import { parseStatusSpec, statusMatches } from "../../domain/status-spec";
import { createSafeDispatcher } from "../../security/outbound";
import { startAttempt } from "../shared/attempt";
import { networkFailure } from "../shared/failure";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";

const MAX_BODY_BYTES = 1024 * 1024;
const EXCERPT_CHARS = 2_000;
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

async function readBody(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break; // enough for assertions; the rest is not ours to download
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The messages of a GraphQL answer's `errors` array, or null when there is none. */
function graphqlErrors(json: unknown): string | null {
  const errors = (json as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return errors.map((e) => (typeof (e as { message?: unknown })?.message === "string" ? (e as { message: string }).message : JSON.stringify(e))).join("; ");
}

export function checkAssertion(assertion: HttpAssertion, body: string): string | null {
  if (assertion.type === "body_contains") {
    return body.includes(assertion.text) ? null : `Body does not contain "${assertion.text}"`;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return assertion.type === "graphql" ? "Body is not JSON, so it is not a GraphQL answer" : "Body is not JSON, so the JSON path cannot be checked";
  }
  if (assertion.type === "graphql") {
    const errors = graphqlErrors(json);
    if (errors) return `GraphQL error: ${errors}`;
    if (!assertion.path) return null;
    return (JSONPath({ path: assertion.path, json: json as object, wrap: true }) as unknown[]).length > 0
      ? null
      : `JSON path ${assertion.path} matched nothing`;
  }
  const matches = JSONPath({ path: assertion.path, json: json as object, wrap: true }) as unknown[];
  if (matches.length === 0) return `JSON path ${assertion.path} matched nothing`;
  if (assertion.equals === undefined) return null;
  const first = matches[0];
  const actual = typeof first === "string" ? first : JSON.stringify(first);
  return actual === assertion.equals ? null : `JSON path ${assertion.path} is ${actual}, expected ${assertion.equals}`;
}

/** What the response's headers say about our quota, the endpoint's future and the credential itself. */
function readSignals(h: Record<string, string | string[] | undefined>, config: HttpConfig, now: number): Record<string, unknown> {
  const rateLimit = parseRateLimit(h, now);
  const deprecation = parseDeprecation(h, now);
  const credential = parseTokenExpiration(h, now);
  const scopes = parseScopes(h, config.requiredScopes ?? []);
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

export const httpProbe: Probe<HttpConfig> = {
  async run(config: HttpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    let status: number | undefined;
    let headers: Record<string, string> | undefined;
    let body = "";
    let signals: Record<string, unknown> | undefined;
    let rawHeaders: Record<string, string | string[] | undefined> = {};
    const unsigned = {
      method: config.method,
      url: config.url,
      headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])),
      body: config.body && config.method !== "GET" && config.method !== "HEAD" ? config.body : undefined,
    };
    let auth = await authorize(config.auth, unsigned, ctx);
    // The token step is shown on the run beside the request's own readings.
    let authDetails: Record<string, unknown> = {};
    const noteAuth = (steps: AuthStep[], details?: Record<string, unknown>) => {
      authDetails = { ...(steps.length > 0 ? { steps } : {}), ...details };
    };
    noteAuth(auth.steps, auth.ok ? auth.details : undefined);
    if (!auth.ok) return { ...attempt.failed(auth.failure, authDetails), status: auth.status, bodyExcerpt: auth.bodyExcerpt };
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
          auth = await authorize(config.auth, unsigned, ctx);
          noteAuth([...earlier, ...auth.steps], auth.ok ? auth.details : undefined);
          if (!auth.ok) return { ...attempt.failed(auth.failure, authDetails), status: auth.status, bodyExcerpt: auth.bodyExcerpt };
          res = await send(auth.request);
          if (res.statusCode === 401) auth.rejected?.();
        }
      }
      status = res.statusCode;
      rawHeaders = res.headers;
      headers = {};
      for (const name of TRACE_HEADERS) {
        const value = res.headers[name];
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      signals = { ...authDetails, ...readSignals(res.headers, config, ctx.now()) };
      body = await readBody(res.body);
    } catch (err) {
      const outcome = ctx.signal.aborted ? attempt.timedOut(authDetails) : attempt.failed(networkFailure(err, ctx.timeoutMs), authDetails);
      return { ...outcome, status, headers };
    }
    if (Object.keys(signals).length === 0) signals = undefined;
    const latencyMs = attempt.elapsed();
    const response = { status, headers, bodyExcerpt: body.slice(0, EXCERPT_CHARS), details: signals };
    const spec = parseStatusSpec(config.expectedStatus);
    if (spec.ok && !statusMatches(spec.ranges, status)) {
      // A signed request's refusal (S3's SignatureDoesNotMatch, Azure's AuthenticationFailed) is the credentials, not the API.
      const refusal = auth.refusal?.({ status, headers: rawHeaders, body });
      if (refusal) return { ok: false, latencyMs, ...refusal, ...response };
      const retryable = status >= 500 || status === 429;
      return {
        ok: false,
        errorClass: status === 429 ? "rate_limited" : "http_status",
        message: `HTTP ${status}, expected ${config.expectedStatus}`,
        latencyMs,
        retryable,
        ...response,
      };
    }
    if (config.assertion) {
      const failure = checkAssertion(config.assertion, body);
      if (failure) return { ok: false, errorClass: "assertion", message: failure, latencyMs, retryable: false, ...response };
    }
    const rateLimit = signals?.rateLimit as { headroom: number | null; remaining: number; limit: number | null } | undefined;
    if (
      config.minRateLimitHeadroomPercent !== undefined &&
      rateLimit?.headroom !== null &&
      rateLimit?.headroom !== undefined &&
      rateLimit.headroom * 100 < config.minRateLimitHeadroomPercent
    ) {
      return {
        ok: false,
        errorClass: "rate_limited",
        message: `Rate-limit headroom ${(rateLimit.headroom * 100).toFixed(1)}% (${rateLimit.remaining} of ${rateLimit.limit} left) is under ${config.minRateLimitHeadroomPercent}%`,
        latencyMs,
        retryable: false,
        ...response,
      };
    }
    if (config.latencyBudgetMs !== undefined && latencyMs > config.latencyBudgetMs) {
      return {
        ok: false,
        errorClass: "latency_budget",
        message: `Took ${Math.round(latencyMs)} ms, over the budget of ${config.latencyBudgetMs} ms`,
        latencyMs,
        retryable: false,
        ...response,
      };
    }
    return { ok: true, latencyMs, ...response };
  },
};
