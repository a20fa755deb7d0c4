// Atlassian Statuspage's public `/api/v2/summary.json` (GitHub, Twilio, SendGrid, Discord, Datadog, …).
import { z } from "zod";
import { isoOrNull, linkOrNull, unknownReading, type StatusIndicator, type StatusReading } from "../reading";

const incidentSchema = z.object({
  name: z.string(),
  status: z.string(),
  shortlink: z.string().nullish(),
  started_at: z.string().nullish(),
  created_at: z.string().nullish(),
  components: z.array(z.object({ name: z.string() })).nullish(),
});

const summarySchema = z.object({
  page: z.object({ name: z.string() }).nullish().catch(null),
  status: z.object({ indicator: z.string(), description: z.string() }),
  incidents: z.array(incidentSchema).default([]),
  scheduled_maintenances: z.array(z.object({ status: z.string() })).default([]),
});

const INDICATORS: Record<string, StatusIndicator> = {
  none: "operational",
  minor: "degraded",
  major: "partial_outage",
  critical: "major_outage",
  maintenance: "maintenance",
};

/** Never throws: a body that is not a summary reads as `unknown`. */
export function parseStatuspageSummary(body: unknown, fetchedAt: Date): StatusReading {
  const parsed = summarySchema.safeParse(body);
  if (!parsed.success) return unknownReading(fetchedAt, "Unrecognised status page");
  const { page, status, incidents, scheduled_maintenances } = parsed.data;
  const pageName = page?.name.replace(/\s+/g, " ").trim().slice(0, 80) || null;
  let indicator = INDICATORS[status.indicator] ?? "unknown";
  // Statuspage reports "none" during a maintenance window it runs; say so.
  if (indicator === "operational" && scheduled_maintenances.some((m) => m.status === "in_progress")) indicator = "maintenance";
  return {
    indicator,
    description: status.description,
    incidents: incidents
      .filter((i) => i.status !== "resolved" && i.status !== "postmortem")
      .map((i) => {
        const components = (i.components ?? []).map((c) => c.name);
        return {
          name: components.length > 0 ? `${i.name} (${components.join(", ")})` : i.name,
          status: i.status,
          url: linkOrNull(i.shortlink),
          startedAt: isoOrNull(i.started_at) ?? isoOrNull(i.created_at),
        };
      }),
    fetchedAt: fetchedAt.toISOString(),
    pageName,
  };
}
