// The monthly SLO report, pure: for each SLO and each provider over one UTC month, the achieved share against the
// objective and the contracted SLA, the budget spent, the downtime minutes and the alert incidents in the month.
// Inputs are already-read rollup counts and incidents; the clock is `now`, so a month in progress stops at now.
import { summarize, type SliCounts } from "../budget";
import type { Sli, SloWindow } from "../slo";
import { elapsed, minutesBetween, type MonthRange, type MonthState } from "./month";

const HOUR_MS = 3_600_000;

export interface ReportIncident {
  id: string;
  ruleName: string;
  integrationId: string;
  integrationName: string;
  severity: string;
  startedAt: string;
  /** Null while it is still open. */
  resolvedAt: string | null;
  /** Minutes of it inside the month (an incident that began before the month counts from its first instant). */
  minutesInMonth: number;
  summary: string;
}

/** What the SLO and provider rows share. */
export interface ReportFigures {
  total: number;
  good: number;
  achievedPct: number | null;
  objectivePct: number | null;
  slaPct: number | null;
  /** Null with no data (or, for slaMet, no SLA). */
  objectiveMet: boolean | null;
  slaMet: boolean | null;
  /** The share of the month's error budget spent: 1 spent exactly, above 1 overspent. */
  budgetSpent: number | null;
  /** Estimated from the hour rollups: each bucket adds its length × its bad share. */
  downtimeMinutes: number;
  /** Minutes of the month covered by any rollup (the rest had no runs). */
  minutesWithData: number;
  incidents: ReportIncident[];
}

export interface SloReportRow extends ReportFigures {
  id: string;
  name: string;
  window: SloWindow;
  sli: Sli;
  integrations: { id: string; name: string }[];
}

export interface ProviderReportRow extends ReportFigures {
  provider: string;
  integrations: { id: string; name: string }[];
  /** The SLOs that cover any of its integrations; objective and SLA are the strictest of theirs. */
  slos: { id: string; name: string }[];
}

export interface SloReport {
  month: string;
  from: string;
  to: string;
  state: MonthState;
  /** Where the figures stop: the month's end, or now for the month in progress. */
  through: string;
  minutesInMonth: number;
  slos: SloReportRow[];
  providers: ProviderReportRow[];
}

export interface ReportSloInput {
  id: string;
  name: string;
  objectivePct: number;
  slaPct: number | null;
  window: SloWindow;
  sli: Sli;
  integrationIds: string[];
  /** The SLI's counts on its integrations, summed per bucket. */
  counts: SliCounts[];
}

export interface ReportInput {
  range: MonthRange;
  now: number;
  slos: ReportSloInput[];
  integrations: { id: string; name: string; provider: string }[];
  /** Availability counts per provider, summed per bucket over its integrations. */
  providerCounts: Record<string, SliCounts[]>;
  incidents: { id: string; ruleName: string; integrationId: string; severity: string; startedAt: number; resolvedAt: number | null; summary: string }[];
}

/**
 * Downtime from buckets inside [from, to): a bucket stands for the time up to the next bucket, never past the end of
 * its hour or the range, and adds that time × its bad share (an hour with 3 of 60 runs bad adds 3 minutes).
 */
export function downtimeMinutes(counts: readonly SliCounts[], from: number, to: number): { downtime: number; withData: number } {
  const sorted = counts.filter((c) => c.start >= from && c.start < to && c.total > 0).sort((a, b) => a.start - b.start);
  let downtime = 0;
  let withData = 0;
  sorted.forEach((c, i) => {
    // Hour rollups cover whole hours; the minute rollups of the latest stretch each run to the next one.
    const hourEnd = Math.floor(c.start / HOUR_MS) * HOUR_MS + HOUR_MS;
    const end = Math.min(hourEnd, sorted[i + 1]?.start ?? Infinity, to);
    const minutes = minutesBetween(c.start, end);
    withData += minutes;
    downtime += (minutes * (c.total - c.good)) / c.total;
  });
  return { downtime, withData };
}

function figures(
  counts: readonly SliCounts[],
  objectivePct: number | null,
  slaPct: number | null,
  range: { from: number; to: number },
  incidents: ReportIncident[],
): ReportFigures {
  const s = summarize(counts, objectivePct ?? 0, range);
  const { downtime, withData } = downtimeMinutes(counts, range.from, range.to);
  const achieved = s.achievedPct;
  return {
    total: s.total,
    good: s.good,
    achievedPct: achieved,
    objectivePct,
    slaPct,
    objectiveMet: achieved === null || objectivePct === null ? null : achieved >= objectivePct,
    slaMet: achieved === null || slaPct === null ? null : achieved >= slaPct,
    budgetSpent: objectivePct === null || s.burnRate === null ? null : s.burnRate,
    downtimeMinutes: downtime,
    minutesWithData: withData,
    incidents,
  };
}

const maxOrNull = (xs: (number | null)[]): number | null => {
  const ns = xs.filter((x): x is number => x !== null);
  return ns.length ? Math.max(...ns) : null;
};

export function buildReport(input: ReportInput): SloReport {
  const { range, now } = input;
  const { state, to } = elapsed(range, now);
  const span = { from: range.from, to };
  const names = new Map(input.integrations.map((i) => [i.id, i.name]));
  const ref = (id: string) => ({ id, name: names.get(id) ?? "a deleted integration" });

  // Incidents that were open at some instant of the month so far, oldest first.
  const incidents: ReportIncident[] = input.incidents
    .filter((i) => i.startedAt < to && (i.resolvedAt ?? now) > range.from)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((i) => ({
      id: i.id,
      ruleName: i.ruleName,
      integrationId: i.integrationId,
      integrationName: names.get(i.integrationId) ?? "a deleted integration",
      severity: i.severity,
      startedAt: new Date(i.startedAt).toISOString(),
      resolvedAt: i.resolvedAt === null ? null : new Date(i.resolvedAt).toISOString(),
      minutesInMonth: minutesBetween(Math.max(i.startedAt, range.from), Math.min(i.resolvedAt ?? now, to)),
      summary: i.summary,
    }));
  const on = (ids: readonly string[]) => {
    const set = new Set(ids);
    return incidents.filter((i) => set.has(i.integrationId));
  };

  const slos: SloReportRow[] = input.slos.map((s) => ({
    id: s.id,
    name: s.name,
    window: s.window,
    sli: s.sli,
    integrations: s.integrationIds.map(ref),
    ...figures(s.counts, s.objectivePct, s.slaPct, span, on(s.integrationIds)),
  }));

  const byProvider = new Map<string, string[]>();
  for (const i of input.integrations) byProvider.set(i.provider, [...(byProvider.get(i.provider) ?? []), i.id]);
  const providers: ProviderReportRow[] = [...byProvider.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, ids]) => {
      const covering = input.slos.filter((s) => s.integrationIds.some((id) => ids.includes(id)));
      return {
        provider,
        integrations: ids.map(ref),
        slos: covering.map((s) => ({ id: s.id, name: s.name })),
        ...figures(
          input.providerCounts[provider] ?? [],
          maxOrNull(covering.map((s) => s.objectivePct)),
          maxOrNull(covering.map((s) => s.slaPct)),
          span,
          on(ids),
        ),
      };
    });

  return {
    month: range.month,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    state,
    through: new Date(to).toISOString(),
    minutesInMonth: minutesBetween(range.from, range.to),
    slos,
    providers,
  };
}
