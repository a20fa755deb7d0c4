// GraphQL probe: one operation POSTed as JSON through the HTTP kind's exchange (auth types, SSRF guard, token step),
// then: an unexpected status as the HTTP kind reads it; an answer that is not JSON or not a GraphQL response as
// `protocol`; a non-empty `errors` array as `graphql` (servers answer 200 regardless); the check's assertions
// (`assertion`, every verdict on `details.assertions`); the latency budget. With schema
// watch on, an introspection query follows on the same auth; its after-run steps flag schema and shape drift.
import type { GraphqlConfig } from "./config";
import { INTROSPECTION_QUERY, schemaReading, sdlFromIntrospection, withSchemaDrift } from "./schema-drift";
import { exchange, EXCERPT_CHARS, type ExchangeRequest } from "../http/exchange";
import { startAttempt } from "../shared/attempt";
import { fingerprint } from "../shared/shape/fingerprint";
import { SHAPE_KEY, withShapeDrift } from "../shared/shape/drift";
import { assertionFailureMessage, evaluateAssertions } from "../shared/assertions/evaluate";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";

/** Introspection answers of large APIs run to megabytes. */
const MAX_INTROSPECTION_BYTES = 16 * 1024 * 1024;
const SHOWN_ERRORS = 3;

interface GraphqlError {
  message?: unknown;
  path?: unknown;
}

/** `"Cannot query field…" at viewer.email; …` for the first few errors, with how many more there were. */
export function describeErrors(errors: GraphqlError[]): string {
  const shown = errors.slice(0, SHOWN_ERRORS).map((e) => {
    const message = typeof e.message === "string" ? e.message : JSON.stringify(e);
    const path = Array.isArray(e.path) && e.path.length > 0 ? ` at ${e.path.join(".")}` : "";
    return `"${message.slice(0, 300)}"${path}`;
  });
  const more = errors.length > SHOWN_ERRORS ? ` (+${errors.length - SHOWN_ERRORS} more)` : "";
  return `GraphQL error${errors.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}`;
}

type Answer = { ok: true; data: unknown; errors: GraphqlError[]; json: Record<string, unknown> } | { ok: false; message: string };

/** Reads a body as a GraphQL response: a JSON object with `data` and/or `errors`. */
export function readAnswer(body: string, contentType: string | undefined): Answer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: `The answer is not JSON${contentType ? ` (${contentType})` : ""}, so it is not a GraphQL response` };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json) || (!("data" in json) && !("errors" in json))) {
    return { ok: false, message: "The answer is JSON but not a GraphQL response: it has neither data nor errors" };
  }
  const { errors } = json as { errors?: unknown };
  if (errors !== undefined && !Array.isArray(errors)) return { ok: false, message: "The answer's errors is not a list, so it is not a GraphQL response" };
  return { ok: true, data: (json as { data?: unknown }).data ?? null, errors: (errors ?? []) as GraphqlError[], json: json as Record<string, unknown> };
}

function request(config: GraphqlConfig, document: { query: string; variables?: Record<string, unknown>; operationName?: string }): ExchangeRequest {
  return {
    method: "POST",
    url: config.url,
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json;q=0.9",
      ...Object.fromEntries(config.headers.map((h) => [h.name, h.value])),
    },
    body: JSON.stringify(document),
    auth: config.auth,
  };
}

/** The schema's reading and SDL for the after-run step, or a warning saying why there is none; never fails the run. */
async function introspect(config: GraphqlConfig, ctx: ProbeContext): Promise<Record<string, unknown>> {
  const attempt = startAttempt(ctx.timeoutMs);
  const res = await exchange({ ...request(config, { query: INTROSPECTION_QUERY }), maxBodyBytes: MAX_INTROSPECTION_BYTES }, ctx, attempt);
  const warn = (why: string) => ({ warnings: [`Schema watch: ${why}`] });
  if (!res.ok) return warn(`the introspection query failed (${res.outcome.ok ? "" : res.outcome.message})`);
  if (res.status < 200 || res.status > 299) return warn(`the introspection query got HTTP ${res.status}`);
  const answer = readAnswer(res.body, res.headers["content-type"]);
  if (!answer.ok) return warn(answer.message);
  if (answer.errors.length > 0) return warn(`the server refused introspection: ${describeErrors(answer.errors)}`);
  try {
    const sdl = sdlFromIntrospection(answer.data);
    return { schema: schemaReading(sdl), schemaSdl: sdl };
  } catch (err) {
    return warn(`the introspection answer is not a schema (${(err as Error).message})`);
  }
}

