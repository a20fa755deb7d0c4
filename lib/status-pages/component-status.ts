// A status page's verdicts, decided purely: each member integration's health becomes a Statuspage component
// status, a component is the worst of its members, and the page's headline follows from its components.
import type { HealthStatus } from "../domain/health";

/** Atlassian Statuspage's component statuses, so summary.json needs no translation. */
export const COMPONENT_STATUSES = ["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage"] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Statuspage's page indicators; Tether's provider reader maps them back (none, minor, major, critical, maintenance). */
export type PageIndicator = "none" | "minor" | "major" | "critical" | "maintenance";

export interface Headline {
  indicator: PageIndicator;
  description: string;
}

const RANK: Record<ComponentStatus, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

/** A member's status: a maintenance window covering it wins over its health; paused and not-yet-probed read as operational. */
export function memberStatus(health: HealthStatus, inMaintenance: boolean): ComponentStatus {
  if (inMaintenance) return "under_maintenance";
  if (health === "down") return "major_outage";
  if (health === "degraded") return "degraded_performance";
  return "operational";
}

/** The worst of the members' statuses; a component with no members is operational. */
export function worstOf(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "operational");
}

/** The page's headline: a major outage only when every component is down, partial when some are. */
export function headlineOf(statuses: readonly ComponentStatus[]): Headline {
  const worst = worstOf(statuses);
  if (worst === "major_outage") {
    return statuses.every((s) => s === "major_outage")
      ? { indicator: "critical", description: "Major outage" }
      : { indicator: "major", description: "Partial outage" };
  }
  if (worst === "partial_outage") return { indicator: "major", description: "Partial outage" };
  if (worst === "degraded_performance") return { indicator: "minor", description: "Degraded performance" };
  if (worst === "under_maintenance") return { indicator: "maintenance", description: "Under maintenance" };
  return { indicator: "none", description: "All systems operational" };
}

export const COMPONENT_STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: "Operational",
  under_maintenance: "Under maintenance",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};
