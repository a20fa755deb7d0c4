// Tool names (spec 2025-11-25, server/tools "Tool names"): 1 to 128 characters of A-Z, a-z, 0-9, "_", "-" and ".",
// case-sensitive, unique within the server. The format rules are SHOULDs (a warning; many clients refuse such
// names); a name listed twice makes calls ambiguous (an error). A listed tool without a string name is an error.
import { validateToolName } from "@modelcontextprotocol/sdk/shared/toolNameValidation.js";
import type { Finding } from "../types";
import type { ServerFacts } from "./facts";
import { clip } from "./failure";

export function toolNameChecks(facts: ServerFacts): Finding[] {
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  for (const item of facts.tools.items) {
    if (typeof item.name !== "string") {
      findings.push({
        rule: "tool-name-missing",
        severity: "error",
        message: "tools/list has a tool without a string name; clients cannot call it",
        subject: "tools/list",
        detail: clip(JSON.stringify(item), 120),
      });
      continue;
    }
    counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  }
  for (const [name, count] of counts) {
    const { isValid, warnings } = validateToolName(name);
    if (!isValid) {
      findings.push({
        rule: "tool-name-invalid",
        severity: "warning",
        message: "Tool names should be 1 to 128 characters of letters, digits, _, - and . (many clients refuse others)",
        subject: `tool ${clip(name, 80)}`,
        detail: warnings.filter((w) => !w.startsWith("Allowed characters")).join("; "),
      });
    }
    if (count > 1) {
      findings.push({
        rule: "tool-name-duplicate",
        severity: "error",
        message: "Two or more tools share this name; a call by name cannot tell them apart",
        subject: `tool ${clip(name, 80)}`,
        detail: `listed ${count} times`,
      });
    }
  }
  return findings;
}
