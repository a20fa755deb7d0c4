import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { ConformanceReport } from "../../mcp/types";
import type { ServerResult } from "../check-result";
import { failingFindings, type FailOn } from "../exit-codes";
import { renderJunit } from "./check-junit";

const report = (over: Partial<ConformanceReport>): ConformanceReport => ({
  connected: true,
  transport: "stdio",
  protocolVersion: "2025-06-18",
  tools: [],
  findings: [],
  durationMs: 1500,
  ...over,
});

function result(name: string, rep: ConformanceReport, failOn: FailOn, baseline?: ServerResult["baseline"]): ServerResult {
  return {
    name,
    target: { transport: "stdio", command: "srv", args: ["--x"], env: [] },
    report: rep,
    failing: failingFindings(rep.findings, failOn),
    baseline,
  };
}

type Case = {
  "@_name": string;
  "@_classname": string;
  failure?: { "@_message": string; "@_type": string; "#text"?: string };
  error?: { "@_message": string; "@_type": string };
  "system-out"?: string;
};
type Suite = {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_errors": string;
  testcase: Case[];
  properties: { property: { "@_name": string; "@_value": string }[] };
};

function parse(xml: string): Suite[] {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["testsuite", "testcase", "property"].includes(name) }).parse(xml);
  return parsed.testsuites.testsuite;
}

describe("JUnit report", () => {
  const findings = report({
    findings: [
      { rule: "tool-name-invalid", severity: "error", message: 'Tool name "bad name" has a space', subject: "tool bad name" },
      { rule: "tool-name-invalid", severity: "error", message: 'Tool name "x&y" has <&>', subject: "tool x&y" },
      { rule: "origin-not-checked", severity: "warning", message: "A foreign Origin was accepted" },
    ],
  });

  it("one suite per server, one case per rule checked, failures at or above --fail-on", () => {
    const xml = renderJunit([result("everything", findings, "error"), result("quiet", report({}), "error")], "error", () => [
      "tools-list",
      "tool-name-invalid",
    ]);
    const [everything, quiet] = parse(xml);
    expect(everything!["@_name"]).toBe("everything");
    expect(everything!.testcase.map((c) => c["@_name"])).toEqual(["connect", "origin-not-checked", "tool-name-invalid", "tools-list"]);
    expect(everything!["@_tests"]).toBe("4");
    expect(everything!["@_failures"]).toBe("1");
    const names = everything!.testcase.find((c) => c["@_name"] === "tool-name-invalid")!;
    expect(names["@_classname"]).toBe("mcp.everything");
    expect(names.failure).toMatchObject({ "@_message": 'Tool name "bad name" has a space (and 1 more)', "@_type": "error" });
    expect(names.failure!["#text"]).toContain('[error] Tool name "x&y" has <&> (tool x&y)');
    // Below the threshold: passing, but the finding is kept.
    const origin = everything!.testcase.find((c) => c["@_name"] === "origin-not-checked")!;
    expect(origin.failure).toBeUndefined();
    expect(origin["system-out"]).toContain("[warning] A foreign Origin was accepted");
    expect(everything!.properties.property).toEqual(
      expect.arrayContaining([
        { "@_name": "target", "@_value": "srv --x" },
        { "@_name": "protocolVersion", "@_value": "2025-06-18" },
      ]),
    );
    expect(quiet!.testcase.map((c) => c["@_name"])).toEqual(["connect", "tool-name-invalid", "tools-list"]);
    expect(quiet!["@_failures"]).toBe("0");
  });

  it("--fail-on warning fails the warning too; never fails nothing", () => {
    const warning = parse(renderJunit([result("s", findings, "warning")], "warning", () => []))[0]!;
    expect(warning["@_failures"]).toBe("2");
    const never = parse(renderJunit([result("s", findings, "never")], "never", () => []))[0]!;
    expect(never["@_failures"]).toBe("0");
  });

  it("an unreachable server is one errored connect case", () => {
    const down = report({ connected: false, failure: { errorClass: "connect", message: "The command srv not found (ENOENT)" } });
    const [suite] = parse(renderJunit([result("down", down, "error")], "error", () => ["tools-list"]));
    expect(suite!.testcase).toHaveLength(1);
    expect(suite!["@_errors"]).toBe("1");
    expect(suite!.testcase[0]!.error).toEqual({ "@_message": "The command srv not found (ENOENT) (connect)", "@_type": "connect" });
  });

  it("a baseline case fails on breaking changes and lists the others", () => {
    const changes = [
      { impact: "breaking" as const, tool: "search", what: "property query newly required" },
      { impact: "additive" as const, tool: "fetch", what: "tool added" },
    ];
    const [suite] = parse(renderJunit([result("s", report({}), "error", { kind: "compared", changes })], "error", () => []));
    const baseline = suite!.testcase.find((c) => c["@_name"] === "baseline")!;
    expect(baseline.failure).toMatchObject({ "@_message": "1 breaking tool change against the baseline", "@_type": "breaking" });
    expect(baseline.failure!["#text"]).toBe("search: property query newly required");
    expect(baseline["system-out"]).toBe("additive fetch: tool added");
  });
});

describe("JUnit report, hostile text", () => {
  it("stays well-formed XML with markup, CDATA ends and control characters in a server's messages", () => {
    const nasty = 'a ]]> b <c d="e"> & \u0000\u001b[31m';
    const rep = report({ findings: [{ rule: "r", severity: "error", message: nasty, detail: nasty }] });
    const xml = renderJunit([result(`s${nasty}`, rep, "error")], "error", () => []);
    const [suite] = parse(xml);
    expect(suite!["@_name"]).toBe('sa ]]> b <c d="e"> & \uFFFD\uFFFD[31m');
    expect(suite!.testcase[1]!.failure!["#text"]).toContain('a ]]> b <c d="e"> & \uFFFD\uFFFD[31m');
  });
});
