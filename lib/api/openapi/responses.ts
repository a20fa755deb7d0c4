// Zod schemas of what the main resources' routes answer, for the OpenAPI document and for the integration tests
// that parse real responses with them. Each is checked against the TypeScript type the service returns, so a
// field added to the type without its schema (or typed differently) fails `npm run typecheck`.
import { z } from "zod";
import {
  SERIES_WINDOWS,
  type IntegrationDetail,
  type IntegrationSummary,
  type OverviewPage,
  type ProbeTrace,
  type RunsPage,
  type Series,
} from "../../integrations/types";
import { INTEGRATION_KINDS } from "../../probes/kinds";
import type { SecretSummary } from "../../secrets/store";
import type { ChannelView } from "../../alerts/channels-service";
import { CHANNEL_KINDS } from "../../alerts/channels/kinds";
import type { UserView } from "../../users/service";
import type { SessionView } from "../../auth/sessions";
import type { TokenView } from "../../auth/tokens";
import type { LocationView, WorkerView } from "../../workers/heartbeat";
import type { AlertRuleView, AlertRulesResponse, AlertSilenceView, AlertSilencesResponse, IncidentDetail, IncidentsPage } from "../../alerts/types";
import type { SourceView } from "../../webhooks/sources";
import type { EventDetail, EventSummary } from "../../webhooks/events";
import { ruleConditionSchema, ruleScopeSchema, SEVERITIES } from "../../alerts/rule";
import { STATUS_INDICATORS, type StatusReading } from "../../providers/status/reading";
import { EVENT_STATUSES } from "../../webhooks/events";
import { ROLES } from "../../auth/roles";
import { STATUS_OF, type ApiErrorCode } from "../errors";
import { sliSchema, SLO_WINDOWS } from "../../slo/slo";
import type { SloReport } from "../../slo/report/report";

/** Compile-time: every value of the service's type `T` is one the schema describes. */
type Describes<T, S extends z.ZodType> = [T] extends [z.output<S>] ? S : never;
const describes =
  <T>() =>
  <S extends z.ZodType>(schema: Describes<T, S>): S =>
    schema;

const iso = z.iso.datetime({ offset: true });
const health = z.enum(["healthy", "degraded", "down", "paused", "pending"]);
const circuit = z.enum(["closed", "open", "half_open"]);
const json = z.record(z.string(), z.unknown());

/** A nested object whose shape the document does not spell out yet: typed as the service's `T`, checked as an object. */
const opaque = <T>(description: string) => z.looseObject({}).meta({ description }) as unknown as z.ZodType<T, T>;

export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(STATUS_OF) as [ApiErrorCode, ...ApiErrorCode[]]),
      message: z.string().meta({ description: "A sentence a person can act on" }),
      details: z.unknown().optional().meta({ description: 'For validation_failed: `{ fields: { "dotted.path": ["message", ...] } }`' }),
    }),
  })
  .meta({ description: "Every error the API answers has this shape" });

const integrationBase = {
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  target: z.string(),
  enabled: z.boolean(),
  tags: z.array(z.string()),
  intervalSeconds: z.number().int(),
  status: health,
  circuit,
  uptime: z.number().nullable(),
  errorRate: z.number().nullable(),
  p95Ms: z.number().nullable(),
  runs24h: z.number().int(),
  lastRunAt: iso.nullable(),
  lastRunOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  nextRunAt: iso.nullable(),
  hourly: z.array(z.object({ runs: z.number().int(), failures: z.number().int() })),
};

export const integrationSummarySchema = describes<IntegrationSummary>()(
  z.object({
    ...integrationBase,
    providerStatus: z.object({ url: z.string(), indicator: z.enum(STATUS_INDICATORS), pageName: z.string().nullable() }).nullable(),
  }),
);

export const overviewPageSchema = describes<OverviewPage>()(
  z.object({
    items: z.array(integrationSummarySchema),
    total: z.number().int().meta({ description: "Integrations matching every filter" }),
    page: z.number().int(),
    pageSize: z.number().int(),
    pages: z.number().int(),
    counts: z
      .object({
        all: z.number().int(),
        byStatus: z.object({
          healthy: z.number().int(),
          degraded: z.number().int(),
          down: z.number().int(),
          paused: z.number().int(),
          pending: z.number().int(),
        }),
      })
      .meta({ description: "Counts over the search, kind and tag filters (the status filter aside)" }),
    facets: z.object({ kinds: z.array(z.enum(INTEGRATION_KINDS)), tags: z.array(z.string()) }),
    summariesPending: z.number().int().meta({ description: "Integrations whose 24-hour summary the worker has not built yet" }),
  }),
);

