// A rule in words, as the rules list and the incident page show it ("error rate > 20% over 5 min (min 10 runs)").
// Pure, so every condition kind's wording is tested without a browser.
import type { RuleCondition, RuleConditionKind, RuleScope, Severity } from "./rule";

export const CONDITION_LABELS: Record<RuleConditionKind, string> = {
  error_rate: "Error rate above a threshold",
  latency: "Latency percentile above a threshold",
  consecutive_failures: "Consecutive failures",
  failures_of_last: "N of the last M runs failed",
  circuit_open: "Circuit open",
  tls_expiry: "TLS certificate expiring",
  credential_expiry: "Credential expiring",
  mcp_breaking_change: "MCP breaking tool change",
  contract_breaking_change: "Breaking contract change",
  webhook_silence: "Webhook silence",
  webhook_failure_rate: "Webhook failed-delivery rate",
  slo_burn_rate: "SLO error budget burn rate",
};

export const SEVERITY_LABELS: Record<Severity, string> = { critical: "Critical", warning: "Warning", info: "Info" };

/** "45 s", "5 min", "2 h", "90 min", "3 d": the largest unit that divides the value. */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return "0 s";
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export const formatMinutes = (minutes: number) => formatSeconds(minutes * 60);

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function describeCondition(c: RuleCondition): string {
  switch (c.kind) {
    case "error_rate":
      return `error rate > ${c.thresholdPct}% over ${formatMinutes(c.windowMinutes)} (min ${plural(c.minSamples, "run")})`;
    case "latency":
      return `${c.percentile} latency > ${c.thresholdMs.toLocaleString("en")} ms over ${formatMinutes(c.windowMinutes)} (min ${plural(c.minSamples, "run")})`;
    case "consecutive_failures":
      return `${plural(c.count, "consecutive failure")}`;
    case "failures_of_last":
      return `${c.failures} of the last ${plural(c.of, "run")} failed`;
    case "circuit_open":
      return c.openForSeconds === 0 ? "circuit opens" : `circuit open for more than ${formatSeconds(c.openForSeconds)}`;
    case "tls_expiry":
      return `TLS certificate expires within ${plural(c.days, "day")}`;
    case "credential_expiry":
      return `credential expires within ${plural(c.days, "day")}`;
    case "mcp_breaking_change":
      return "a new MCP tool version has breaking changes";
    case "contract_breaking_change":
      return `a breaking change to the response shape or GraphQL schema within ${formatMinutes(c.windowMinutes)}`;
    case "webhook_silence":
      return `no webhook received for ${formatMinutes(c.silentMinutes)}`;
    case "webhook_failure_rate":
      return `webhook failed-delivery rate > ${c.thresholdPct}% over ${formatMinutes(c.windowMinutes)} (min ${plural(c.minSamples, "delivery", "deliveries")})`;
    case "slo_burn_rate":
      return `SLO budget burns > ${c.windows.map((w) => `${w.factor}× over ${formatMinutes(w.longMinutes)} and ${formatMinutes(w.shortMinutes)}`).join(", or ")}`;
  }
}

/** The hysteresis in words, or null when the condition resolves at its firing threshold. */
export function describeResolve(c: RuleCondition): string | null {
  if ((c.kind === "error_rate" || c.kind === "webhook_failure_rate") && c.resolvePct !== undefined) return `resolves below ${c.resolvePct}%`;
  if (c.kind === "latency" && c.resolveMs !== undefined) return `resolves below ${c.resolveMs.toLocaleString("en")} ms`;
  return null;
}

/** "Payments API", "tag payments", "all integrations"; `names` maps integration ids to names when known. */
export function describeScope(scope: RuleScope, names: ReadonlyMap<string, string> = new Map()): string {
  if (scope.kind === "all") return "all integrations";
  if (scope.kind === "tag") return `tag ${scope.tag}`;
  return names.get(scope.integrationId) ?? "one integration";
}

/** The unit the condition's measured value is in, for chart axes and tooltips. */
export function conditionUnit(kind: RuleConditionKind): "%" | "ms" | "runs" | "s" | "days" | "min" | "version" | "x" {
  switch (kind) {
    case "error_rate":
    case "webhook_failure_rate":
      return "%";
    case "latency":
      return "ms";
    case "consecutive_failures":
    case "failures_of_last":
    case "contract_breaking_change":
      return "runs";
    case "circuit_open":
      return "s";
    case "tls_expiry":
    case "credential_expiry":
      return "days";
    case "webhook_silence":
      return "min";
    case "mcp_breaking_change":
      return "version";
    case "slo_burn_rate":
      return "x";
  }
}
