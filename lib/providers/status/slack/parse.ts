// Slack's status API, `https://slack-status.com/api/v2.0.0/current`.
import { z } from "zod";
import { isoOrNull, linkOrNull, unknownReading, type StatusIndicator, type StatusReading } from "../reading";

const incidentSchema = z.object({
  title: z.string(),
  type: z.string().optional(),
  status: z.string().optional(),
  url: z.string().nullish(),
  date_created: z.string().nullish(),
  services: z.array(z.string()).nullish(),
});

const currentSchema = z.object({
  status: z.string(),
  active_incidents: z.array(incidentSchema).default([]),
});

/** Slack types an incident "incident", "outage" or "notice"; the worst active one sets the indicator. */
const BY_TYPE: Record<string, StatusIndicator> = { outage: "major_outage", incident: "partial_outage", notice: "degraded", maintenance: "maintenance" };
const SEVERITY: StatusIndicator[] = ["operational", "maintenance", "degraded", "partial_outage", "major_outage"];

const DESCRIPTIONS: Record<StatusIndicator, string> = {
  operational: "All Systems Operational",
  degraded: "Minor Service Disruption",
  partial_outage: "Partial Service Disruption",
  major_outage: "Major Service Outage",
  maintenance: "Under Maintenance",
  unknown: "Status unavailable",
};

/** Never throws: a body that is not Slack's answer reads as `unknown`. */
export function parseSlackStatus(body: unknown, fetchedAt: Date): StatusReading {
  const parsed = currentSchema.safeParse(body);
  if (!parsed.success) return unknownReading(fetchedAt, "Unrecognised status page");
  const { status, active_incidents } = parsed.data;
  let indicator: StatusIndicator = "unknown";
  if (status === "ok") indicator = "operational";
  else if (status === "active") {
    indicator = active_incidents.length > 0 ? "operational" : "degraded";
    for (const i of active_incidents) {
      const level = BY_TYPE[i.type ?? "incident"] ?? "partial_outage";
      if (SEVERITY.indexOf(level) > SEVERITY.indexOf(indicator)) indicator = level;
    }
  }
  return {
    indicator,
    description: DESCRIPTIONS[indicator],
    incidents: active_incidents.map((i) => ({
      name: i.services && i.services.length > 0 ? `${i.title} (${i.services.join(", ")})` : i.title,
      status: i.status ?? "active",
      url: linkOrNull(i.url),
      startedAt: isoOrNull(i.date_created),
    })),
    fetchedAt: fetchedAt.toISOString(),
  };
}
