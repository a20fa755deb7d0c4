// Findings as stored on a run (`details.findings`), read back at the boundary: whatever is malformed is left out
// rather than shown half. Pure (zod only), so the integration page can use it in the browser.
import { z } from "zod";
import type { Finding, FindingSeverity } from "./types";

const findingSchema = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  subject: z.string().optional(),
  detail: z.string().optional(),
});

/** The findings recorded in a run's details; undefined when the run recorded none at all (not an MCP check). */
export function findingsOf(details: Record<string, unknown> | null | undefined): Finding[] | undefined {
  const raw = details?.findings;
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((f) => {
    const parsed = findingSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

const ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; the checks' own order within a severity. */
export function bySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** "2 errors, 1 warning" (info is not counted); "" when there are neither. */
export function findingCounts(findings: Finding[]): { severity: FindingSeverity; count: number; label: string }[] {
  return (["error", "warning", "info"] as const).flatMap((severity) => {
    const count = findings.filter((f) => f.severity === severity).length;
    if (count === 0) return [];
    const noun = severity === "info" ? "info" : count === 1 ? severity : `${severity}s`;
    return [{ severity, count, label: `${count} ${noun}` }];
  });
}
