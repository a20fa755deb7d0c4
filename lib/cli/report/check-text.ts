// The readable report of `tether mcp check`: per server what was reached, its findings grouped by severity,
// the tool changes against the baseline, and one verdict line for the run.
import { countByImpact } from "../../mcp/changes";
import type { Finding, FindingSeverity } from "../../mcp/types";
import { breakingChanges, describeTarget, type ServerResult } from "../check-result";
import { EXIT, type ExitCode, type FailOn } from "../exit-codes";
import type { Style } from "./style";

const SEVERITIES: { severity: FindingSeverity; one: string; many: string; mark: string }[] = [
  { severity: "error", one: "error", many: "errors", mark: "✖" },
  { severity: "warning", one: "warning", many: "warnings", mark: "▲" },
  { severity: "info", one: "info", many: "info", mark: "i" },
];

function paint(style: Style, severity: FindingSeverity, text: string): string {
  return severity === "error" ? style.red(text) : severity === "warning" ? style.yellow(text) : style.blue(text);
}

function finding(style: Style, f: Finding): string[] {
  const head = `    ${style.bold(f.rule)}${f.subject ? ` ${style.dim(`(${f.subject})`)}` : ""}: ${f.message}`;
  return f.detail ? [head, `      ${style.dim(f.detail)}`] : [head];
}

function facts(r: ServerResult): string {
  const rep = r.report;
  const counts = [`${rep.tools.length} tool${rep.tools.length === 1 ? "" : "s"}`];
  if (rep.resources) counts.push(`${rep.resources.length} resources`);
  if (rep.resourceTemplates) counts.push(`${rep.resourceTemplates.length} resource templates`);
  if (rep.prompts) counts.push(`${rep.prompts.length} prompts`);
  const server = rep.server ? [rep.server.name, rep.server.version].filter(Boolean).join(" ") : "";
  return [`over ${rep.transport}`, rep.protocolVersion && `protocol ${rep.protocolVersion}`, server, counts.join(", "), `${Math.round(rep.durationMs)} ms`]
    .filter(Boolean)
    .join(" · ");
}

export function renderServerText(r: ServerResult, style: Style, baselinePath?: string): string {
  const lines = [`${style.bold(r.name)}${r.name === describeTarget(r.target) ? "" : style.dim(`  ${r.target.transport}: ${describeTarget(r.target)}`)}`];
  const rep = r.report;
  if (!rep.connected) {
    const why = rep.failure ? `${rep.failure.message} (${rep.failure.errorClass})` : "no MCP session could be set up";
    lines.push(`  ${style.red("✖ could not connect:")} ${why}`);
  } else {
    lines.push(`  ${style.dim(facts(r))}`);
  }
  for (const s of SEVERITIES) {
    const list = rep.findings.filter((f) => f.severity === s.severity);
    if (list.length === 0) continue;
    lines.push(`  ${paint(style, s.severity, `${s.mark} ${list.length} ${list.length === 1 ? s.one : s.many}`)}`);
    for (const f of list) lines.push(...finding(style, f));
  }
  if (rep.connected && rep.findings.length === 0) lines.push(`  ${style.green("✔ no findings")}`);
  const b = r.baseline;
  if (b?.kind === "saved") lines.push(`  baseline: saved ${b.tools} tools${baselinePath ? ` to ${baselinePath}` : ""}`);
  else if (b?.kind === "not-in-baseline") lines.push(`  baseline: this server is not in it; nothing compared (delete the file to save a new one)`);
  else if (b?.kind === "not-saved") lines.push(`  baseline: not saved (the server could not be checked)`);
  else if (b?.kind === "compared") {
    const n = countByImpact(b.changes);
    const summary = b.changes.length === 0 ? "no tool changes" : `${n.breaking} breaking, ${n.additive} additive, ${n.cosmetic} cosmetic`;
    lines.push(`  baseline: ${n.breaking > 0 ? style.red(summary) : summary}`);
    for (const c of b.changes) {
      const label = c.impact === "breaking" ? style.red("breaking") : c.impact === "additive" ? style.green("additive") : style.dim("cosmetic");
      lines.push(`    ${label}  ${c.tool}: ${c.what}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function renderVerdict(results: ServerResult[], failOn: FailOn, exitCode: ExitCode, style: Style): string {
  const unreachable = results.filter((r) => !r.report.connected).length;
  const failing = results.filter((r) => r.report.connected && (r.failing.length > 0 || breakingChanges(r).length > 0)).length;
  const parts = [`${results.length} server${results.length === 1 ? "" : "s"} checked`];
  if (unreachable) parts.push(`${unreachable} could not be reached`);
  if (failing) parts.push(`${failing} with ${failOn === "never" ? "findings" : `findings at or above ${failOn} or breaking changes`}`);
  const word = exitCode === EXIT.passed ? style.green("PASS") : style.red("FAIL");
  return `\n${word} ${parts.join(", ")} (exit ${exitCode})\n`;
}
