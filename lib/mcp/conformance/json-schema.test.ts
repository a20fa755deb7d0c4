import { describe, expect, it } from "vitest";
import { compileSchema, describeError } from "./json-schema";

describe("compileSchema", () => {
  it("reads 2020-12 by default and draft-07 when $schema says so", () => {
    // Array-form `items` is draft-07 tuple validation; 2020-12 replaced it with prefixItems and rejects it.
    const tuple = { type: "object", properties: { pair: { type: "array", items: [{ type: "string" }, { type: "number" }] } } };
    expect(compileSchema(tuple)).toMatchObject({ ok: false, dialect: "2020-12" });
    const draft7 = compileSchema({ $schema: "http://json-schema.org/draft-07/schema#", ...tuple });
    expect(draft7).toMatchObject({ ok: true, dialect: "draft-07" });
    if (!draft7.ok) return;
    expect(draft7.validate({ pair: ["a", 1] })).toBe(true);
    expect(draft7.validate({ pair: [1, "a"] })).toBe(false);
  });

  it("checks formats and allows unknown keywords", () => {
    const compiled = compileSchema({ type: "object", "x-vendor": true, properties: { at: { type: "string", format: "date-time" } } });
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.validate({ at: "2026-12-02T10:00:00Z" })).toBe(true);
    expect(compiled.validate({ at: "yesterday" })).toBe(false);
    expect(compiled.validate.errors!.map(describeError)).toEqual(['/at must match format "date-time"']);
  });

  it("names an unknown dialect and compiles the schema as 2020-12", () => {
    expect(compileSchema({ $schema: "https://example.com/my-dialect", type: "object" })).toMatchObject({
      ok: true,
      dialect: "2020-12",
      unknownDialect: "https://example.com/my-dialect",
    });
  });

  it("reports a schema that does not compile", () => {
    expect(compileSchema({ type: "object", properties: { q: { type: "strnig" } } })).toMatchObject({
      ok: false,
      error: expect.stringContaining("schema is invalid"),
    });
  });
});
