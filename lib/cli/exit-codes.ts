// The CLI's exit codes, the contract CI scripts rely on, and the one function that picks a check's code.
import type { Finding, FindingSeverity } from "../mcp/types";

export const EXIT = {
  /** Everything checked passed (findings below --fail-on are reported but do not fail); a probe passed; nothing is down. */
  passed: 0,
  /** Findings at or above --fail-on, breaking tool changes against the baseline, a config file that does not parse (detect), a probe that failed, an integration down (status). */
  failed: 1,
  /** A server could not be reached or started, no MCP session could be set up, or the Tether API refused the call (token, role). */
  unreachable: 2,
  /** Bad usage: an unknown flag, a missing argument, an unreadable or invalid file, a variable not set (TETHER_TOKEN), no such integration. */
  usage: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const FAIL_ON = ["error", "warning", "info", "never"] as const;
export type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, error: 3 };

export function failsAt(severity: FindingSeverity, failOn: FailOn): boolean {
  return failOn !== "never" && RANK[severity] >= RANK[failOn];
}

export function failingFindings(findings: Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => failsAt(f.severity, failOn));
}

export interface CheckVerdictInput {
  connected: boolean;
  failing: number;
  breaking: number;
}

/**
 * One code for a whole check: any server that could not be reached makes it 2 (the check is incomplete, whatever
 * the others found); otherwise 1 when a finding at or above --fail-on or a breaking change was seen. `never` turns
 * off both kinds of failure (report-only), but never hides an unreachable server.
 */
export function checkExitCode(servers: CheckVerdictInput[], failOn: FailOn): ExitCode {
  if (servers.some((s) => !s.connected)) return EXIT.unreachable;
  if (failOn === "never") return EXIT.passed;
  return servers.some((s) => s.failing > 0 || s.breaking > 0) ? EXIT.failed : EXIT.passed;
}
