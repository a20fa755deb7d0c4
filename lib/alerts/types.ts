// The alert API's response shapes (rules, incidents, silences, backtest, integration timeline), shared by the
// service that builds them and the pages that read them. Dates are ISO strings; ids are strings.
import type { RuleCondition, RuleInput, RuleScope, Severity } from "./rule";

export type AlertStateKind = "ok" | "pending" | "firing";
export type IncidentStatus = "open" | "acknowledged" | "resolved";
export type IncidentStatusFilter = IncidentStatus | "all";
export type SilenceKind = "silence" | "maintenance";

/** A stored rule: every field of `RuleInput`, plus identity, authorship and what it is doing right now. */
export interface AlertRuleView {
  id: string;
  /** "config" when a tether.yaml apply manages it. */
  managedBy?: string | null;
  name: string;
  enabled: boolean;
  severity: Severity;
  scope: RuleScope;
  condition: RuleCondition;
  pendingSeconds: number;
  flapMaxChanges: number;
  flapWindowMinutes: number;
  reminderMinutes: number;
  muteDuringProviderIncident: boolean;
  channelIds: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** One line a person reads: "error rate > 20% over 5 min (min 5 samples)". */
  conditionText: string;
  /** How many integrations in scope are firing / pending now, and how many incidents are not resolved. */
  counts: { firing: number; pending: number; openIncidents: number };
}

export interface AlertRulesResponse {
  rules: AlertRuleView[];
}

/** `POST /api/alerts/rules/backtest` body: a draft rule (not saved) and the replay window. */
export interface BacktestRequest {
  rule: RuleInput;
  /** 1 to 30, default 7. */
  days?: number;
  /** Which integration's series to return; default the first in scope (or the one that fired most). */
  integrationId?: string;
}

export interface BacktestFiring {
  integrationId: string;
  integrationName: string;
  start: string;
  /** Null: still firing at the end of the window. */
  end: string | null;
  /** The worst value seen while firing, in the condition's unit (%, ms, failures). */
  peak: number | null;
}

export interface BacktestResult {
  firings: BacktestFiring[];
  /** The measured value per minute for `seriesIntegrationId` (null where there was not enough data). */
  series: { t: string; value: number | null }[];
  seriesIntegrationId: string | null;
  /** The unit of `series`, `threshold` and `peak`: "%", "ms", "failures", "runs", "s". */
  unit: string;
  threshold: number | null;
  resolveThreshold: number | null;
  evaluatedIntegrations: number;
  /** Integrations in scope but left out (the cap is 50). */
  skippedIntegrations: number;
  from: string;
  to: string;
  /** Plain words about what was (or could not be) replayed: "cannot be backtested: ..." for kinds without history. */
  note: string | null;
  /** False for kinds that have no stored history (TLS expiry, webhook silence/failure rate). */
  supported: boolean;
}

export type IncidentEventKind = "opened" | "notified" | "muted" | "reminder" | "acknowledged" | "resolved";

export interface IncidentEventView {
  id: string;
  at: string;
  kind: IncidentEventKind;
  /** Plain words: "muted by maintenance window 'DB upgrade'", "notified 2 channels", "acknowledged by ada@...". */
  detail: string;
  /** For "muted": why ("silence" | "maintenance" | "flapping"); for "notified": the event sent. */
  reason: string | null;
}

export interface IncidentView {
  id: string;
  rule: { id: string | null; name: string; severity: Severity };
  integration: { id: string; name: string };
  severity: Severity;
  status: IncidentStatus;
  summary: string;
  /** The value when it opened and the worst since, in `unit`. */
  value: number | null;
  peak: number | null;
  threshold: number | null;
  unit: string;
  startedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}

export interface IncidentDetail extends IncidentView {
  events: IncidentEventView[];
}

export interface IncidentsPage {
  incidents: IncidentView[];
  nextCursor: string | null;
}

export interface AlertSilenceView {
  id: string;
  kind: SilenceKind;
  ruleId: string | null;
  integrationId: string | null;
  tag: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  /** Whether it mutes anything at the time of the request. */
  active: boolean;
}

export interface AlertSilencesResponse {
  silences: AlertSilenceView[];
}

/** `POST /api/alerts/silences` body. At least one of ruleId / integrationId / tag, or none to mute everything. */
export interface SilenceInput {
  kind: SilenceKind;
  ruleId?: string | null;
  integrationId?: string | null;
  tag?: string | null;
  startsAt?: string;
  endsAt: string;
  reason: string;
}

/** One entry of an integration's timeline, newest first. */
export type TimelineItem =
  | { kind: "incident"; at: string; incident: IncidentView; events: IncidentEventView[] }
  | { kind: "circuit"; at: string; from: "closed" | "open" | "half_open"; to: "closed" | "open" | "half_open"; reason: string }
  /** A new version of an MCP server's tool list (after the first), with its changes counted by impact. */
  | { kind: "tool_version"; at: string; seq: number; breaking: number; additive: number; cosmetic: number }
  /** A change in probe outcome: the first failed run after successes ("failed"), or the first success after failures ("recovered"). */
  | {
      kind: "probe";
      at: string;
      change: "failed" | "recovered";
      runId: string;
      errorClass: string | null;
      errorMessage: string | null;
      latencyMs: number | null;
    };

export interface TimelineResponse {
  integrationId: string;
  from: string;
  to: string;
  items: TimelineItem[];
  /** True when the range held more than the bound (500 items) and the oldest were left out. */
  truncated: boolean;
}
