// Judges a response against a check's assertions. Pure and synchronous: the response is already read (and capped),
// an OpenAPI operation's schema already fetched; every assertion gets a verdict, the value it saw (clipped, with
// secrets redacted before the clip so no fragment of one survives) and a sentence naming both.
import { JSONPath } from "jsonpath-plus";
import { compilePattern, describeAssertion, NUMERIC_COMPARISONS, type Assertion, type FieldAssertion, type JsonSchemaAssertion } from "./schema";
import { validateJsonSchema, type JsonSchemaDialect, type SchemaViolation } from "./json-schema";

/** The response as the probe kept it. */
export interface ObservedResponse {
  status: number;
  /** Lower-case names, as undici gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as kept: already capped at the size the check reads. */
  bodyText: string;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
  latencyMs: number;
  sizeBytes: number;
}

/** A schema for a `json_schema` assertion that names an OpenAPI operation, found before evaluation (it needs a fetch). */
export type ResolvedSchema =
  | {
      ok: true;
      schema: Record<string, unknown>;
      dialect?: JsonSchemaDialect;
      /** Names this schema for the compiled-validator cache (a large document's schema is not serialised to find it). */
      cacheKey?: string;
    }
  | { ok: false; error: string };

export interface EvaluateOptions {
  /** Removes secret values from what is shown; applied before clipping. */
  redact?: (text: string) => string;
  /** By the assertion's index: the OpenAPI operations' schemas. */
  resolvedSchemas?: ReadonlyMap<number, ResolvedSchema>;
}

export interface AssertionResult {
  /** `status equals 200` */
  assertion: string;
  passed: boolean;
  /** What the response had, clipped; null when it had nothing there (no such header, the path matched nothing). */
  actual: string | null;
  /** `status equals 200 (saw 503)` */
  message: string;
  /** A JSON Schema assertion's violations, capped. */
  violations?: SchemaViolation[];
}

export const ACTUAL_CHARS = 200;

function clip(text: string): string {
  return text.length > ACTUAL_CHARS ? `${text.slice(0, ACTUAL_CHARS - 1)}…` : text;
}

