// The rules of a status incident's life, decided purely: what an update does to the incident (resolving sets
// resolvedAt, a resolved incident takes no update unless it is reopened), and what an active incident's impact
// does to its components and to the page's headline. The service applies the decision; nothing here touches a database.
import { worstOf, type ComponentStatus, type Headline, type PageIndicator } from "./component-status";

export const STATUS_INCIDENT_IMPACTS = ["none", "minor", "major", "critical"] as const;
export type StatusIncidentImpact = (typeof STATUS_INCIDENT_IMPACTS)[number];

export const STATUS_INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type StatusIncidentStatus = (typeof STATUS_INCIDENT_STATUSES)[number];

export const STATUS_INCIDENT_STATUS_LABEL: Record<StatusIncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export const STATUS_INCIDENT_IMPACT_LABEL: Record<StatusIncidentImpact, string> = {
  none: "No impact",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
};

export interface IncidentState {
  status: StatusIncidentStatus;
  resolvedAt: Date | null;
}

export type UpdateDecision = { kind: "apply"; next: IncidentState; reopened: boolean } | { kind: "refuse"; reason: string };

/**
 * What posting an update with `status` does. Any order of the open statuses is allowed (an incident can go back
 * to investigating); resolving stamps resolvedAt; a resolved incident takes an update only with `reopen`, and a
 * reopening update must name an open status.
 */
export function decideUpdate(current: IncidentState, update: { status: StatusIncidentStatus; reopen?: boolean }, now: Date): UpdateDecision {
  if (current.status === "resolved") {
    if (!update.reopen) return { kind: "refuse", reason: "This incident is resolved: reopen it to post an update" };
    if (update.status === "resolved") return { kind: "refuse", reason: "A reopening update needs an open status (investigating, identified or monitoring)" };
    return { kind: "apply", next: { status: update.status, resolvedAt: null }, reopened: true };
  }
  if (update.reopen) return { kind: "refuse", reason: "Only a resolved incident can be reopened" };
  if (update.status === "resolved") return { kind: "apply", next: { status: "resolved", resolvedAt: now }, reopened: false };
  return { kind: "apply", next: { status: update.status, resolvedAt: null }, reopened: false };
}

/** The first update opens the incident; it may open already resolved (a post-mortem note), then resolvedAt is its start. */
export function initialState(status: StatusIncidentStatus, startedAt: Date): IncidentState {
  return { status, resolvedAt: status === "resolved" ? startedAt : null };
}

/** At least this status for an affected component while an incident is open; none leaves the component alone. */
export const IMPACT_COMPONENT_STATUS: Record<StatusIncidentImpact, ComponentStatus | null> = {
  none: null,
  minor: "degraded_performance",
  major: "partial_outage",
  critical: "major_outage",
};

export interface ActiveImpact {
  impact: StatusIncidentImpact;
  componentIds: readonly string[];
}

/** A component's status given the open incidents: the worst of its measured status and what the incidents affecting it claim. */
export function componentStatusWithIncidents(componentId: string, measured: ComponentStatus, open: readonly ActiveImpact[]): ComponentStatus {
  const claimed = open.filter((i) => i.componentIds.includes(componentId)).flatMap((i) => IMPACT_COMPONENT_STATUS[i.impact] ?? []);
  return worstOf([measured, ...claimed]);
}

const INDICATOR_RANK: Record<PageIndicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
const IMPACT_HEADLINE: Record<Exclude<StatusIncidentImpact, "none">, Headline> = {
  minor: { indicator: "minor", description: "Minor service disruption" },
  major: { indicator: "major", description: "Partial outage" },
  critical: { indicator: "critical", description: "Major outage" },
};

/** The headline with open incidents counted: the worse of the components' headline and the worst open impact. */
export function headlineWithIncidents(headline: Headline, open: readonly Pick<ActiveImpact, "impact">[]): Headline {
  let best = headline;
  for (const { impact } of open) {
    if (impact === "none") continue;
    const h = IMPACT_HEADLINE[impact];
    if (INDICATOR_RANK[h.indicator] > INDICATOR_RANK[best.indicator]) best = h;
  }
  return best;
}

/** "2026-11" for a date's UTC month; the archive pages by it. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The UTC bounds of a "YYYY-MM" month, or null for anything else. */
export function monthBounds(month: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(y, mo, 1)), to: new Date(Date.UTC(y, mo + 1, 1)) };
}

/** The month before or after a "YYYY-MM" month. */
export function shiftMonth(month: string, by: number): string {
  const b = monthBounds(month);
  if (!b) return month;
  return monthOf(new Date(Date.UTC(b.from.getUTCFullYear(), b.from.getUTCMonth() + by, 1)));
}
