// `tether mcp check --junit`: one testsuite per server, one testcase per rule checked (and "connect" when no
// session could be set up, "baseline" when tool lists were compared). A rule fails when it has a finding at or
// above --fail-on; findings below it are kept in the testcase's system-out so nothing is lost.
import junit from "junit-report-builder";
import type { Finding } from "../../mcp/types";
import { breakingChanges, describeTarget, type ServerResult } from "../check-result";
import { failsAt, type FailOn } from "../exit-codes";

// XML 1.0 cannot carry most control characters, even escaped; a server's message may hold any.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = <T>(value: T): T => (typeof value === "string" ? (value.replace(NOT_XML, "\uFFFD") as T) : value);

function cleanResult(r: ServerResult): ServerResult {
  const walk = (v: unknown): unknown =>
    typeof v === "string"
      ? clean(v)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(r) as ServerResult;
}

function lines(findings: Finding[]): string {
  return findings.map((f) => `[${f.severity}] ${f.message}${f.subject ? ` (${f.subject})` : ""}${f.detail ? `\n  ${f.detail}` : ""}`).join("\n");
}

export function renderJunit(results: ServerResult[], failOn: FailOn, rulesChecked: (r: ServerResult) => string[]): string {
  const builder = junit.newBuilder().name("tether mcp check");
  for (const r of results.map(cleanResult)) {
    const suite = builder.testSuite().name(r.name).property("target", describeTarget(r.target)).property("transport", r.target.transport);
    if (r.report.protocolVersion) suite.property("protocolVersion", r.report.protocolVersion);
    const className = `mcp.${r.name}`;
    if (!r.report.connected) {
      const why = r.report.failure ? `${r.report.failure.message} (${r.report.failure.errorClass})` : "no MCP session could be set up";
      suite
        .testCase()
        .className(className)
        .name("connect")
        .error(why, r.report.failure?.errorClass ?? "connect");
      continue;
    }
    suite
      .testCase()
      .className(className)
      .name("connect")
      .time(r.report.durationMs / 1000);
    const rules = [...new Set([...rulesChecked(r), ...r.report.findings.map((f) => f.rule)])].filter((rule) => rule !== "connect").sort();
    for (const rule of rules) {
      const found = r.report.findings.filter((f) => f.rule === rule);
      const tc = suite.testCase().className(className).name(rule);
      const failing = found.filter((f) => failsAt(f.severity, failOn));
      if (failing.length > 0) {
        const more = failing.length > 1 ? ` (and ${failing.length - 1} more)` : "";
        tc.failure(`${failing[0]!.message}${more}`, failing[0]!.severity).stacktrace(lines(failing));
      }
      const below = found.filter((f) => !failsAt(f.severity, failOn));
      if (below.length > 0) tc.standardOutput(lines(below));
    }
    if (r.baseline?.kind === "compared") {
      const tc = suite.testCase().className(className).name("baseline");
      const breaking = breakingChanges(r);
      if (breaking.length > 0 && failOn !== "never") {
        tc.failure(`${breaking.length} breaking tool change${breaking.length === 1 ? "" : "s"} against the baseline`, "breaking").stacktrace(
          breaking.map((c) => `${c.tool}: ${c.what}`).join("\n"),
        );
      }
      const rest = r.baseline.changes.filter((c) => c.impact !== "breaking" || failOn === "never");
      if (rest.length > 0) tc.standardOutput(rest.map((c) => `${c.impact} ${c.tool}: ${c.what}`).join("\n"));
    }
  }
  return builder.build();
}
