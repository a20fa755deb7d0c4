// One health verdict per integration, from its last run, its circuit and its recent error rate.
import type { CircuitStateKind } from "./circuit";
import type { QuorumVerdict } from "./quorum";

export type HealthStatus = "healthy" | "degraded" | "down" | "paused" | "pending";

export interface HealthInputs {
  enabled: boolean;
  circuit: CircuitStateKind;
  lastRunOk: boolean | null;
  /** Failed runs in a row, as counted by the circuit. */
  consecutiveFailures: number;
  /** Failures / runs over the status window (24 h), null with no runs. */
  errorRate: number | null;
  /** For an integration probed from listed locations: the verdict of their latest runs (lib/domain/quorum.ts). */
  quorum?: QuorumVerdict;
}

/** Worst first: the order the overview lists and counts statuses in. */
export const HEALTH_ORDER = ["down", "degraded", "pending", "healthy", "paused"] as const satisfies readonly HealthStatus[];

/** Error rate above which a passing integration is still called degraded. */
export const DEGRADED_ERROR_RATE = 0.05;

export function healthOf(input: HealthInputs): HealthStatus {
  if (!input.enabled) return "paused";
  if (input.circuit === "open") return "down";
  if (input.quorum) {
    // Located: the locations' latest runs decide, not the last run of whichever location wrote last.
    if (input.quorum.reporting === 0) return "pending";
    if (input.quorum.down) return "down";
    if (input.quorum.failing.length > 0) return "degraded";
    return input.circuit === "half_open" || (input.errorRate ?? 0) > DEGRADED_ERROR_RATE ? "degraded" : "healthy";
  }
  if (input.lastRunOk === null) return "pending";
  // One failed run is a blip worth showing, not an outage; two in a row are.
  if (!input.lastRunOk) return input.consecutiveFailures >= 2 ? "down" : "degraded";
  if (input.circuit === "half_open" || (input.errorRate ?? 0) > DEGRADED_ERROR_RATE) return "degraded";
  return "healthy";
}

export function uptimeOf(runs: number, failures: number): number | null {
  return runs === 0 ? null : (runs - failures) / runs;
}