function show(value: unknown, redact: (text: string) => string): string | null {
  if (value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return clip(redact(text));
}

/** A JSON value as text for comparisons: strings as they are, the rest as JSON (`true`, `5`, `{"a":1}`). */
function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

type Reading = { ok: true; value: unknown } | { ok: false; reason: string };

function read(a: FieldAssertion, observed: ObservedResponse): Reading {
  switch (a.source) {
    case "status":
      return { ok: true, value: observed.status };
    case "response_time":
      return { ok: true, value: Math.round(observed.latencyMs) };
    case "response_size":
      return { ok: true, value: observed.sizeBytes };
    case "body":
      return { ok: true, value: observed.bodyText };
    case "header": {
      const value = observed.headers[String(a.property).toLowerCase()];
      return { ok: true, value: Array.isArray(value) ? value.join(", ") : value };
    }
    case "json_path": {
      if (observed.json === undefined) return { ok: false, reason: "the body is not JSON" };
      try {
        const matches = JSONPath({ path: String(a.property), json: observed.json as object, wrap: true }) as unknown[];
        return { ok: true, value: matches.length === 0 ? undefined : matches[0] };
      } catch (err) {
        return { ok: false, reason: `the JSON path cannot be read (${err instanceof Error ? err.message : String(err)})` };
      }
    }
  }
}

/** Whether a present or absent value meets the comparison; a string when it cannot be compared at all. */
function compare(a: FieldAssertion, value: unknown): boolean | string {
  const target = a.target ?? "";
  const absent = value === undefined;
  const numericSource = a.source === "status" || a.source === "response_time" || a.source === "response_size";
  switch (a.comparison) {
    case "exists":
      return !absent;
    case "is_empty":
      return isEmpty(value);
    case "is_not_empty":
      return !isEmpty(value);
    // An absent value differs from anything and contains nothing.
    case "equals":
      if (absent) return false;
      return numericSource ? asNumber(value) === Number(target) : asText(value) === target;
    case "not_equals":
      if (absent) return true;
      return numericSource ? asNumber(value) !== Number(target) : asText(value) !== target;
    case "contains":
      if (absent) return false;
      return Array.isArray(value) ? value.some((v) => asText(v) === target) : asText(value).includes(target);
    case "not_contains":
      if (absent) return true;
      return Array.isArray(value) ? !value.some((v) => asText(v) === target) : !asText(value).includes(target);
    case "matches": {
      if (absent) return false;
      const compiled = compilePattern(target);
      if (!compiled.ok) return `the pattern does not compile (${compiled.error})`;
      // RE2: linear in the input, which is at most the body the check keeps.
      return compiled.regex.test(asText(value));
    }
    case "greater_than":
    case "greater_or_equal":
    case "less_than":
    case "less_or_equal": {
      if (absent) return false;
      const n = asNumber(value);
      if (n === null) return "it is not a number";
      const t = Number(target);
      if (a.comparison === "greater_than") return n > t;
      if (a.comparison === "greater_or_equal") return n >= t;
      if (a.comparison === "less_than") return n < t;
      return n <= t;
    }
  }
}

function evaluateField(a: FieldAssertion, observed: ObservedResponse, redact: (text: string) => string): AssertionResult {
  const assertion = describeAssertion(a);
  const reading = read(a, observed);
  if (!reading.ok) return { assertion, passed: false, actual: null, message: `${assertion} (${reading.reason})` };
  const actual = show(reading.value, redact);
  const verdict = compare(a, reading.value);
  if (verdict === true) return { assertion, passed: true, actual, message: assertion };
  const why = typeof verdict === "string" ? verdict : NUMERIC_COMPARISONS.includes(a.comparison) && actual === null ? "nothing there" : null;
  const saw = actual === null ? "saw nothing" : `saw ${actual}`;
  return { assertion, passed: false, actual, message: `${assertion} (${why ? `${saw}: ${why}` : saw})` };
}

const MAX_LISTED_IN_MESSAGE = 3;

function evaluateSchema(a: JsonSchemaAssertion, index: number, observed: ObservedResponse, options: EvaluateOptions): AssertionResult {
  const assertion = describeAssertion(a);
  const redact = options.redact ?? ((t: string) => t);
  const resolved: ResolvedSchema | undefined = a.schema ? { ok: true, schema: a.schema } : options.resolvedSchemas?.get(index);
  if (!resolved) return { assertion, passed: false, actual: null, message: `${assertion} (the OpenAPI document was not read)` };
  if (!resolved.ok) return { assertion, passed: false, actual: null, message: `${assertion} (${resolved.error})` };
  if (observed.json === undefined) {
    return { assertion, passed: false, actual: show(observed.bodyText, redact), message: `${assertion} (the body is not JSON)` };
  }
  const outcome = validateJsonSchema(resolved.schema, observed.json, resolved.dialect, resolved.cacheKey);
  if (!outcome.ok) return { assertion, passed: false, actual: null, message: `${assertion} (${outcome.error})` };
  if (outcome.violations.length === 0) return { assertion, passed: true, actual: null, message: assertion };
  const violations = outcome.violations.map((v) => ({ ...v, message: clip(redact(v.message)) }));
  const listed = violations
    .slice(0, MAX_LISTED_IN_MESSAGE)
    .map((v) => `${v.instancePath || "/"} ${v.message}`)
    .join("; ");
  const more = outcome.total > MAX_LISTED_IN_MESSAGE ? `; ${outcome.total - MAX_LISTED_IN_MESSAGE} more` : "";
  const count = `${outcome.total} violation${outcome.total === 1 ? "" : "s"}`;
  return { assertion, passed: false, actual: `${count}`, message: `${assertion} (${count}: ${listed}${more})`, violations };
}

/** Every assertion's verdict, in order. */
export function evaluateAssertions(assertions: readonly Assertion[], observed: ObservedResponse, options: EvaluateOptions = {}): AssertionResult[] {
  const redact = options.redact ?? ((t: string) => t);
  return assertions.map((a, index) => (a.source === "json_schema" ? evaluateSchema(a, index, observed, options) : evaluateField(a, observed, redact)));
}

/** The run's message when some failed: `2 of 3 assertions failed: status equals 200 (saw 503); …`; null when all passed. */
export function assertionFailureMessage(results: readonly AssertionResult[]): string | null {
  const failed = results.filter((r) => !r.passed);
  if (failed.length === 0) return null;
  const head = results.length === 1 ? "Assertion failed" : `${failed.length} of ${results.length} assertions failed`;
  return `${head}: ${failed.map((r) => r.message).join("; ")}`;
}
