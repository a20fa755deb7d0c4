// `tether mcp check`: resolves the servers, runs the conformance checks once per server, compares or saves the
// baseline, prints the report (text or JSON), writes JUnit if asked, and returns the exit code CI acts on.
// Every usage problem (a file, a variable, the baseline) is found before the first server is contacted.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { ConformanceReport } from "../mcp/types";
import { scrubSecrets } from "../secrets/placeholders";
import { UsageError, type CheckArgs } from "./args";
import { baselineOf, readBaseline, savedTools, writeBaseline } from "./baseline";
import { breakingChanges, type BaselineOutcome, type ServerResult } from "./check-result";
import type { CliDeps } from "./contracts";
import { checkExitCode, failingFindings, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";
import { renderCheckJson } from "./report/check-json";
import { renderServerText, renderVerdict } from "./report/check-text";
import { colorEnabled, makeStyle } from "./report/style";
import { serversToCheck, type ServerToCheck } from "./targets";

async function runOne(server: ServerToCheck, args: CheckArgs, deps: CliDeps, signal: AbortSignal): Promise<ConformanceReport> {
  let report: ConformanceReport;
  try {
    report = await deps.runConformance(server.target, { timeoutMs: args.timeoutMs, signal });
  } catch (err) {
    // The runner returns failures as values; anything thrown is still "could not check", never a pass.
    report = {
      connected: false,
      failure: { errorClass: "internal", message: err instanceof Error ? err.message : String(err) },
      transport: server.target.transport,
      tools: [],
      findings: [],
      durationMs: 0,
    };
  }
  return scrubSecrets(report, server.used);
}

export async function mcpCheck(args: CheckArgs, io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const servers = await serversToCheck(args, io, deps.readConfigFile);
  const baselinePath = args.baseline && path.resolve(io.cwd, args.baseline);
  const baseline = baselinePath ? await readBaseline(baselinePath) : undefined;
  const junitPath = args.junit && path.resolve(io.cwd, args.junit);
  const style = makeStyle(colorEnabled(io.stdoutIsTTY, io.env));

  const results: ServerResult[] = [];
  for (const server of servers) {
    const report = await runOne(server, args, deps, io.signal);
    let outcome: BaselineOutcome | undefined;
    if (baselinePath && baseline) {
      const before = savedTools(baseline, server.name, servers.length);
      if (!before) outcome = { kind: "not-in-baseline" };
      else if (report.connected) outcome = { kind: "compared", changes: deps.classifyToolChanges(before, report.tools) };
    } else if (baselinePath) {
      outcome = report.connected ? { kind: "saved", tools: report.tools.length } : { kind: "not-saved" };
    }
    const result: ServerResult = {
      name: server.name,
      target: server.printable,
      report,
      failing: failingFindings(report.findings, args.failOn),
      baseline: outcome,
    };
    results.push(result);
    if (!args.json) io.stdout(renderServerText(result, style, args.baseline));
  }

  if (baselinePath && !baseline) {
    const saved = results.filter((r) => r.baseline?.kind === "saved").map((r) => ({ name: r.name, tools: r.report.tools }));
    if (saved.length > 0) await writeBaseline(baselinePath, baselineOf(saved));
  }

  const exitCode = checkExitCode(
    results.map((r) => ({ connected: r.report.connected, failing: r.failing.length, breaking: breakingChanges(r).length })),
    args.failOn,
  );
  if (junitPath) {
    const { renderJunit } = await import("./report/check-junit");
    const xml = renderJunit(results, args.failOn, (r) => deps.rulesChecked(r.report));
    try {
      await writeFile(junitPath, xml);
    } catch (err) {
      throw new UsageError(`cannot write the JUnit report ${args.junit}: ${(err as Error).message}`);
    }
  }
  io.stdout(args.json ? renderCheckJson(results, args.failOn, exitCode) : renderVerdict(results, args.failOn, exitCode, style));
  return exitCode;
}
