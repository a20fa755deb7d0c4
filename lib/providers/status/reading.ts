// A provider's own word on its health, normalised from whichever status-page format it publishes.
export const STATUS_INDICATORS = ["operational", "degraded", "partial_outage", "major_outage", "maintenance", "unknown"] as const;
export type StatusIndicator = (typeof STATUS_INDICATORS)[number];

export interface StatusIncident {
  name: string;
  status: string;
  url: string | null;
  /** ISO 8601, or null when the page gives none. */
  startedAt: string | null;
}

export interface StatusReading {
  indicator: StatusIndicator;
  description: string;
  incidents: StatusIncident[];
  /** ISO 8601: when we read the page. */
  fetchedAt: string;
  /** The page's own name for its provider (Statuspage's `page.name`), when it gives one. */
  pageName?: string | null;
}

export const STATUS_FORMATS = ["statuspage", "slack"] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

/** The calm reading for a page that could not be read or understood. */
export function unknownReading(fetchedAt: Date, description = "Status unavailable"): StatusReading {
  return { indicator: "unknown", description, incidents: [], fetchedAt: fetchedAt.toISOString() };
}

/** Slack's API lives on its own host under its own path; every other page we know speaks Statuspage's summary.json. */
export function formatOf(url: string): StatusFormat {
  try {
    const u = new URL(url);
    return u.hostname === "slack-status.com" || u.pathname.endsWith("/api/v2.0.0/current") ? "slack" : "statuspage";
  } catch {
    return "statuspage";
  }
}

/** Dates as ISO strings, or null when absent or unparseable. */
export function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Absolute http(s) links only: a status page never gets to put a javascript: URL on ours. */
export function linkOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
