import { describe, expect, it } from "vitest";
import { assertionSchema, assertionsSchema, describeAssertion } from "./schema";

const messages = (raw: unknown) => {
  const parsed = assertionSchema.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("assertionSchema", () => {
  it("accepts each source with what it needs", () => {
    expect(messages({ source: "status", comparison: "equals", target: 200 })).toEqual([]);
    expect(messages({ source: "header", property: "content-type", comparison: "contains", target: "json" })).toEqual([]);
    expect(messages({ source: "json_path", property: "$.data.id", comparison: "exists" })).toEqual([]);
    expect(messages({ source: "body", comparison: "matches", target: "^ok" })).toEqual([]);
    expect(messages({ source: "response_time", comparison: "less_than", target: "300" })).toEqual([]);
    expect(messages({ source: "response_size", comparison: "greater_than", target: "0" })).toEqual([]);
    expect(messages({ source: "json_schema", schema: '{"type":"object"}' })).toEqual([]);
  });

  it("says what is missing or wrong for each combination", () => {
    expect(messages({ source: "header", comparison: "equals", target: "x" })).toEqual(["property: Enter the header name, e.g. content-type"]);
    expect(messages({ source: "header", property: "bad name", comparison: "exists" })).toEqual(["property: Not a valid header name"]);
    expect(messages({ source: "json_path", property: "data.id", comparison: "exists" })).toEqual(["property: A JSON path starts with $"]);
    expect(messages({ source: "status", property: "x", comparison: "equals", target: "200" })).toEqual(["property: A status assertion takes no property"]);
    expect(messages({ source: "status", comparison: "contains", target: "2" })).toEqual(['comparison: A status cannot be compared with "contains"']);
    expect(messages({ source: "body", comparison: "greater_than", target: "2" })).toEqual(['comparison: A body cannot be compared with "is greater than"']);
    expect(messages({ source: "response_time", comparison: "less_than", target: "fast" })).toEqual(['target: "is less than" compares numbers: enter a number']);
    expect(messages({ source: "status", comparison: "equals", target: "OK" })).toEqual(['target: "equals" compares numbers: enter a number']);
    expect(messages({ source: "json_path", property: "$.n", comparison: "greater_than", target: "" })).toEqual([
      'target: "is greater than" compares numbers: enter a number',
    ]);
    expect(messages({ source: "body", comparison: "contains" })).toEqual(["target: Enter the value to compare with"]);
    expect(messages({ source: "body", comparison: "matches" })).toEqual(["target: Enter a regular expression"]);
    expect(messages({ source: "json_path", property: "$.a", comparison: "exists", target: "x" })).toEqual(['target: "exists" takes no value']);
    expect(messages({ source: "status", comparison: "like", target: "1" })).toEqual(["comparison: Pick a comparison"]);
    expect(messages({ source: "cookie", comparison: "equals" })[0]).toMatch(/^source: Pick what to check/);
  });

  it("refuses a pattern the linear-time engine cannot run (backreferences, lookarounds) or that does not compile", () => {
    expect(messages({ source: "body", comparison: "matches", target: "(a)\\1" })[0]).toMatch(/^target: Not a regular expression Tether can run in linear time/);
    expect(messages({ source: "body", comparison: "matches", target: "foo(?=bar)" })[0]).toMatch(/linear time/);
    expect(messages({ source: "body", comparison: "matches", target: "([a-z]" })[0]).toMatch(/linear time/);
  });

  it("a JSON Schema is pasted text or an object, or an OpenAPI operation, exactly one", () => {
    expect(messages({ source: "json_schema", schema: "{ not json" })).toEqual(['schema: Paste a JSON Schema: a JSON object such as { "type": "object" }']);
    expect(messages({ source: "json_schema" })).toEqual(["schema: Paste a JSON Schema or name an OpenAPI operation, not both"]);
    const openapi = { url: "https://api.example.com/openapi.json", path: "/v1/user", method: "GET", status: 200 };
    expect(assertionSchema.parse({ source: "json_schema", openapi })).toEqual({ source: "json_schema", openapi: { ...openapi, method: "get", status: "200" } });
    expect(messages({ source: "json_schema", openapi: { ...openapi, status: "2xx" } })).toEqual([]);
    expect(messages({ source: "json_schema", openapi: { ...openapi, status: "ok", path: "v1/user" } })).toEqual([
      "openapi.path: The operation's path as the document writes it, e.g. /v1/balance",
      "openapi.status: A status such as 200, a range such as 2XX, or default",
    ]);
  });

  it("keeps at most 50 assertions", () => {
    const one = { source: "status", comparison: "equals", target: "200" };
    expect(assertionsSchema.safeParse(Array(50).fill(one)).success).toBe(true);
    expect(assertionsSchema.safeParse(Array(51).fill(one)).error?.issues[0]?.message).toBe("At most 50 assertions");
  });

  it("describes each assertion in one line", () => {
    expect(describeAssertion(assertionSchema.parse({ source: "header", property: "content-type", comparison: "contains", target: "json" }))).toBe(
      "header content-type contains json",
    );
    expect(describeAssertion(assertionSchema.parse({ source: "json_path", property: "$.errors", comparison: "is_empty" }))).toBe("$.errors is empty");
    expect(describeAssertion(assertionSchema.parse({ source: "body", comparison: "matches", target: "^ok" }))).toBe("body matches /^ok/");
  });
});