async function runQuery(config: GraphqlConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const attempt = startAttempt(ctx.timeoutMs);
  const document = {
    query: config.query,
    ...(Object.keys(config.variables).length > 0 ? { variables: config.variables } : {}),
    ...(config.operationName ? { operationName: config.operationName } : {}),
  };
  const res = await exchange(request(config, document), ctx, attempt);
  if (!res.ok) return res.outcome;
  const latencyMs = attempt.elapsed();
  const { status, headers, body } = res;
  const response = { status, headers, bodyExcerpt: body.slice(0, EXCERPT_CHARS), details: res.details };
  const fail = (
    errorClass: "graphql" | "protocol" | "assertion" | "latency_budget" | "http_status" | "rate_limited",
    message: string,
    retryable = false,
  ): ProbeOutcome => ({
    ok: false,
    errorClass,
    message,
    latencyMs,
    retryable,
    ...response,
  });
  const answer = readAnswer(body, headers["content-type"]);
  if (status < 200 || status > 299) {
    const refusal = res.refusal?.({ status, headers: res.rawHeaders, body });
    if (refusal) return { ok: false, latencyMs, ...refusal, ...response };
    // GraphQL over HTTP answers a request it cannot run with 4xx and its errors: say which.
    const why = answer.ok && answer.errors.length > 0 ? `: ${describeErrors(answer.errors)}` : "";
    return fail(status === 429 ? "rate_limited" : "http_status", `HTTP ${status}, expected 2xx${why}`, status >= 500 || status === 429);
  }
  if (!answer.ok) return fail("protocol", answer.message);
  const details: Record<string, unknown> = {
    ...res.details,
    ...(config.trackShape && answer.errors.length === 0 ? { [SHAPE_KEY]: fingerprint({ data: answer.data }) } : {}),
  };
  const outcome: { details?: Record<string, unknown> } & typeof response = { ...response, details: Object.keys(details).length > 0 ? details : undefined };
  if (answer.errors.length > 0) return { ...fail("graphql", describeErrors(answer.errors)), ...outcome };
  if (config.assertions.length > 0) {
    const observed = { status, headers: res.rawHeaders, bodyText: body, json: answer.json, latencyMs, sizeBytes: Buffer.byteLength(body) };
    const assertions = evaluateAssertions(config.assertions, observed, { redact: ctx.redact });
    outcome.details = { ...outcome.details, assertions };
    const failed = assertionFailureMessage(assertions);
    if (failed) return { ...fail("assertion", failed), ...outcome };
  }
  if (config.latencyBudgetMs !== undefined && latencyMs > config.latencyBudgetMs) {
    return { ...fail("latency_budget", `Took ${Math.round(latencyMs)} ms, over the budget of ${config.latencyBudgetMs} ms`), ...outcome };
  }
  return { ok: true, latencyMs, ...outcome };
}

export const graphqlProbe: Probe<GraphqlConfig> = {
  async run(config, ctx) {
    const outcome = await runQuery(config, ctx);
    // Only where the server answered: a network or auth failure would only fail the introspection the same way.
    if (!config.watchSchema || outcome.status === undefined || ctx.signal.aborted) return outcome;
    const schema = await introspect(config, ctx);
    const warnings = [...((outcome.details?.warnings as string[] | undefined) ?? []), ...((schema.warnings as string[] | undefined) ?? [])];
    return { ...outcome, details: { ...outcome.details, ...schema, ...(warnings.length > 0 ? { warnings } : {}) } };
  },
  async afterRun(result, history) {
    return withSchemaDrift(await withShapeDrift(result, history), history);
  },
};
