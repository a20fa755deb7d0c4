import { describe, expect, it } from "vitest";
import type { Finding } from "../../mcp/types";
import { findingsBreach } from "./mcp-probe";

const f = (rule: string, severity: Finding["severity"], subject?: string): Finding => ({ rule, severity, message: "m", subject });

describe("findingsBreach", () => {
  const findings = [f("tool-name-invalid", "warning", "tool a b"), f("tool-name-duplicate", "error", "tool x"), f("protocol-version-old", "info")];

  it("never fails a run without failOn or with never", () => {
    expect(findingsBreach(findings, undefined)).toBeNull();
    expect(findingsBreach(findings, "never")).toBeNull();
  });

  it("names the findings at or above the chosen severity", () => {
    expect(findingsBreach(findings, "error")).toBe("1 finding at or above error: tool-name-duplicate (tool x)");
    expect(findingsBreach(findings, "warning")).toBe("2 findings at or above warning: tool-name-invalid (tool a b), tool-name-duplicate (tool x)");
    expect(findingsBreach([f("protocol-version-old", "info")], "warning")).toBeNull();
  });

  it("names at most five and counts the rest", () => {
    const many = Array.from({ length: 7 }, (_, i) => f(`rule-${i}`, "error"));
    expect(findingsBreach(many, "error")).toBe("7 findings at or above error: rule-0, rule-1, rule-2, rule-3, rule-4 and 2 more");
  });
});
