// The monthly report as one CSV table: a row per SLO and per provider, then a row per incident each one counts,
// named by the SLO or provider it belongs to, so a spreadsheet filter on `name` gives one SLA review.
import { toCsv, type CsvCell } from "../../csv/write";
import type { ReportFigures, SloReport } from "./report";

export const REPORT_CSV_HEADER = [
  "record",
  "name",
  "month",
  "through",
  "integrations",
  "achieved_pct",
  "objective_pct",
  "sla_pct",
  "objective_met",
  "sla_met",
  "budget_spent_pct",
  "downtime_minutes",
  "minutes_with_data",
  "incident_count",
  "incident_rule",
  "incident_integration",
  "incident_severity",
  "incident_started",
  "incident_resolved",
  "incident_minutes",
] as const;

type Row = Partial<Record<(typeof REPORT_CSV_HEADER)[number], CsvCell>>;

const round = (n: number | null, digits: number) => (n === null ? null : Number(n.toFixed(digits)));
const met = (b: boolean | null) => (b === null ? "" : b ? "met" : "missed");

function rows(record: "slo" | "provider", name: string, integrations: string[], f: ReportFigures, r: SloReport): Row[] {
  const summary: Row = {
    record,
    name,
    month: r.month,
    through: r.through,
    integrations: integrations.join("; "),
    achieved_pct: round(f.achievedPct, 4),
    objective_pct: f.objectivePct,
    sla_pct: f.slaPct,
    objective_met: met(f.objectiveMet),
    sla_met: met(f.slaMet),
    budget_spent_pct: round(f.budgetSpent === null ? null : f.budgetSpent * 100, 2),
    downtime_minutes: round(f.downtimeMinutes, 1),
    minutes_with_data: round(f.minutesWithData, 1),
    incident_count: f.incidents.length,
  };
  const incidents: Row[] = f.incidents.map((i) => ({
    record: `${record}_incident`,
    name,
    month: r.month,
    incident_rule: i.ruleName,
    incident_integration: i.integrationName,
    incident_severity: i.severity,
    incident_started: i.startedAt,
    incident_resolved: i.resolvedAt ?? "open",
    incident_minutes: round(i.minutesInMonth, 1),
  }));
  return [summary, ...incidents];
}

export function reportCsv(r: SloReport): string {
  return toCsv(REPORT_CSV_HEADER, [
    ...r.slos.flatMap((s) =>
      rows(
        "slo",
        s.name,
        s.integrations.map((i) => i.name),
        s,
        r,
      ),
    ),
    ...r.providers.flatMap((p) =>
      rows(
        "provider",
        p.provider,
        p.integrations.map((i) => i.name),
        p,
        r,
      ),
    ),
  ]);
}

export const reportCsvFilename = (month: string) => `tether-slo-report-${month}.csv`;
