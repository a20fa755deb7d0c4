// HTTP probe: one request, then status, latency-budget and body assertions, each failing with its own class.
import { request } from "undici";
import { JSONPath } from "jsonpath-plus";
import type { OutgoingRequest } from "./auth/scheme";
import { applyAuth, authScheme } from "./auth/schemes";
import type { HttpAssertion, HttpConfig } from "./config";
import { parseDeprecation, parseRateLimit } from "./provider-signals";
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

export function checkAssertion(assertion: HttpAssertion, body: string): string | null {
  if (assertion.type === "body_contains") {
    return body.includes(assertion.text) ? null : `Body does not contain "${assertion.text}"`;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return "Body is not JSON, so the JSON path cannot be checked";
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
    let status: number | undefined;
    let headers: Record<string, string> | undefined;
    let body = "";
    let signals: Record<string, unknown> | undefined;
    let rawHeaders: Record<string, string | string[] | undefined> = {};
    let target: OutgoingRequest;
    try {
      target = await applyAuth(
        {
          method: config.method,
          url: config.url,
          headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])),
          body: config.body && config.method !== "GET" && config.method !== "HEAD" ? config.body : undefined,
        },
        config.auth,
        { now: ctx.now },
      );
    } catch (err) {
      return attempt.failed({ errorClass: "config", message: `The credentials could not be applied: ${(err as Error).message}`, retryable: false });
    }
    try {
      const res = await request(target.url, {
        method: target.method,
        headers: target.headers,
        body: target.body,
        signal: ctx.signal,
        dispatcher: createSafeDispatcher(ctx.outbound),
      });
      status = res.statusCode;
      rawHeaders = res.headers;
      headers = {};
      for (const name of TRACE_HEADERS) {
        const value = res.headers[name];
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      const rateLimit = parseRateLimit(res.headers, ctx.now());
      const deprecation = parseDeprecation(res.headers, ctx.now());
      if (rateLimit || deprecation) signals = { ...(rateLimit ? { rateLimit } : {}), ...(deprecation ? { deprecation } : {}) };
      body = await readBody(res.body);
    } catch (err) {
      const outcome = ctx.signal.aborted ? attempt.timedOut() : attempt.failed(networkFailure(err, ctx.timeoutMs));
      return { ...outcome, status, headers };
    }
    const latencyMs = attempt.elapsed();
    const response = { status, headers, bodyExcerpt: body.slice(0, EXCERPT_CHARS), details: signals };
    const spec = parseStatusSpec(config.expectedStatus);
    if (spec.ok && !statusMatches(spec.ranges, status)) {
      const refusal = config.auth ? authScheme(config.auth).refusal?.({ status, headers: rawHeaders, body }) : null;
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
