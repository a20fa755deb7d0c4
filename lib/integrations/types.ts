// JSON shapes the API returns and the dashboard renders. Plain data only (dates as ISO strings), so server
// prefetch and client fetch produce identical cache entries. Safe to import from client components.
import type { HealthStatus } from "../domain/health";
import type { CircuitStateKind } from "../domain/circuit";
import type { IntegrationKind } from "../probes/kinds";
import type { IntegrationInputRaw } from "./integration-input";
import type { ProbeTrace } from "../domain/probe-run";

export type { HealthStatus, CircuitStateKind, ProbeTrace, IntegrationKind };

export interface IntegrationSummary {
  id: string;
  name: string;
  kind: IntegrationKind;
  target: string;
  enabled: boolean;
  tags: string[];
  intervalSeconds: number;
  status: HealthStatus;
  circuit: CircuitStateKind;
  /** 24 h figures from the minute rollups; null with no runs in the window. */
  uptime: number | null;
  errorRate: number | null;
  p95Ms: number | null;
  runs24h: number;
  lastRunAt: string | null;
  lastRunOk: boolean | null;
  lastError: string | null;
  nextRunAt: string | null;
  /** 24 hourly cells, oldest first: runs and failures, for the status strip. */
  hourly: { runs: number; failures: number }[];
  /** What the provider's own status page says, for an HTTP check that names one; null when it names none. */
  providerStatus: { url: string; indicator: import("../providers/status/reading").StatusIndicator; pageName: string | null } | null;
}

export interface IntegrationDetail extends Omit<IntegrationSummary, "providerStatus"> {
  input: IntegrationInputRaw;
  /** "config" when a tether.yaml apply manages it. */
  managedBy: string | null;
  createdAt: string;
  updatedAt: string;
  consecutiveFailures: number;
  circuitOpenedAt: string | null;
  transitions: { id: string; from: CircuitStateKind; to: CircuitStateKind; reason: string; at: string }[];
  /** Inbound webhook health, when webhook sources are linked to this integration. */
  webhooks: import("../webhooks/health").WebhookHealth | null;
  /** The readings of the latest run that had any (rate-limit headroom, deprecation, queue depth, lag...). */
  lastReadings: { at: string; details: Record<string, unknown> } | null;
  /** The latest run that recorded a contract change (response shape, GraphQL schema), within the runs kept; null when none did. */
  contractChange: ContractChangeView | null;
  /** The provider's own word, from the status page this HTTP check names; `reading` is null until the worker has read it. */
  providerStatus: { url: string; reading: import("../providers/status/reading").StatusReading | null } | null;
  /** Each listed location's latest run (empty when probed by any worker); `status` then goes by the quorum. */
  locations: LocationLatestView[];
}

export interface LocationLatestView {
  location: string;
  /** null until that location has run it. */
  lastRunAt: string | null;
  ok: boolean | null;
  latencyMs: number | null;
  error: string | null;
  /** The latest heartbeat of a worker started with this TETHER_LOCATION; null when none has reported. */
  workerLastSeenAt: string | null;
  /** A worker of this location was seen lately (lib/domain/location-coverage.ts); if not, nothing probes it there. */
  served: boolean;
  /** This location's own circuit breaker; the integration's circuit is open when its quorum of locations' are. */
  circuit: CircuitStateKind;
  /** This location's runs in the 24 hours before the read, their share failed (null without runs) and p95 latency. */
  runs24h: number;
  errorRate24h: number | null;
  p95Ms24h: number | null;
}

export interface ContractChangeView {
  at: string;
  shape: import("../probes/shared/shape/diff").ShapeChange | null;
  schema: import("../probes/graphql/schema-change").SchemaChange | null;
}

export interface ProbeRunView {
  id: string;
  startedAt: string;
  finishedAt: string;
  latencyMs: number | null;
  ok: boolean;
  httpStatus: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  attempts: number;
  circuitState: CircuitStateKind;
  trigger: "scheduled" | "manual";
  /** Kind-specific readings of the run (queue depth, lag, tool list, certificate days left...). */
  details: Record<string, unknown> | null;
  trace: ProbeTrace;
}

export interface RunsPage {
  runs: ProbeRunView[];
  nextCursor: string | null;
}

export const SERIES_WINDOWS = ["1h", "24h", "7d"] as const;
export type SeriesWindow = (typeof SERIES_WINDOWS)[number];

export interface SeriesPoint {
  /** Bucket start, ISO. */
  t: string;
  runs: number;
  failures: number;
  /** Latency bucket counts merged over the point's minutes (see lib/domain/latency-histogram). */
  hist: number[];
  maxMs: number;
}

export interface Series {
  window: SeriesWindow;
  stepSeconds: number;
  from: string;
  to: string;
  points: SeriesPoint[];
}

/** One version of an MCP server's tool list, as the integration page shows it (lib/integrations/tool-versions.ts). */
export interface ToolVersionView {
  seq: number;
  firstSeenAt: string;
  firstSeenRunId: string | null;
  toolCount: number;
  counts: { breaking: number; additive: number; cosmetic: number };
  /** Classified changes from the version before, breaking first; empty for version 1. */
  changes: import("../mcp/types").ToolChange[];
  /** Line diffs of the definitions of the tools that changed; empty for version 1. */
  diffs: import("../mcp/changes/definition-diff").ToolDefinitionDiff[];
}

export interface ToolVersionsPage {
  versions: ToolVersionView[];
  nextCursor: string | null;
}

/** The overview's counts: the whole filtered set, not only the page. */
export interface OverviewCounts {
  /** Every integration matching the search, kind and tag (the status filter aside), and each status's share. */
  all: number;
  byStatus: Record<HealthStatus, number>;
}

/** One page of the overview (lib/integrations/overview.ts): the rows, where they sit, and the counts of the whole set. */
export interface OverviewPage {
  items: IntegrationSummary[];
  /** Rows matching every filter, status included. */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  counts: OverviewCounts;
  /** What the filters can offer: every kind in use and every tag, across all integrations. */
  facets: { kinds: IntegrationKind[]; tags: string[] };
  /**
   * Integrations whose 24-hour summary the worker has not built yet (a new hour, a fresh install): until it has,
   * their status and error-rate order use only the hours since the last summary. Their rows on the page are exact.
   */
  summariesPending: number;
}
