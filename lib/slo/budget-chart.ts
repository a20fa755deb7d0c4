// Pure mappers from an SLO's figures to what its page draws (STYLE.md principle 7): the budget-over-time rows in
// percent, and the words and tone for budget, burn rate and status.
import type { SloStatus } from "./budget";
import type { SloDetail } from "./types";

export interface BudgetRow {
  t: number;
  /** Budget left in percent (may go below 0 when overspent); null before any event. */
  remainingPct: number | null;
}

export function toBudgetRows(series: SloDetail["series"]): BudgetRow[] {
  return series.map((p) => ({ t: Date.parse(p.day), remainingPct: p.budgetRemaining === null ? null : Math.round(p.budgetRemaining * 1_000) / 10 }));
}

/** The chart's y range: 0-100%, stretched down to show an overspent budget. */
export function budgetDomain(rows: readonly BudgetRow[]): [number, number] {
  const lowest = Math.min(0, ...rows.map((r) => r.remainingPct ?? 0));
  return [lowest < 0 ? Math.floor(lowest / 25) * 25 : 0, 100];
}

export const formatRatioPct = (r: number | null) => (r === null ? "—" : `${(Math.round(r * 1_000) / 10).toLocaleString("en")}%`);
export const formatAchieved = (pct: number | null) =>
  pct === null ? "—" : `${(Math.floor(pct * 1_000) / 1_000).toLocaleString("en", { maximumFractionDigits: 3 })}%`;
export const formatBurn = (b: number | null) =>
  b === null ? "—" : `${b < 10 ? (Math.round(b * 100) / 100).toString() : (Math.round(b * 10) / 10).toString()}×`;

export const STATUS_TEXT: Record<SloStatus, { label: string; tone: "ok" | "warn" | "bad" | "neutral" }> = {
  healthy: { label: "Healthy", tone: "ok" },
  at_risk: { label: "At risk", tone: "warn" },
  exhausted: { label: "Budget spent", tone: "bad" },
  no_data: { label: "No data", tone: "neutral" },
};

/** A burn rate's tone: above the Workbook's ticket rate (1×) it spends the budget before the window ends. */
export const burnTone = (b: number | null): "ok" | "warn" | "bad" | undefined => (b === null ? undefined : b >= 6 ? "bad" : b > 1 ? "warn" : "ok");