export const integrationDetailSchema = describes<IntegrationDetail>()(
  z.object({
    ...integrationBase,
    input: opaque<IntegrationDetail["input"]>("The integration's input as stored (the create body's shape); secrets only as {{secret.NAME}}"),
    managedBy: z.string().nullable().optional().describe('"config" when a tether.yaml apply manages it'),
    createdAt: iso,
    updatedAt: iso,
    consecutiveFailures: z.number().int(),
    circuitOpenedAt: iso.nullable(),
    transitions: z.array(z.object({ id: z.string(), from: circuit, to: circuit, reason: z.string(), at: iso })),
    webhooks: opaque<NonNullable<IntegrationDetail["webhooks"]>>("Inbound webhook health of the linked sources").nullable(),
    lastReadings: z.object({ at: iso, details: json }).nullable(),
    locations: z
      .array(
        z.object({
          location: z.string(),
          lastRunAt: iso.nullable(),
          ok: z.boolean().nullable(),
          latencyMs: z.number().int().nullable(),
          error: z.string().nullable(),
          workerLastSeenAt: iso.nullable().describe("The latest heartbeat of a worker started with this TETHER_LOCATION; null when none has reported"),
          served: z.boolean().describe("A worker of this location was seen in the last 5 minutes; if not, nothing probes it there"),
          circuit: z
            .enum(["closed", "open", "half_open"])
            .describe("This location's own circuit breaker; the integration's circuit is open when its quorum of locations' circuits are"),
        }),
      )
      .describe("Each listed location's latest run (empty when any worker probes it); status then goes by the quorum"),
    contractChange: opaque<NonNullable<IntegrationDetail["contractChange"]>>("The latest response-shape or GraphQL schema change").nullable(),
    providerStatus: z
      .object({
        url: z.string(),
        reading: z
          .object({
            indicator: z.enum(STATUS_INDICATORS),
            description: z.string(),
            incidents: z.array(opaque<StatusReading["incidents"][number]>("An incident the status page lists")),
            fetchedAt: iso,
            pageName: z.string().nullable().optional(),
          })
          .nullable(),
      })
      .nullable(),
  }),
);

export const probeRunSchema = z.object({
  id: z.string(),
  startedAt: iso,
  finishedAt: iso,
  latencyMs: z.number().nullable(),
  ok: z.boolean(),
  httpStatus: z.number().int().nullable(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number().int(),
  circuitState: circuit,
  trigger: z.enum(["scheduled", "manual"]),
  details: json.nullable(),
  trace: opaque<ProbeTrace>("The run's steps and attempts, as the dashboard shows them"),
});

export const runsPageSchema = describes<RunsPage>()(z.object({ runs: z.array(probeRunSchema), nextCursor: z.string().nullable() }));

const severity = z.enum(SEVERITIES);

export const alertRuleSchema = describes<AlertRuleView>()(
  z.object({
    id: z.uuid(),
    name: z.string(),
    enabled: z.boolean(),
    severity,
    scope: ruleScopeSchema,
    condition: ruleConditionSchema,
    pendingSeconds: z.number().int(),
    flapMaxChanges: z.number().int(),
    flapWindowMinutes: z.number().int(),
    reminderMinutes: z.number().int(),
    muteDuringProviderIncident: z.boolean(),
    channelIds: z.array(z.string()),
    createdBy: z.string().nullable(),
    managedBy: z.string().nullable().optional().describe('"config" when a tether.yaml apply manages it'),
    createdAt: iso,
    updatedAt: iso,
    conditionText: z.string(),
    counts: z.object({ firing: z.number().int(), pending: z.number().int(), openIncidents: z.number().int() }),
  }),
);

export const alertRulesSchema = describes<AlertRulesResponse>()(z.object({ rules: z.array(alertRuleSchema) }));

/** One incident as lists show it; Tether's MCP tools answer the same shape. */
export const incidentSchema = z.object({
  id: z.uuid(),
  rule: z.object({ id: z.string().nullable(), name: z.string(), severity }),
  integration: z.object({ id: z.string(), name: z.string() }),
  severity,
  status: z.enum(["open", "acknowledged", "resolved"]),
  summary: z.string(),
  value: z.number().nullable(),
  peak: z.number().nullable(),
  threshold: z.number().nullable(),
  unit: z.string(),
  startedAt: iso,
  acknowledgedAt: iso.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: iso.nullable(),
});

export const incidentsPageSchema = describes<IncidentsPage>()(z.object({ incidents: z.array(incidentSchema), nextCursor: z.string().nullable() }));

export const incidentDetailSchema = describes<IncidentDetail>()(
  incidentSchema.extend({
    events: z.array(
      z.object({
        id: z.string(),
        at: iso,
        kind: z.enum(["opened", "notified", "muted", "reminder", "acknowledged", "resolved"]),
        detail: z.string(),
        reason: z.string().nullable(),
      }),
    ),
  }),
);

export const webhookSourceSchema = describes<SourceView>()(
  z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    integrationId: z.string().nullable(),
    scheme: z.string(),
    schemeConfig: json,
    hasSecret: z.boolean(),
    rotationEndsAt: iso.nullable(),
    forwardUrl: z.string().nullable(),
    maxAttempts: z.number().int(),
    maxBodyBytes: z.number().int(),
    enabled: z.boolean(),
    managedBy: z.string().nullable().optional().describe('"config" when a tether.yaml apply manages it'),
    createdAt: iso,
  }),
);

