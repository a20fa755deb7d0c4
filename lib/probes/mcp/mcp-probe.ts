// MCP probe: runs the conformance engine (lib/mcp/conformance) against the server (streamable HTTP through the
// SSRF-guarded dispatcher, or a child process over stdio): a session initialized, every list read, optionally one
// tool called as a smoke test, and every check's findings kept on the run. The session is closed and any child
// process ended in every outcome. Its gate (./stdio-gate.ts) keeps commands off deployments that did not allow
// them; its after-run step (./drift.ts) flags tool-list drift.
//
// A run fails when the server is unusable (no session, a session that broke off, tools/list refused, the smoke
// call failing) and, only when `failOn` asks for it, when findings reach that severity. Otherwise findings are
// recorded and the run stays ok.
import { runConformance } from "../../mcp/conformance";
import type { ConformanceReport, Finding, FindingSeverity, McpTarget } from "../../mcp/types";
import { startAttempt } from "../shared/attempt";
import type { Failure } from "../shared/failure";
import type { Probe, ProbeContext, ProbeErrorClass, ProbeOutcome } from "../types";
import type { McpConfig } from "./config";
import { withToolDrift } from "./drift";
import { stdioGate } from "./stdio-gate";

export { resultExcerpt } from "../../mcp/conformance/smoke";

export function targetOf(config: McpConfig): McpTarget {
  return config.transport === "stdio"
    ? { transport: "stdio", command: config.command, args: config.args, env: config.env }
    : { transport: config.transport, url: config.url, headers: Object.fromEntries(config.headers.map((h) => [h.name, h.value])) };
}

const asFailure = (f: { errorClass: string; message: string; retryable?: boolean }): Failure => ({
  errorClass: f.errorClass as ProbeErrorClass,
  message: f.message,
  retryable: f.retryable ?? false,
});

const RANK: Record<FindingSeverity, number> = { error: 2, warning: 1, info: 0 };

/** The findings that fail the run under `failOn`, as one assertion message; null when none do. */
export function findingsBreach(findings: Finding[], failOn: McpConfig["failOn"]): string | null {
  if (failOn === undefined || failOn === "never") return null;
  const over = findings.filter((f) => RANK[f.severity] >= RANK[failOn]);
  if (over.length === 0) return null;
  const named = over.slice(0, 5).map((f) => (f.subject ? `${f.rule} (${f.subject})` : f.rule));
  const more = over.length > named.length ? ` and ${over.length - named.length} more` : "";
  return `${over.length} finding${over.length === 1 ? "" : "s"} at or above ${failOn}: ${named.join(", ")}${more}`;
}

function detailsOf(report: ConformanceReport): Record<string, unknown> {
  const tools = report.tools.map((t) => t.name);
  return {
    serverName: report.server?.name,
    serverVersion: report.server?.version,
    protocolVersion: report.protocolVersion,
    transport: report.transport,
    tools,
    toolCount: tools.length,
    toolDefinitions: report.tools,
    findings: report.findings,
  };
}

export const mcpProbe: Probe<McpConfig> = {
  gate: stdioGate,
  afterRun: withToolDrift,
  async run(config: McpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    if (ctx.signal.aborted) return attempt.timedOut();
    const report = await runConformance(targetOf(config), {
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      outbound: ctx.outbound,
      smokeTool: config.smokeTool,
      now: ctx.now,
    });
    if (!report.connected) return ctx.signal.aborted ? attempt.timedOut() : attempt.failed(asFailure(report.failure!));

    const details = detailsOf(report);
    if (report.broken) return ctx.signal.aborted ? attempt.timedOut(details) : attempt.failed(asFailure(report.broken), details);
    const toolsRefused = report.findings.find((f) => f.rule === "capability-list-failed" && f.subject === "tools/list");
    if (toolsRefused) {
      return attempt.failed(
        { errorClass: "protocol", message: `The server answered tools/list with an error: ${toolsRefused.detail ?? ""}`, retryable: false },
        details,
      );
    }

    const smoke = report.smoke;
    if (smoke) {
      details.smokeTool = smoke.tool;
      if (!smoke.offered)
        return attempt.failed({ errorClass: "assertion", message: `The server does not offer the tool ${smoke.tool}`, retryable: false }, details);
      // A JSON-RPC error for this call (bad arguments, a tool that threw outside its result) is the smoke test failing.
      if (smoke.error !== undefined)
        return attempt.failed({ errorClass: "assertion", message: `Calling ${smoke.tool} failed: ${smoke.error}`, retryable: false }, details);
      details.smokeResultExcerpt = smoke.excerpt ?? "";
      if (smoke.isError) {
        const excerpt = smoke.excerpt ? `: ${smoke.excerpt}` : "";
        return attempt.failed({ errorClass: "assertion", message: `The tool ${smoke.tool} returned an error${excerpt}`, retryable: false }, details);
      }
    }
    return attempt.passUnless(findingsBreach(report.findings, config.failOn), details);
  },
};
