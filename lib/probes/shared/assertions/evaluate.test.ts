import { describe, expect, it } from "vitest";
import { assertionFailureMessage, evaluateAssertions, type ObservedResponse } from "./evaluate";
import { assertionSchema, COMPARISONS_BY_SOURCE, ASSERTION_SOURCES, type Assertion } from "./schema";

const body = JSON.stringify({ status: "UP", count: 7, items: ["a", "b"], empty: [], none: null, nested: { ok: true } });
const observed: ObservedResponse = {
  status: 200,
  headers: { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "42", "set-cookie": ["a=1", "b=2"], "x-blank": "" },
  bodyText: body,
  json: JSON.parse(body),
  latencyMs: 120.4,
  sizeBytes: body.length,
};

const parse = (raw: unknown): Assertion => assertionSchema.parse(raw);
const run = (raw: Record<string, unknown>, o: ObservedResponse = observed) => evaluateAssertions([parse(raw)], o)[0]!;

// [source, property, comparison, target, passes, fails]: one target that passes and one that fails for each pair.
type Row = [string, string | undefined, string, string | undefined, string | undefined];
const rows: Row[] = [
  ["status", undefined, "equals", "200", "201"],
  ["status", undefined, "not_equals", "500", "200"],
  ["status", undefined, "greater_than", "199", "200"],
  ["status", undefined, "greater_or_equal", "200", "201"],
  ["status", undefined, "less_than", "300", "200"],
  ["status", undefined, "less_or_equal", "200", "199"],
  ["status", undefined, "matches", "^2\\d\\d$", "^5"],
  ["header", "content-type", "equals", "application/json; charset=utf-8", "text/html"],
  ["header", "content-type", "not_equals", "text/html", "application/json; charset=utf-8"],
  ["header", "Content-Type", "contains", "json", "xml"],
  ["header", "content-type", "not_contains", "xml", "json"],
  ["header", "x-ratelimit-remaining", "greater_than", "10", "42"],
  ["header", "x-ratelimit-remaining", "greater_or_equal", "42", "43"],
  ["header", "x-ratelimit-remaining", "less_than", "43", "42"],
  ["header", "x-ratelimit-remaining", "less_or_equal", "42", "41"],
  ["header", "content-type", "matches", "^application/(\\w+\\+)?json", "^text/"],
  ["header", "set-cookie", "contains", "b=2", "c=3"],
  ["json_path", "$.status", "equals", "UP", "DOWN"],
  ["json_path", "$.count", "equals", "7", "8"],
  ["json_path", "$.nested.ok", "equals", "true", "false"],
  ["json_path", "$.status", "not_equals", "DOWN", "UP"],
  ["json_path", "$.items", "contains", "b", "c"],
  ["json_path", "$.status", "contains", "U", "D"],
  ["json_path", "$.items", "not_contains", "c", "a"],
  ["json_path", "$.count", "greater_than", "6", "7"],
  ["json_path", "$.count", "greater_or_equal", "7", "8"],
  ["json_path", "$.count", "less_than", "8", "7"],
  ["json_path", "$.count", "less_or_equal", "7", "6.5"],
  ["json_path", "$.status", "matches", "^(UP|OK)$", "^DOWN$"],
  ["body", undefined, "equals", body, "{}"],
  ["body", undefined, "not_equals", "{}", body],
  ["body", undefined, "contains", '"status":"UP"', "DOWN"],
  ["body", undefined, "not_contains", "DOWN", "UP"],
  ["body", undefined, "matches", '"count":\\s*\\d+', '"count":"'],
  ["response_time", undefined, "equals", "120", "121"],
  ["response_time", undefined, "not_equals", "121", "120"],
  ["response_time", undefined, "greater_than", "100", "120"],
  ["response_time", undefined, "greater_or_equal", "120", "121"],
  ["response_time", undefined, "less_than", "300", "120"],
  ["response_time", undefined, "less_or_equal", "120", "119"],
  ["response_size", undefined, "equals", String(body.length), "1"],
  ["response_size", undefined, "not_equals", "1", String(body.length)],
  ["response_size", undefined, "greater_than", "10", String(body.length)],
  ["response_size", undefined, "greater_or_equal", String(body.length), String(body.length + 1)],
  ["response_size", undefined, "less_than", String(body.length + 1), String(body.length)],
  ["response_size", undefined, "less_or_equal", String(body.length), "10"],
];

// Unary comparisons: [source, property that passes, property that fails] (body: observed bodies instead).
const unary: [string, string, string, string][] = [
  ["header", "is_empty", "x-blank", "content-type"],
  ["header", "is_not_empty", "content-type", "x-blank"],
  ["header", "exists", "content-type", "x-missing"],
  ["json_path", "is_empty", "$.empty", "$.items"],
  ["json_path", "is_not_empty", "$.items", "$.none"],
  ["json_path", "exists", "$.none", "$.missing"],
];

