// `tether mcp check --json`: one object whatever the number of servers, each with its ConformanceReport.
import type { ServerResult } from "../check-result";
import type { ExitCode, FailOn } from "../exit-codes";

export function renderCheckJson(results: ServerResult[], failOn: FailOn, exitCode: ExitCode): string {
  const servers = results.map((r) => ({ name: r.name, target: r.target, failing: r.failing.length, baseline: r.baseline, report: r.report }));
  return `${JSON.stringify({ exitCode, failOn, servers }, null, 2)}\n`;
}
