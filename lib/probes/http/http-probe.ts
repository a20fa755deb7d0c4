// HTTP probe: the auth type's token step or signature where it has one, one request, then status, latency-budget and
// body assertions, each failing with its own class (a provider's refusal of signed credentials as `auth`). Headers are
// read for rate limits, deprecation and the credential. A JSON body's shape is kept, and its after-run step flags drift.
import { JSONPath } from "jsonpath-plus";
import type { HttpAssertion, HttpConfig } from "./config";
import { exchange, EXCERPT_CHARS } from "./exchange";
import { parseStatusSpec, statusMatches } from "../../domain/status-spec";
import { startAttempt } from "../shared/attempt";
import { bodyShape } from "../shared/shape/fingerprint";
import { SHAPE_KEY, withShapeDrift } from "../shared/shape/drift";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";

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

export const httpProbe: Probe<HttpConfig> = {
  async run(config: HttpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const res = await exchange(
      {
        method: config.method,
        url: config.url,
        headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])),
        body: config.body,
        auth: config.auth,
        requiredScopes: config.requiredScopes,
      },
      ctx,
      attempt,
    );
    if (!res.ok) return res.outcome;
    const { status, headers, body } = res;
    const signals = res.details;
    const latencyMs = attempt.elapsed();
    const response: { status: number; headers: Record<string, string>; bodyExcerpt: string; details?: Record<string, unknown> } = {
      status,
      headers,
      bodyExcerpt: body.slice(0, EXCERPT_CHARS),
      details: signals,
    };
    const spec = parseStatusSpec(config.expectedStatus);
    if (spec.ok && !statusMatches(spec.ranges, status)) {
      // A signed request's refusal (S3's SignatureDoesNotMatch, Azure's AuthenticationFailed) is the credentials, not the API.
      const refusal = res.refusal?.({ status, headers: res.rawHeaders, body });
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
    // Only an expected answer has the contract's shape: an error page's is no drift.
    const shape = config.trackShape === false ? undefined : bodyShape(body);
    if (shape) response.details = { ...response.details, [SHAPE_KEY]: shape };
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
  afterRun: withShapeDrift,
};
