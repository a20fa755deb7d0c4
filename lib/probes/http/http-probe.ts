// HTTP probe: the auth type's token step or signature where it has one, one request, then the status, the assertions
// (every one reported with what it saw), rate-limit headroom and the latency budget, each failing with its own class (a
// provider's refusal of signed credentials as `auth`). Headers are read for rate limits, deprecation and the credential.
import { request } from "undici";
import type { HttpConfig, HttpMethod } from "./config";
import { authorize } from "./auth/authorize";
import type { AuthRequest, AuthStep } from "./auth/types";
import { parseDeprecation, parseRateLimit, parseScopes, parseTokenExpiration } from "./provider-signals";
import { parseStatusSpec, statusMatches } from "../../domain/status-spec";
import { createSafeDispatcher } from "../../security/outbound";
import { startAttempt } from "../shared/attempt";
import { networkFailure } from "../shared/failure";
import { assertionFailureMessage, evaluateAssertions, type AssertionResult, type ResolvedSchema } from "../shared/assertions/evaluate";
import { createOpenApiCache } from "../shared/assertions/openapi";
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

/** The body up to the size the check keeps (assertions and patterns see no more), and how many bytes came. */
async function readBody(body: AsyncIterable<Buffer>): Promise<{ text: string; bytes: number; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > MAX_BODY_BYTES) {
      chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
      return { text: Buffer.concat(chunks).toString("utf8"), bytes: size + chunk.length, truncated: true }; // the rest is not ours to download
    }
    size += chunk.length;
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString("utf8"), bytes: size, truncated: false };
}

/** The OpenAPI documents that `json_schema` assertions name, shared by this process's runs (revalidated after a TTL). */
const openApiDocuments = createOpenApiCache();

/** Every assertion's verdict on the response, with the schemas of named OpenAPI operations fetched first. */
async function judge(
  config: HttpConfig,
  observed: {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
    bytes: number;
    contentLength: number | null;
    latencyMs: number;
  },
  ctx: ProbeContext,
): Promise<AssertionResult[]> {
  const resolvedSchemas = new Map<number, ResolvedSchema>();
  await Promise.all(
    config.assertions.map(async (a, index) => {
      if (a.source === "json_schema" && a.openapi) resolvedSchemas.set(index, await openApiDocuments.resolve(a.openapi, ctx));
    }),
  );
  let json: unknown;
  if (config.assertions.some((a) => a.source === "json_path" || a.source === "json_schema")) {
    try {
      json = JSON.parse(observed.body);
    } catch {
      json = undefined;
    }
  }
  return evaluateAssertions(
    config.assertions,
    {
      status: observed.status,
      headers: observed.headers,
      bodyText: observed.body,
      json,
      latencyMs: observed.latencyMs,
      // What was sent, also when it was more than the check reads.
      sizeBytes: Math.max(observed.bytes, observed.contentLength ?? 0),
    },
    { redact: ctx.redact, resolvedSchemas },
  );
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
    let bodyBytes = 0;
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
      const read = await readBody(res.body);
      body = read.text;
      bodyBytes = read.bytes;
    } catch (err) {
      const outcome = ctx.signal.aborted ? attempt.timedOut(authDetails) : attempt.failed(networkFailure(err, ctx.timeoutMs), authDetails);
      return { ...outcome, status, headers };
    }
    const latencyMs = attempt.elapsed();
    const contentLength = Number(rawHeaders["content-length"]);
    const results =
      config.assertions.length > 0
        ? await judge(
            config,
            { status, headers: rawHeaders, body, bytes: bodyBytes, contentLength: Number.isFinite(contentLength) ? contentLength : null, latencyMs },
            ctx,
          )
        : [];
    if (results.length > 0) signals = { ...signals, assertions: results };
    if (Object.keys(signals).length === 0) signals = undefined;
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
    const failure = assertionFailureMessage(results);
    if (failure) return { ok: false, errorClass: "assertion", message: failure, latencyMs, retryable: false, ...response };
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