describe("evaluateAssertions: every source × comparison", () => {
  it("covers every combination the schema allows", () => {
    const covered = new Set([...rows.map((r) => `${r[0]}:${r[2]}`), ...unary.map((u) => `${u[0]}:${u[1]}`), "body:is_empty", "body:is_not_empty"]);
    const allowed = ASSERTION_SOURCES.flatMap((s) => COMPARISONS_BY_SOURCE[s].map((c) => `${s}:${c}`));
    expect(allowed.filter((key) => !covered.has(key))).toEqual([]);
  });

  it.each(rows)("%s %s %s: passes with %j, fails with %j", (source, property, comparison, pass, fail) => {
    const passed = run({ source, property, comparison, target: pass });
    expect(passed).toMatchObject({ passed: true });
    const failed = run({ source, property, comparison, target: fail });
    expect(failed.passed).toBe(false);
    expect(failed.message).toMatch(/\(saw /);
  });

  it.each(unary)("%s %s: passes on %s, fails on %s", (source, comparison, pass, fail) => {
    expect(run({ source, property: pass, comparison }).passed).toBe(true);
    expect(run({ source, property: fail, comparison }).passed).toBe(false);
  });

  it("body is_empty and is_not_empty", () => {
    const emptyBody = { ...observed, bodyText: "", json: undefined, sizeBytes: 0 };
    expect(run({ source: "body", comparison: "is_empty" }, emptyBody).passed).toBe(true);
    expect(run({ source: "body", comparison: "is_empty" }).passed).toBe(false);
    expect(run({ source: "body", comparison: "is_not_empty" }).passed).toBe(true);
    expect(run({ source: "body", comparison: "is_not_empty" }, emptyBody).passed).toBe(false);
  });
});

describe("evaluateAssertions: what a failure says", () => {
  it("names the assertion and the value it saw", () => {
    expect(run({ source: "status", comparison: "equals", target: "200" }, { ...observed, status: 503 })).toEqual({
      assertion: "status equals 200",
      passed: false,
      actual: "503",
      message: "status equals 200 (saw 503)",
    });
  });

  it("an absent header or path is 'nothing', differs from anything and contains nothing", () => {
    expect(run({ source: "header", property: "x-missing", comparison: "equals", target: "a" })).toMatchObject({
      passed: false,
      actual: null,
      message: "header x-missing equals a (saw nothing)",
    });
    expect(run({ source: "header", property: "x-missing", comparison: "not_equals", target: "a" }).passed).toBe(true);
    expect(run({ source: "json_path", property: "$.missing", comparison: "not_contains", target: "a" }).passed).toBe(true);
    expect(run({ source: "json_path", property: "$.missing", comparison: "is_empty" }).passed).toBe(true);
    expect(run({ source: "json_path", property: "$.missing", comparison: "greater_than", target: "1" }).passed).toBe(false);
  });

  it("a JSON path on a body that is not JSON fails every comparison, is_empty included", () => {
    const html = { ...observed, bodyText: "<html>", json: undefined };
    expect(run({ source: "json_path", property: "$.errors", comparison: "is_empty" }, html)).toMatchObject({
      passed: false,
      message: "$.errors is empty (the body is not JSON)",
    });
  });

  it("a numeric comparison on text says it is not a number", () => {
    expect(run({ source: "json_path", property: "$.status", comparison: "greater_than", target: "1" }).message).toBe(
      "$.status is greater than 1 (saw UP: it is not a number)",
    );
  });

  it("clips the value it shows, and redacts secrets before clipping", () => {
    const secret = "sk_live_abcdefghijklmnop";
    const long = `${"x".repeat(190)}${secret}${"y".repeat(500)}`;
    const results = evaluateAssertions(
      [parse({ source: "body", comparison: "equals", target: "z" })],
      { ...observed, bodyText: long },
      {
        redact: (t) => t.split(secret).join("[redacted]"),
      },
    );
    expect(results[0]!.actual).toHaveLength(200);
    expect(results[0]!.actual).toContain("[redacted");
    expect(results[0]!.actual).not.toContain("sk_live");
  });

  it("the run's message counts and names the failed ones", () => {
    const results = evaluateAssertions(
      [
        parse({ source: "status", comparison: "equals", target: "200" }),
        parse({ source: "json_path", property: "$.status", comparison: "equals", target: "UP" }),
        parse({ source: "response_time", comparison: "less_than", target: "100" }),
      ],
      { ...observed, status: 503 },
    );
    expect(assertionFailureMessage(results)).toBe("2 of 3 assertions failed: status equals 200 (saw 503); response time (ms) is less than 100 (saw 120)");
    expect(assertionFailureMessage(results.filter((r) => r.passed))).toBeNull();
  });
});

describe("regular expressions run in linear time", () => {
  it("a catastrophic pattern on 30k 'a's and a 'b' returns its answer (RE2 has no backtracking)", () => {
    const input = `${"a".repeat(30_000)}b`;
    const o = { ...observed, bodyText: input, json: undefined };
    expect(run({ source: "body", comparison: "matches", target: "^(a+)+$" }, o)).toMatchObject({ passed: false });
    expect(run({ source: "body", comparison: "matches", target: "(a|aa)+b$" }, o)).toMatchObject({ passed: true });
  });

  it("a catastrophic pattern inside a JSON Schema runs on RE2 too", () => {
    const schema = { type: "object", properties: { name: { type: "string", pattern: "^(a+)+$" } } };
    const [result] = evaluateAssertions([parse({ source: "json_schema", schema })], { ...observed, json: { name: `${"a".repeat(30_000)}b` } });
    expect(result).toMatchObject({ passed: false, violations: [{ instancePath: "/name", keyword: "pattern" }] });
  });
});

describe("json_schema assertions", () => {
  const schema = {
    type: "object",
    required: ["id", "email"],
    properties: { id: { type: "integer" }, email: { type: "string", format: "email" }, tags: { type: "array", items: { type: "string" } } },
  };

  it("passes a conforming body and lists every violation of another", () => {
    const ok = evaluateAssertions([parse({ source: "json_schema", schema })], { ...observed, json: { id: 1, email: "a@b.co" } })[0]!;
    expect(ok).toMatchObject({ passed: true });
    const bad = evaluateAssertions([parse({ source: "json_schema", schema: JSON.stringify(schema) })], {
      ...observed,
      json: { id: "1", email: "nope", tags: [1] },
    })[0]!;
    expect(bad.passed).toBe(false);
    expect(bad.violations).toEqual([
      { instancePath: "/id", keyword: "type", message: "must be integer" },
      { instancePath: "/email", keyword: "format", message: 'must match format "email"' },
      { instancePath: "/tags/0", keyword: "type", message: "must be string" },
    ]);
    expect(bad.message).toBe('body matches the JSON Schema (3 violations: /id must be integer; /email must match format "email"; /tags/0 must be string)');
  });

  it("reads 2020-12 by $schema (prefixItems) and draft-07 otherwise (items as a tuple)", () => {
    const v2020 = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }], items: false };
    expect(evaluateAssertions([parse({ source: "json_schema", schema: v2020 })], { ...observed, json: ["a"] })[0]!.passed).toBe(true);
    expect(evaluateAssertions([parse({ source: "json_schema", schema: v2020 })], { ...observed, json: ["a", "b"] })[0]!.passed).toBe(false);
    const draft7 = { type: "array", items: [{ type: "string" }], additionalItems: false };
    expect(evaluateAssertions([parse({ source: "json_schema", schema: draft7 })], { ...observed, json: ["a", "b"] })[0]!.passed).toBe(false);
  });

  it("caps the violations it keeps and says how many there were", () => {
    const many = { type: "array", items: { type: "string" } };
    const [result] = evaluateAssertions([parse({ source: "json_schema", schema: many })], { ...observed, json: Array.from({ length: 60 }, (_, i) => i) });
    expect(result!.violations).toHaveLength(20);
    expect(result!.actual).toBe("60 violations");
    expect(result!.message).toMatch(/; 57 more\)$/);
  });

  it("fails clearly on a body that is not JSON, a schema that does not compile, or an unknown dialect", () => {
    const html = { ...observed, bodyText: "<html>", json: undefined };
    expect(evaluateAssertions([parse({ source: "json_schema", schema })], html)[0]!.message).toBe("body matches the JSON Schema (the body is not JSON)");
    expect(evaluateAssertions([parse({ source: "json_schema", schema: { type: "nope" } })], observed)[0]!.message).toMatch(/the JSON Schema is not valid/);
    expect(
      evaluateAssertions([parse({ source: "json_schema", schema: { $schema: "http://json-schema.org/draft-04/schema#" } })], observed)[0]!.message,
    ).toMatch(/is not draft-07, 2019-09 or 2020-12/);
  });

  it("takes an OpenAPI operation's schema resolved beforehand, or says it could not be read", () => {
    const a = parse({ source: "json_schema", openapi: { url: "https://api.example.com/openapi.json", path: "/v1/user", method: "GET", status: 200 } });
    const resolved = new Map([[0, { ok: true as const, schema: { type: "object", required: ["id"] } }]]);
    expect(evaluateAssertions([a], { ...observed, json: {} }, { resolvedSchemas: resolved })[0]!.message).toBe(
      "body matches GET /v1/user 200 of the OpenAPI document (1 violation: / must have required property 'id')",
    );
    const unread = new Map([[0, { ok: false as const, error: "the document answered HTTP 404" }]]);
    expect(evaluateAssertions([a], observed, { resolvedSchemas: unread })[0]!.message).toBe(
      "body matches GET /v1/user 200 of the OpenAPI document (the document answered HTTP 404)",
    );
  });
});