/** One webhook event as lists show it; Tether's MCP tools answer the same shape. */
export const eventSummarySchema = describes<EventSummary>()(
  z.object({
    id: z.string().meta({ description: "A decimal event id" }),
    receivedAt: iso,
    source: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    eventType: z.string().nullable(),
    externalId: z.string().nullable(),
    status: z.enum(EVENT_STATUSES),
    verified: z.boolean(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: iso.nullable(),
    sizeBytes: z.number().int(),
  }),
);

export const webhookEventsPageSchema = z.object({ events: z.array(eventSummarySchema), nextCursor: z.string().nullable() });

export const webhookEventDetailSchema = describes<EventDetail>()(
  eventSummarySchema.extend({
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    bodyEncoding: z.enum(["utf8", "base64"]),
    bodyIsJson: z.boolean(),
    contentType: z.string().nullable(),
    verificationDetail: z.string(),
    forwardUrl: z.string().nullable(),
    deliveries: z.array(opaque<EventDetail["deliveries"][number]>("One relay delivery of the event with its attempts")),
  }),
);

export const meSchema = z.object({ kind: z.enum(["user", "token"]), role: z.enum(ROLES), label: z.string() });
export const healthSchema = z.object({ status: z.literal("ok") });

export const seriesSchema = describes<Series>()(
  z.object({
    window: z.enum(SERIES_WINDOWS),
    stepSeconds: z.number().int(),
    from: iso,
    to: iso,
    points: z.array(
      z.object({
        t: iso,
        runs: z.number().int(),
        failures: z.number().int(),
        hist: z.array(z.number().int()).meta({ description: "Latency bucket counts (lib/domain/latency-histogram)" }),
        maxMs: z.number(),
      }),
    ),
  }),
);

export const secretsSchema = describes<SecretSummary[]>()(z.array(z.object({ name: z.string(), updatedAt: iso, keyId: z.string() })));
export const secretSchema = describes<SecretSummary>()(z.object({ name: z.string(), updatedAt: iso, keyId: z.string() }));

export const silenceSchema = describes<AlertSilenceView>()(
  z.object({
    id: z.uuid(),
    kind: z.enum(["silence", "maintenance"]),
    ruleId: z.string().nullable(),
    integrationId: z.string().nullable(),
    tag: z.string().nullable(),
    startsAt: iso,
    endsAt: iso,
    reason: z.string(),
    createdBy: z.string().nullable(),
    createdAt: iso,
    active: z.boolean(),
  }),
);
export const silencesSchema = describes<AlertSilencesResponse>()(z.object({ silences: z.array(silenceSchema) }));

export const channelSchema = describes<ChannelView>()(
  z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(CHANNEL_KINDS),
    enabled: z.boolean(),
    config: json.meta({ description: "The non-secret settings" }),
    secrets: z.record(z.string(), z.boolean()).meta({ description: "Each secret field of the kind, and whether it is set" }),
    target: z.string(),
    lastDelivery: z.object({ id: z.string(), status: z.string(), at: iso, error: z.string().nullable() }).nullable(),
    managedBy: z.string().nullable().optional().describe('"config" when a tether.yaml apply manages it'),
    createdAt: iso,
    updatedAt: iso,
  }),
);

