// Words for the report page, pure: the month's name, downtime as hours and minutes, a verdict's label and tone,
// the note on what the figures cover, and each incident with the SLOs and providers it counts against.
import type { ReportIncident, SloReport } from "./report";

export const monthLabel = (month: string): string =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });

export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m === 0) return minutes > 0 ? "< 1 min" : "0 min";
  const h = Math.floor(m / 60);
  return h === 0 ? `${m} min` : m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

export function verdict(met: boolean | null, what: "objective" | "SLA"): { label: string; tone: "ok" | "bad" | "neutral" } {
  if (met === null) return { label: what === "SLA" ? "No SLA" : "No data", tone: "neutral" };
  return met ? { label: "Met", tone: "ok" } : { label: "Missed", tone: "bad" };
}

export function coverageNote(r: SloReport, isDefault: boolean): string {
  const name = monthLabel(r.month);
  const lead = isDefault ? `${name}, the last full calendar month (UTC).` : `${name} (UTC).`;
  if (r.state === "future") return `${lead} It has not started yet, so there is nothing to report.`;
  if (r.state === "in_progress") return `${lead} The month is in progress: figures run to ${r.through.slice(0, 16).replace("T", " ")} UTC.`;
  return `${lead} Every SLO is judged over the whole month, whatever its own window.`;
}

export interface IncidentRow extends ReportIncident {
  countsAgainst: string[];
}

/** Every incident of the month once, oldest first, with the SLOs (and providers) it counts against. */
export function incidentRows(r: SloReport): IncidentRow[] {
  const rows = new Map<string, IncidentRow>();
  const add = (owner: string, incidents: ReportIncident[]) => {
    for (const i of incidents) {
      const row = rows.get(i.id) ?? { ...i, countsAgainst: [] };
      row.countsAgainst.push(owner);
      rows.set(i.id, row);
    }
  };
  for (const s of r.slos) add(s.name, s.incidents);
  for (const p of r.providers) add(p.provider, p.incidents);
  return [...rows.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
