// Every rule id a conformance run can report, so a report can say what was checked and passed, not only what was
// found (the CLI's JUnit lists one testcase per rule). ./catalogue.test.ts fails when a check reports an id missing here.
import type { ConformanceReport } from "../types";
import { HTTP_RULES } from "./http/rules";

/** The protocol and content checks (./registry.ts), for every transport. */
export const CONTENT_RULES = [
  "protocol-version-unknown",
  "protocol-version-old",
  "capability-list-failed",
  "pagination-cursor-repeated",
  "pagination-page-cap",
  "tool-name-invalid",
  "tool-name-duplicate",
  "tool-name-missing",
  "input-schema-missing",
  "input-schema-not-object",
  "input-schema-invalid",
  "output-schema-not-object",
  "output-schema-invalid",
  "schema-dialect-unknown",
  "output-schema-mismatch",
  "structured-content-missing",
] as const;

/** The rules a run with this report checked: none before a session, the HTTP ones only over HTTP. */
export function rulesChecked(report: Pick<ConformanceReport, "connected" | "transport">): string[] {
  if (!report.connected) return [];
  return report.transport === "stdio" ? [...CONTENT_RULES] : [...CONTENT_RULES, ...Object.keys(HTTP_RULES)];
}
