import { describe, expect, it } from "vitest";
import type { Finding } from "../mcp/types";
import { EXIT, checkExitCode, failingFindings, failsAt } from "./exit-codes";

const f = (severity: Finding["severity"]): Finding => ({ rule: `r-${severity}`, severity, message: "m" });
const ok = { connected: true, failing: 0, breaking: 0 };

describe("exit codes", () => {
  it("keeps the documented numbers", () => {
    expect(EXIT).toEqual({ passed: 0, failed: 1, unreachable: 2, usage: 3 });
  });

  it.each([
    ["error", ["error"]],
    ["warning", ["error", "warning"]],
    ["info", ["error", "warning", "info"]],
    ["never", []],
  ] as const)("--fail-on %s fails on %j", (failOn, severities) => {
    const all = [f("error"), f("warning"), f("info")];
    expect(failingFindings(all, failOn).map((x) => x.severity)).toEqual(severities);
    expect(failsAt("info", failOn)).toBe(severities.includes("info" as never));
  });

  it("0 when every server passed, 1 on a failing finding or a breaking change, 2 when one could not be reached", () => {
    expect(checkExitCode([ok, ok], "error")).toBe(0);
    expect(checkExitCode([ok, { ...ok, failing: 1 }], "error")).toBe(1);
    expect(checkExitCode([{ ...ok, breaking: 2 }], "error")).toBe(1);
    expect(
      checkExitCode(
        [
          { ...ok, failing: 3 },
          { connected: false, failing: 0, breaking: 0 },
        ],
        "error",
      ),
    ).toBe(2);
  });

  it("--fail-on never reports only, but an unreachable server still exits 2", () => {
    expect(checkExitCode([{ ...ok, failing: 1, breaking: 1 }], "never")).toBe(0);
    expect(checkExitCode([{ connected: false, failing: 0, breaking: 0 }], "never")).toBe(2);
  });
});