export const userSchema = describes<UserView>()(
  z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    roleLocked: z.boolean(),
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    github: z.boolean(),
    sso: z.array(z.string()),
    lastLoginAt: iso.nullable(),
    createdAt: iso,
  }),
);

export const sessionSchema = describes<SessionView>()(
  z.object({ id: z.uuid(), userAgent: z.string().nullable(), ip: z.string().nullable(), createdAt: iso, lastSeenAt: iso, current: z.boolean() }),
);

export const tokenSchema = describes<TokenView>()(
  z.object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string(),
    owner: z.string(),
    lastUsedAt: iso.nullable(),
    revokedAt: iso.nullable(),
    createdAt: iso,
  }),
);

export const workerSchema = describes<WorkerView>()(
  z.object({
    id: z.string(),
    hostname: z.string(),
    pid: z.number().int(),
    status: z.enum(["alive", "lost", "stopped"]),
    startedAt: iso,
    lastSeenAt: iso,
    concurrency: z.number().int(),
    location: z.string().nullable().describe("Its TETHER_LOCATION; null: it runs only integrations that list no locations"),
    inFlight: z.number().int(),
    probesRun: z.number().int(),
    current: z.array(z.object({ integrationId: z.string(), name: z.string().nullable(), since: iso })),
  }),
);

export const locationSchema = describes<LocationView>()(
  z.object({
    location: z.string(),
    integrations: z.number().int().describe("Enabled integrations that list it"),
    aliveWorkers: z.number().int().describe("Workers of this location alive now"),
    workerLastSeenAt: iso.nullable().describe("The latest heartbeat of a worker in it; null when none has reported in the last day"),
    served: z.boolean().describe("A worker of it was seen in the last 5 minutes"),
  }),
);

const reportIncident = z.object({
  id: z.string(),
  ruleName: z.string(),
  integrationId: z.string(),
  integrationName: z.string(),
  severity: z.string(),
  startedAt: iso,
  resolvedAt: iso.nullable(),
  minutesInMonth: z.number().describe("Minutes of the incident inside the month (up to now, for one still open)"),
  summary: z.string(),
});
const ref = z.object({ id: z.string(), name: z.string() });
const reportFigures = {
  total: z.number().int().describe("Probe runs in the month"),
  good: z.number().int(),
  achievedPct: z.number().nullable().describe("Good runs of all runs, in percent; null with no runs"),
  objectivePct: z.number().nullable(),
  slaPct: z.number().nullable().describe("The contracted SLA; null when none is set"),
  objectiveMet: z.boolean().nullable(),
  slaMet: z.boolean().nullable(),
  budgetSpent: z.number().nullable().describe("Share of the month's error budget spent: 1 spent exactly, above 1 overspent"),
  downtimeMinutes: z.number().describe("Estimated from the hour rollups: each hour adds 60 min × its bad share"),
  minutesWithData: z.number(),
  incidents: z.array(reportIncident),
};

export const sloReportSchema = describes<SloReport>()(
  z.object({
    month: z.string().describe("YYYY-MM, UTC"),
    from: iso,
    to: iso,
    state: z.enum(["complete", "in_progress", "future"]),
    through: iso.describe("Where the figures stop: the month's end, or now for the month in progress"),
    minutesInMonth: z.number(),
    slos: z.array(z.object({ id: z.string(), name: z.string(), window: z.enum(SLO_WINDOWS), sli: sliSchema, integrations: z.array(ref), ...reportFigures })),
    providers: z.array(z.object({ provider: z.string(), integrations: z.array(ref), slos: z.array(ref), ...reportFigures })),
  }),
);
