import { describe, expect, it } from "vitest";
import { problemLocation } from "./problem-location";

describe("problemLocation", () => {
  it("names the document, the line and column, and the field", () => {
    expect(problemLocation({ document: 2, line: 27, column: 33, path: "spec.objectives.0.targetPercent", message: "x" })).toBe(
      "document 2, line 27, column 33, at spec.objectives.0.targetPercent",
    );
  });

  it("leaves out the first document's number and what it does not know", () => {
    expect(problemLocation({ document: 1, line: 3, column: 1, message: "x" })).toBe("line 3, column 1");
    expect(problemLocation({ document: 1, message: "x" })).toBe("");
  });
});
