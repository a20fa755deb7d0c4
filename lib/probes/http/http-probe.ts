// HTTP probe: the auth type's token step or signature where it has one, one request (./exchange.ts), then the status,
// the assertions (every one reported with what it saw), rate-limit headroom and the latency budget, each failing with
// its own class (a provider's refusal of signed credentials as `auth`). Headers are read for rate limits, deprecation
// and the credential. A JSON body's shape is kept, and its after-run step flags drift.
import type { HttpConfig } from "./config";
import { exchange, EXCERPT_CHARS } from "./exchange";
import { parseStatusSpec, statusMatches } from "../../domain/status-spec";
import { startAttempt } from "../shared/attempt";
import { bodyShape } from "../shared/shape/fingerprint";
import { SHAPE_KEY, withShapeDrift } from "../shared/shape/drift";
import { assertionFailureMessage, evaluateAssertions, type AssertionResult, type ResolvedSchema } from "../shared/assertions/evaluate";
import { createOpenApiCache } from "../shared/assertions/openapi";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";

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
    let signals = res.details;
    const latencyMs = attempt.elapsed();
    const contentLength = Number(res.rawHeaders["content-length"]);
    const results =
      config.assertions.length > 0
        ? await judge(
            config,
            { status, headers: res.rawHeaders, body, bytes: res.bytes, contentLength: Number.isFinite(contentLength) ? contentLength : null, latencyMs },
            ctx,
          )
        : [];
    if (results.length > 0) signals = { ...signals, assertions: results };
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
  afterRun: withShapeDrift,
};
