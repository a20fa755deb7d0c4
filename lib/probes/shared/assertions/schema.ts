// The assertions a check makes about a response: a source (status, a header, a JSON path, the body text, the response
// time or size), a comparison and a target, or "the body matches this JSON Schema". Pure zod: the form validates with
// it in the browser, so every combination that cannot be evaluated is refused here with a message beside its row.
import { z } from "zod";
import { RE2JS } from "re2js";

export const ASSERTION_SOURCES = ["status", "header", "json_path", "body", "response_time", "response_size"] as const;
export type AssertionSource = (typeof ASSERTION_SOURCES)[number];

export const ASSERTION_COMPARISONS = [
  "equals",
  "not_equals",
  "contains",
  "not_contains",
  "greater_than",
  "greater_or_equal",
  "less_than",
  "less_or_equal",
  "matches",
  "is_empty",
  "is_not_empty",
  "exists",
] as const;
export type AssertionComparison = (typeof ASSERTION_COMPARISONS)[number];

export const NUMERIC_COMPARISONS: readonly AssertionComparison[] = ["greater_than", "greater_or_equal", "less_than", "less_or_equal"];
/** Comparisons that take no target. */
export const UNARY_COMPARISONS: readonly AssertionComparison[] = ["is_empty", "is_not_empty", "exists"];

const TEXT: readonly AssertionComparison[] = ["equals", "not_equals", "contains", "not_contains", "matches", "is_empty", "is_not_empty"];
const NUMBER: readonly AssertionComparison[] = ["equals", "not_equals", ...NUMERIC_COMPARISONS];

/** Which comparisons each source can make; the form offers only these. */
export const COMPARISONS_BY_SOURCE: Record<AssertionSource, readonly AssertionComparison[]> = {
  status: [...NUMBER, "matches"],
  header: [...TEXT, ...NUMERIC_COMPARISONS, "exists"],
  json_path: ASSERTION_COMPARISONS,
  body: TEXT,
  response_time: NUMBER,
  response_size: NUMBER,
};

export const SOURCE_LABELS: Record<AssertionSource | "json_schema", string> = {
  status: "status",
  header: "header",
  json_path: "JSON path",
  body: "body",
  response_time: "response time (ms)",
  response_size: "response size (bytes)",
  json_schema: "body matches JSON Schema",
};

export const COMPARISON_LABELS: Record<AssertionComparison, string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  not_contains: "does not contain",
  greater_than: "is greater than",
  greater_or_equal: "is at least",
  less_than: "is less than",
  less_or_equal: "is at most",
  matches: "matches",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  exists: "exists",
};

