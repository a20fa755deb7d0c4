import { describe, expect, it } from "vitest";
import { bySeverity, findingCounts, findingsOf } from "./findings";

describe("findings read back from a run", () => {
  it("keeps well-formed findings and drops the rest; undefined when none were recorded", () => {
    const details = {
      findings: [
        { rule: "tool-name-duplicate", severity: "error", message: "Two tools share a name", subject: "tool search" },
        { rule: "no-severity", message: "dropped" },
        "not a finding",
      ],
    };
    expect(findingsOf(details)).toEqual([{ rule: "tool-name-duplicate", severity: "error", message: "Two tools share a name", subject: "tool search" }]);
    expect(findingsOf({ tools: ["a"] })).toBeUndefined();
    expect(findingsOf(null)).toBeUndefined();
  });

  it("orders errors, warnings, info, keeping the checks' order within each, and counts them", () => {
    const f = (rule: string, severity: "error" | "warning" | "info") => ({ rule, severity, message: rule });
    const sorted = bySeverity([f("a", "info"), f("b", "warning"), f("c", "error"), f("d", "warning"), f("e", "error")]);
    expect(sorted.map((x) => x.rule)).toEqual(["c", "e", "b", "d", "a"]);
    expect(findingCounts(sorted).map((c) => c.label)).toEqual(["2 errors", "2 warnings", "1 info"]);
    expect(findingCounts([f("x", "warning")]).map((c) => c.label)).toEqual(["1 warning"]);
  });
});
