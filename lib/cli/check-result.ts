// What a check learned about one server, as every reporter (text, JSON, JUnit) reads it.
import type { ConformanceReport, Finding, McpTarget, ToolChange } from "../mcp/types";

/** The tool list against the baseline file: saved now, compared, or not in the file (nothing compared). */
export type BaselineOutcome =
  { kind: "saved"; tools: number } | { kind: "compared"; changes: ToolChange[] } | { kind: "not-in-baseline" } | { kind: "not-saved" };

export interface ServerResult {
  name: string;
  /** As configured, placeholders unfilled, header and env values left out: safe to print. */
  target: PrintableTarget;
  report: ConformanceReport;
  /** The findings at or above --fail-on. */
  failing: Finding[];
  baseline?: BaselineOutcome;
}

export type PrintableTarget =
  { transport: "stdio"; command: string; args: string[]; env: string[] } | { transport: "http" | "sse"; url: string; headers: string[] };

export function printableTarget(target: McpTarget): PrintableTarget {
  if (target.transport === "stdio") return { transport: "stdio", command: target.command, args: target.args, env: Object.keys(target.env).sort() };
  let url = target.url;
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "";
      parsed.password = "";
      url = parsed.href;
    }
  } catch {
    // A URL with an unfilled placeholder may not parse; it holds no credentials of its own then.
  }
  return { transport: target.transport, url, headers: Object.keys(target.headers).sort() };
}

export function describeTarget(t: PrintableTarget): string {
  return t.transport === "stdio" ? [t.command, ...t.args].map((a) => (/[\s"'$]/.test(a) ? JSON.stringify(a) : a)).join(" ") : t.url;
}

export function breakingChanges(result: ServerResult): ToolChange[] {
  return result.baseline?.kind === "compared" ? result.baseline.changes.filter((c) => c.impact === "breaking") : [];
}