export const MAX_ASSERTIONS = 50;
const MAX_TARGET = 4_096;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The RE2 (linear-time) reading of a user's pattern, or its syntax error. Backreferences and lookarounds do not exist there. */
export function compilePattern(pattern: string): { ok: true; regex: RE2JS } | { ok: false; error: string } {
  try {
    return { ok: true, regex: RE2JS.compile(pattern) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const fieldAssertionSchema = z
  .object({
    source: z.enum(ASSERTION_SOURCES, { error: "Pick what to check: status, header, JSON path, body, response time or size" }),
    /** The header name or the JSON path; nothing for the other sources. */
    property: z.preprocess(blank, z.string().trim().max(1_000, "At most 1000 characters").optional()),
    comparison: z.enum(ASSERTION_COMPARISONS, { error: "Pick a comparison" }),
    /** Always text (as typed); a number where the comparison is numeric, a pattern for `matches`. */
    target: z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().max(MAX_TARGET, "At most 4096 characters").optional()),
  })
  .superRefine((a, ctx) => {
    const issue = (path: "property" | "target" | "comparison", message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (a.source === "header") {
      if (!a.property) issue("property", "Enter the header name, e.g. content-type");
      else if (!HEADER_NAME.test(a.property)) issue("property", "Not a valid header name");
    } else if (a.source === "json_path") {
      if (!a.property) issue("property", "Enter a JSON path, e.g. $.status");
      else if (!a.property.startsWith("$")) issue("property", "A JSON path starts with $");
    } else if (a.property) {
      issue("property", `A ${SOURCE_LABELS[a.source]} assertion takes no property`);
    }
    if (!COMPARISONS_BY_SOURCE[a.source].includes(a.comparison)) {
      issue("comparison", `A ${SOURCE_LABELS[a.source]} cannot be compared with "${COMPARISON_LABELS[a.comparison]}"`);
      return;
    }
    const unary = UNARY_COMPARISONS.includes(a.comparison);
    if (unary) {
      if (a.target !== undefined && a.target !== "") issue("target", `"${COMPARISON_LABELS[a.comparison]}" takes no value`);
      return;
    }
    if (a.target === undefined) {
      issue("target", a.comparison === "matches" ? "Enter a regular expression" : "Enter the value to compare with");
      return;
    }
    const numeric = NUMERIC_COMPARISONS.includes(a.comparison) || ["status", "response_time", "response_size"].includes(a.source);
    if (numeric && a.comparison !== "matches" && (a.target.trim() === "" || !Number.isFinite(Number(a.target)))) {
      issue("target", `"${COMPARISON_LABELS[a.comparison]}" compares numbers: enter a number`);
    }
    if (a.comparison === "matches") {
      const compiled = compilePattern(a.target);
      if (!compiled.ok)
        issue("target", `Not a regular expression Tether can run in linear time (RE2 syntax: no backreferences or lookarounds): ${compiled.error}`);
    }
    if ((a.comparison === "contains" || a.comparison === "not_contains") && a.target === "") issue("target", "Enter the text to look for");
  });
export type FieldAssertion = z.infer<typeof fieldAssertionSchema>;

/** Parses pasted JSON Schema text; an object is taken as it is (integrations as code send one). */
const pastedSchema = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  },
  z.record(z.string(), z.unknown(), { error: 'Paste a JSON Schema: a JSON object such as { "type": "object" }' }),
);

export const OPENAPI_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export const openApiOperationSchema = z.object({
  url: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the OpenAPI document's full http:// or https:// URL" })),
  path: z.string().trim().startsWith("/", "The operation's path as the document writes it, e.g. /v1/balance"),
  method: z.preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(OPENAPI_METHODS, { error: "Pick the operation's method" })),
  /** The documented response: a status such as 200, a range such as 2XX, or default. */
  status: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim().toUpperCase().replace("DEFAULT", "default") : v),
    z.string().regex(/^([1-5]\d\d|[1-5]XX|default)$/, "A status such as 200, a range such as 2XX, or default"),
  ),
});
export type OpenApiOperation = z.infer<typeof openApiOperationSchema>;

export const jsonSchemaAssertionSchema = z
  .object({
    source: z.literal("json_schema"),
    /** The schema itself (draft-07 unless its $schema says 2020-12)... */
    schema: pastedSchema.optional(),
    /** ...or the response schema of one operation in the provider's published OpenAPI document. */
    openapi: openApiOperationSchema.optional(),
  })
  .superRefine((a, ctx) => {
    if (!a.schema === !a.openapi) {
      ctx.addIssue({ code: "custom", path: ["schema"], message: "Paste a JSON Schema or name an OpenAPI operation, not both" });
    }
  });
export type JsonSchemaAssertion = z.infer<typeof jsonSchemaAssertionSchema>;

export const assertionSchema = z.discriminatedUnion("source", [fieldAssertionSchema, jsonSchemaAssertionSchema], {
  error: "Pick what to check: status, header, JSON path, body, response time, response size or JSON Schema",
});
export type Assertion = z.infer<typeof assertionSchema>;

export const assertionsSchema = z.array(assertionSchema).max(MAX_ASSERTIONS, `At most ${MAX_ASSERTIONS} assertions`);

/** One line for a person: `status equals 200`, `header content-type contains json`. */
export function describeAssertion(a: Assertion): string {
  if (a.source === "json_schema") {
    return a.openapi
      ? `body matches ${a.openapi.method.toUpperCase()} ${a.openapi.path} ${a.openapi.status} of the OpenAPI document`
      : "body matches the JSON Schema";
  }
  const subject = a.source === "header" ? `header ${a.property}` : a.source === "json_path" ? String(a.property) : SOURCE_LABELS[a.source];
  const target = UNARY_COMPARISONS.includes(a.comparison) ? "" : ` ${a.comparison === "matches" ? `/${a.target}/` : a.target}`;
  return `${subject} ${COMPARISON_LABELS[a.comparison]}${target}`;
}
