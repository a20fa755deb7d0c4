// Advertised capabilities answered (spec: a server that declares tools, resources or prompts serves their list
// methods): resources/list and resources/templates/list under `resources`, prompts/list under `prompts`,
// tools/list under `tools`. A list that fails while advertised is an error; methods answered without being
// advertised are not checked.
import type { Finding } from "../types";
import type { ServerFacts } from "./facts";

export function capabilityChecks(facts: ServerFacts): Finding[] {
  const findings: Finding[] = [];
  for (const walk of [facts.tools, facts.resources, facts.resourceTemplates, facts.prompts]) {
    if (!walk.advertised || walk.error === undefined) continue;
    const capability = walk.method.split("/")[0];
    findings.push({
      rule: "capability-list-failed",
      severity: "error",
      message: `The server advertises ${capability} but ${walk.method} failed`,
      subject: walk.method,
      detail: walk.error,
    });
  }
  return findings;
}
