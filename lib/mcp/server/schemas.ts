// The shapes Tether's MCP tools take and give, as zod schemas: the SDK publishes them as each tool's inputSchema and
// outputSchema. Outputs are parsed through these before they are sent (./result.ts), so structuredContent holds
// exactly what the schema names: the SDK publishes output objects with `additionalProperties: false`.
import { z } from "zod";
import { EVENT_STATUSES } from "../../webhooks/events";
import { STATUS_INDICATORS } from "../../providers/status/reading";
import { eventSummarySchema, incidentSchema } from "../../api/openapi/responses";

export const HEALTH_STATUSES = ["healthy", "degraded", "down", "paused", "pending"] as const;
const CIRCUIT_STATES = ["closed", "open", "half_open"] as const;

const iso = z.string().describe("ISO 8601 time");
const record = z.record(z.string(), z.unknown());

/** An integration named by its id or its exact name, as an agent is likely to know it. */
export const integrationRef = z
  .string()
  .trim()
  .min(1, "Name the integration by its id or its exact name")
  .max(200)
  .describe("The integration's id (UUID) or its exact name");

export const integrationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  target: z.string().describe("What it checks (URL, host, server), without secrets"),
  enabled: z.boolean(),
  tags: z.array(z.string()),
  status: z.enum(HEALTH_STATUSES),
  circuit: z.enum(CIRCUIT_STATES),
  uptime: z.number().nullable().describe("Share of passing runs over 24 h, 0..1; null without runs"),
  errorRate: z.number().nullable(),
  p95Ms: z.number().nullable(),
  runs24h: z.number(),
  lastRunAt: iso.nullable(),
  lastRunOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  nextRunAt: iso.nullable(),
  providerStatus: z
    .object({ url: z.string(), indicator: z.enum(STATUS_INDICATORS), pageName: z.string().nullable() })
    .nullable()
    .describe("What the provider's own status page says; null when the check names none"),
});

export const runSummary = z.object({
  id: z.string(),
  startedAt: iso,
  finishedAt: iso,
  latencyMs: z.number().nullable(),
  ok: z.boolean(),
  httpStatus: z.number().nullable(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number(),
  circuitState: z.enum(CIRCUIT_STATES),
  trigger: z.enum(["scheduled", "manual"]),
  details: record.nullable().describe("Kind-specific readings of the run (rate-limit headroom, queue depth, certificate days left...)"),
});

const attemptTrace = z.object({
  attempt: z.number(),
  startedAtMs: z.number(),
  durationMs: z.number(),
  ok: z.boolean(),
  status: z.number().optional(),
  errorClass: z.string().optional(),
  message: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  bodyExcerpt: z.string().optional(),
  details: record.optional(),
  retryDelayMs: z.number().optional(),
});

export const probeTrace = z.object({
  circuitBefore: z.enum(CIRCUIT_STATES),
  circuitAdmission: z.enum(["allowed", "rejected", "forced"]),
  attempts: z.array(attemptTrace),
  totalMs: z.number(),
  policy: record.describe("Retries, timeout and circuit-breaker settings the run used"),
});

export const runWithTrace = runSummary.extend({ trace: probeTrace });

/** The API's own response schemas (lib/api/openapi/responses.ts), so a tool answers exactly what the route does. */
export const incident = incidentSchema;

export const incidentDetail = incident.extend({
  events: z.array(z.object({ id: z.string(), at: iso, kind: z.string(), detail: z.string(), reason: z.string().nullable() })),
});

export const webhookEvent = eventSummarySchema;

export const integrationDetail = integrationSummary.omit({ providerStatus: true }).extend({
  consecutiveFailures: z.number(),
  circuitOpenedAt: iso.nullable(),
  lastReadings: z.object({ at: iso, details: record }).nullable().describe("Readings of the latest run that had any"),
  providerStatus: z
    .object({
      url: z.string(),
      reading: z
        .object({
          indicator: z.enum(STATUS_INDICATORS),
          description: z.string(),
          incidents: z.array(z.object({ name: z.string(), status: z.string(), url: z.string().nullable(), startedAt: iso.nullable() })),
          fetchedAt: iso,
        })
        .nullable(),
    })
    .nullable(),
  webhooks: z
    .object({
      sources: z.number(),
      events24h: z.number(),
      failed24h: z.number(),
      failedRate: z.number().nullable(),
      lastEventAt: iso.nullable(),
    })
    .nullable()
    .describe("Inbound webhook health when webhook sources are linked to it"),
});

const cursor = z.string().min(1).max(100).optional().describe("nextCursor from the previous page");

export const inputs = {
  listIntegrations: {
    status: z.enum(HEALTH_STATUSES).optional().describe("Only integrations in this health state"),
    tag: z.string().trim().min(1).max(100).optional().describe("Only integrations with this tag"),
  },
  getIntegration: { integration: integrationRef },
  probeNow: { integration: integrationRef },
  explainFailure: { integration: integrationRef },
  listIncidents: {
    status: z.enum(["open", "acknowledged", "resolved", "all"]).default("open").describe("Which incidents; open by default"),
    integration: integrationRef.optional(),
    cursor,
    limit: z.number().int().min(1).max(200).default(50),
  },
  acknowledgeIncident: { incidentId: z.uuid("Not an incident id: use an id from list_incidents") },
  searchWebhookEvents: {
    status: z.enum(EVENT_STATUSES).optional().describe("failed and dead_lettered are the deliveries that did not go through"),
    integration: integrationRef.optional(),
    eventType: z.string().trim().min(1).max(200).optional(),
    q: z.string().trim().min(1).max(200).optional().describe("Text to find in the raw payload"),
    since: z.iso.datetime({ offset: true, error: "since is an ISO 8601 time, e.g. 2026-12-01T09:00:00Z" }).optional(),
    until: z.iso.datetime({ offset: true, error: "until is an ISO 8601 time, e.g. 2026-12-01T18:00:00Z" }).optional(),
    cursor,
    limit: z.number().int().min(1).max(200).default(50),
  },
  replayWebhookEvent: { eventId: z.string().regex(/^\d{1,18}$/, "Not a webhook event id: use an id from search_webhook_events") },
};

export const outputs = {
  listIntegrations: z.object({ integrations: z.array(integrationSummary) }),
  getIntegration: z.object({ integration: integrationDetail, recentRuns: z.array(runSummary), openIncidents: z.array(incident) }),
  probeNow: z.object({ run: runWithTrace }),
  explainFailure: z.object({
    integration: z.object({ id: z.string(), name: z.string(), status: z.enum(HEALTH_STATUSES) }),
    failing: z.boolean().describe("Whether the latest run failed"),
    lastFailure: runWithTrace.nullable().describe("The latest failing run with its trace; null when none is kept"),
    classification: z
      .object({ errorClass: z.string(), meaning: z.string(), nextStep: z.string() })
      .nullable()
      .describe("What the failure's class means and where to look"),
  }),
  listIncidents: z.object({ incidents: z.array(incident), nextCursor: z.string().nullable() }),
  acknowledgeIncident: z.object({ incident: incidentDetail }),
  searchWebhookEvents: z.object({ events: z.array(webhookEvent), nextCursor: z.string().nullable() }),
  replayWebhookEvent: z.object({
    eventId: z.string(),
    status: z.enum(["processed", "failed", "dead_lettered"]),
    responseStatus: z.number().nullable(),
    error: z.string().nullable(),
  }),
};
