import { describe, expect, it } from "vitest";
import { assertionFromRow, moveRow, newAssertionRow, rowFromAssertion, withSource } from "./form";
import { assertionSchema } from "./schema";

describe("assertion rows", () => {
  it("round-trips every kind of assertion through a row", () => {
    for (const raw of [
      { source: "status", comparison: "less_than", target: "500" },
      { source: "header", property: "etag", comparison: "exists" },
      { source: "json_path", property: "$.items", comparison: "is_not_empty" },
      { source: "body", comparison: "matches", target: "^ok$" },
      { source: "json_schema", schema: { type: "object" } },
      { source: "json_schema", openapi: { url: "https://x.test/openapi.yaml", path: "/v1/a", method: "post", status: "2XX" } },
    ]) {
      const parsed = assertionSchema.parse(raw);
      expect(assertionSchema.parse(assertionFromRow(rowFromAssertion(parsed)))).toEqual(parsed);
    }
  });

  it("keeps a comparison the new source can make and otherwise takes the source's first", () => {
    const row = newAssertionRow({ source: "json_path", comparison: "contains" });
    expect(withSource(row, "header").comparison).toBe("contains");
    expect(withSource(row, "status").comparison).toBe("equals");
    expect(withSource(newAssertionRow({ comparison: "exists", source: "header" }), "body").comparison).toBe("equals");
  });

  it("moves a row one place and leaves the ends alone", () => {
    expect(moveRow(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveRow(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveRow(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveRow(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("gives every row its own id", () => {
    expect(newAssertionRow().id).not.toBe(newAssertionRow().id);
  });
});
