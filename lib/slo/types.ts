// What the SLO API answers: each SLO with its budget figures now, and (one SLO) its budget over time.
import type { SloStatus } from "./budget";
import type { Sli, SloScope, SloWindow } from "./slo";

export interface SloView {
  id: string;
  name: string;
  scope: SloScope;
  scopeText: string;
  objectivePct: number;
  window: SloWindow;
  sli: Sli;
  slaPct: number | null;
  /** The integrations it covers now. */
  integrations: { id: string; name: string }[];
  total: number;
  good: number;
  achievedPct: number | null;
  budgetRemaining: number | null;
  /** Burn rates over the last hour, 6 hours and 3 days. */
  burnRates: { h1: number | null; h6: number | null; d3: number | null };
  status: SloStatus;
  windowFrom: string;
  createdAt: string;
  updatedAt: string;
}

export interface SloDetail extends SloView {
  series: { day: string; budgetRemaining: number | null }[];
}

export interface SlosResponse {
  slos: SloView[];
}
