// HTTP probe: one request, then status, latency-budget and body assertions, each failing with its own class.
import { request } from "undici";
import { JSONPath } from "jsonpath-plus";
import type { HttpAssertion, HttpConfig } from "../../domain/integration-config";
import { parseStatusSpec, statusMatches } from "../../domain/status-spec";
import { classifyNetworkError } from "../classify-error";
import { createSafeDispatcher } from "../../security/outbound";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";

const MAX_BODY_BYTES = 1024 * 1024;
const EXCERPT_CHARS = 2_000;
const TRACE_HEADERS = ["content-type", "content-length", "retry-after", "x-ratelimit-remaining", "x-ratelimit-limit", "deprecation", "sunset", "server", "location"];

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
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    let status: number | undefined;
    let headers: Record<string, string> | undefined;
    let body = "";
    try {
      const res = await request(config.url, {
        method: config.method,
        headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])),
        body: config.body && config.method !== "GET" && config.method !== "HEAD" ? config.body : undefined,
        signal: ctx.signal,
        dispatcher: createSafeDispatcher(ctx.outbound),
      });
      status = res.statusCode;
      headers = {};
      for (const name of TRACE_HEADERS) {
        const value = res.headers[name];
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      body = await readBody(res.body);
    } catch (err) {
      const { errorClass, message } = classifyNetworkError(ctx.signal.aborted ? Object.assign(new Error("aborted"), { name: "AbortError" }) : err);
      const timedOut = errorClass === "timeout";
      return {
        ok: false,
        errorClass,
        message: timedOut ? `No response within ${ctx.timeoutMs} ms` : message,
        latencyMs: timedOut ? ctx.timeoutMs : elapsed(),
        retryable: errorClass !== "tls" && errorClass !== "blocked",
        status,
        headers,
      };
    }
    const latencyMs = elapsed();
    const response = { status, headers, bodyExcerpt: body.slice(0, EXCERPT_CHARS) };
    const spec = parseStatusSpec(config.expectedStatus);
    if (spec.ok && !statusMatches(spec.ranges, status)) {
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
