// Zod schemas of what the feature routes answer (timelines, tool versions, backtests, deliveries, the audit log, MCP
// imports, SLOs, status pages, webhook replies), beside ./responses.ts and checked the same way: each against the
// type its service returns, so a field added without its schema fails `npm run typecheck`.
import { z } from "zod";
import type { integrationTimeline } from "../../alerts/timeline";
import type { listToolVersions } from "../../integrations/tool-versions";
import type { backtest } from "../../alerts/rules";
import type { sendTest } from "../../alerts/channels-service";
import type { exportEvents, replayEdited, replayEvent } from "../../webhooks/events";
import type { getDelivery, listDeliveries, replayDelivery } from "../../alerts/deliveries/explorer";
import type { listAudit } from "../../audit/audit-log";
import type { importMcpServers, previewMcpImport } from "../../mcp/import/import-service";
import type { getSlo, listSlos } from "../../slo/slos";
import type { importOpenSlo } from "../../slo/openslo/openslo-service";
import type { StatusPageView } from "../../status-pages/pages";
import { sliSchema, SLO_WINDOWS, sloScopeSchema } from "../../slo/slo";
import { componentSourceSchema, STATUS_PAGE_ACCESS } from "../../status-pages/page-input";
import { SEVERITIES } from "../../alerts/rule";
import { EVENT_STATUSES } from "../../webhooks/events";
import { incidentSchema } from "./responses";

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Describes<T, S extends z.ZodType> = [T] extends [z.output<S>] ? S : never;
const describes =
  <T>() =>
  <S extends z.ZodType>(schema: Describes<T, S>): S =>
    schema;

const iso = z.iso.datetime({ offset: true });
const circuit = z.enum(["closed", "open", "half_open"]);
const severity = z.enum(SEVERITIES);
const ref = z.object({ id: z.string(), name: z.string() });
const impactCounts = { breaking: z.number().int(), additive: z.number().int(), cosmetic: z.number().int() };

// An alert incident in a timeline is the incident lists answer.
const incident = incidentSchema;

export const timelineSchema = describes<Answer<typeof integrationTimeline>>()(
  z.object({
    integrationId: z.string(),
    from: iso,
    to: iso,
    items: z.array(
      z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("incident"),
          at: iso,
          incident,
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
        z.object({ kind: z.literal("circuit"), at: iso, from: circuit, to: circuit, reason: z.string() }),
        z.object({ kind: z.literal("tool_version"), at: iso, seq: z.number().int(), ...impactCounts }),
        z.object({
          kind: z.literal("probe"),
          at: iso,
          change: z.enum(["failed", "recovered"]),
          runId: z.string(),
          errorClass: z.string().nullable(),
          errorMessage: z.string().nullable(),
          latencyMs: z.number().nullable(),
        }),
      ]),
    ),
    truncated: z.boolean().meta({ description: "More happened in the window than the answer holds" }),
  }),
);

const impact = z.enum(["breaking", "additive", "cosmetic"]);

export const toolVersionsSchema = describes<Answer<typeof listToolVersions>>()(
  z.object({
    versions: z.array(
      z.object({
        seq: z.number().int(),
        firstSeenAt: iso,
        firstSeenRunId: z.string().nullable(),
        toolCount: z.number().int(),
        counts: z.object(impactCounts),
        changes: z.array(z.object({ impact, tool: z.string(), what: z.string(), pointer: z.string().optional() })),
        diffs: z.array(
          z.object({
            tool: z.string(),
            status: z.enum(["added", "removed", "changed"]),
            hunks: z.array(
              z.array(
                z.object({
                  kind: z.enum(["add", "remove", "context"]),
                  text: z.string(),
                  oldLine: z.number().int().nullable(),
                  newLine: z.number().int().nullable(),
                }),
              ),
            ),
          }),
        ),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
);

export const backtestSchema = describes<Answer<typeof backtest>>()(
  z.object({
    firings: z.array(z.object({ integrationId: z.string(), integrationName: z.string(), start: iso, end: iso.nullable(), peak: z.number().nullable() })),
    series: z.array(z.object({ t: iso, value: z.number().nullable() })),
    seriesIntegrationId: z.string().nullable(),
    unit: z.string(),
    threshold: z.number().nullable(),
    resolveThreshold: z.number().nullable(),
    evaluatedIntegrations: z.number().int(),
    skippedIntegrations: z.number().int(),
    from: iso,
    to: iso,
    note: z.string().nullable(),
    supported: z.boolean().meta({ description: "false: this condition cannot be replayed over stored data (see `note`)" }),
  }),
);

/** One send to a channel, as a test send and a delivery replay answer it. */
export const sendOutcomeSchema = describes<Answer<typeof sendTest>>()(
  z.object({
    deliveryId: z.string(),
    status: z.enum(["delivered", "failed", "dead_lettered"]),
    attempt: z.number().int(),
    nextAttemptAt: iso.nullable(),
    outcome: z.object({
      ok: z.boolean(),
      target: z.string(),
      requestExcerpt: z.string(),
      responseStatus: z.number().int().nullable(),
      responseExcerpt: z.string().nullable(),
      error: z.string().nullable(),
      retryAfterMs: z.number().nullable(),
      permanent: z.boolean().optional(),
    }),
  }),
);
describes<Answer<typeof replayDelivery>>()(sendOutcomeSchema);

export const eventReplaySchema = describes<Answer<typeof replayEvent>>()(
  z.object({ status: z.enum(["processed", "failed", "dead_lettered"]), responseStatus: z.number().int().nullable(), error: z.string().nullable() }),
);

export const editedReplayDeliverySchema = describes<Answer<typeof replayEdited>>()(
  z.object({
    id: z.string(),
    attempt: z.number().int(),
    startedAt: iso,
    durationMs: z.number(),
    url: z.string(),
    responseStatus: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    trigger: z.string(),
    edited: z.object({ headers: z.record(z.string(), z.string()), body: z.string(), bodyEncoding: z.enum(["utf8", "base64"]) }).nullable(),
  }),
);

const exportedBase = {
  id: z.string(),
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
  headers: z.unknown().meta({ description: "The headers as received (those kept)" }),
};

export const eventsExportSchema = describes<Answer<typeof exportEvents>>()(
  z.array(
    z.union([
      z.object({ ...exportedBase, body: z.string().meta({ description: "The body, when it is UTF-8 text" }) }),
      z.object({ ...exportedBase, bodyBase64: z.string().meta({ description: "The body, base64, when it is not UTF-8 text" }) }),
    ]),
  ),
);

const deliverySummary = {
  id: z.string(),
  createdAt: iso,
  channel: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  event: z.string(),
  incidentId: z.string().nullable(),
  summary: z.string(),
  status: z.enum(["queued", "delivered", "failed", "dead_lettered"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: iso.nullable(),
};

export const deliveriesPageSchema = describes<Answer<typeof listDeliveries>>()(
  z.object({ deliveries: z.array(z.object(deliverySummary)), nextCursor: z.string().nullable() }),
);

export const deliveryDetailSchema = describes<Answer<typeof getDelivery>>()(
  z.object({
    ...deliverySummary,
    dedupKey: z.string(),
    notification: z.object({
      event: z.enum(["firing", "acknowledged", "resolved", "reminder", "test"]),
      incidentId: z.string().nullable(),
      dedupKey: z.string(),
      rule: z.object({ id: z.string(), name: z.string(), severity }),
      integration: ref.nullable(),
      summary: z.string(),
      value: z.number().nullable(),
      threshold: z.number().nullable(),
      startedAt: iso,
      resolvedAt: iso.nullable(),
      url: z.string(),
    }),
    attemptLog: z.array(
      z.object({
        id: z.string(),
        attempt: z.number().int(),
        startedAt: iso,
        durationMs: z.number(),
        target: z.string(),
        requestExcerpt: z.string().nullable(),
        responseStatus: z.number().int().nullable(),
        responseExcerpt: z.string().nullable(),
        error: z.string().nullable(),
        trigger: z.string(),
      }),
    ),
  }),
);

export const auditPageSchema = describes<Answer<typeof listAudit>>()(
  z.object({
    events: z.array(
      z.object({
        id: z.string(),
        at: iso,
        actorLabel: z.string(),
        action: z.string(),
        summary: z.string(),
        targetType: z.string().nullable(),
        targetId: z.string().nullable(),
        details: z.unknown(),
        ip: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
);

type Preview = Answer<typeof previewMcpImport>;
const location = { line: z.number().int().optional(), column: z.number().int().optional() };
const clients = z.enum(["claude-desktop", "claude-code", "vscode", "cursor", "windsurf", "zed", "continue", "gemini", "codex"]);
/** A nested object the document does not spell out: typed as the service's `T`, checked as an object. */
const opaque = <T>(description: string) => z.looseObject({}).meta({ description }) as unknown as z.ZodType<T, T>;

export const importPreviewSchema = describes<Preview>()(
  z.object({
    servers: z.array(
      z.object({
        key: z.string().meta({ description: "Names this server in the import request" }),
        name: z.string(),
        alreadyMonitored: ref.nullable(),
        transport: z.enum(["stdio", "http", "sse"]).nullable(),
        target: opaque<NonNullable<Preview["servers"][number]["target"]>>("How the server is reached: a command (stdio) or a URL").nullable(),
        config: opaque<NonNullable<Preview["servers"][number]["config"]>>("The MCP integration's config an import would store").nullable(),
        foundIn: z.array(z.object({ file: z.string(), client: clients, name: z.string(), scope: z.string().optional(), ...location })),
        secrets: z.array(z.object({ name: z.string(), from: z.string(), hint: z.string().optional(), found: z.string().optional(), password: z.boolean() })),
        needs: z.object({ stdio: z.boolean(), secrets: z.array(z.string()) }),
        problems: z.array(z.string()),
        warnings: z.array(z.string()),
        importable: z.boolean(),
        timeoutMs: z.number().int().optional(),
      }),
    ),
    files: z.array(
      z.object({
        name: z.string(),
        client: clients.nullable(),
        servers: z.number().int(),
        error: z.object({ message: z.string(), ...location }).optional(),
        problems: z.array(z.object({ message: z.string(), ...location })),
      }),
    ),
  }),
);

export const importResultSchema = describes<Answer<typeof importMcpServers>>()(
  z.object({
    created: z.array(z.object({ key: z.string(), id: z.string(), name: z.string(), secretsSet: z.array(z.string()), secretsMissing: z.array(z.string()) })),
  }),
);

type SloSummary = Answer<typeof listSlos>["slos"][number];
const sloFields = {
  id: z.uuid(),
  name: z.string(),
  scope: sloScopeSchema,
  scopeText: z.string(),
  objectivePct: z.number(),
  window: z.enum(SLO_WINDOWS),
  sli: sliSchema,
  slaPct: z.number().nullable(),
  integrations: z.array(ref),
  total: z.number().int(),
  good: z.number().int(),
  achievedPct: z.number().nullable(),
  budgetRemaining: z.number().nullable().meta({ description: "The error budget left, 1 = untouched, below 0 = overspent; null with no data" }),
  burnRates: z.object({ h1: z.number().nullable(), h6: z.number().nullable(), d3: z.number().nullable() }),
  status: z.enum(["no_data", "healthy", "at_risk", "exhausted"]),
  windowFrom: iso,
  createdAt: iso,
  updatedAt: iso,
};

export const sloSchema = describes<SloSummary>()(z.object(sloFields));
export const slosSchema = describes<Answer<typeof listSlos>>()(z.object({ slos: z.array(sloSchema) }));
export const sloDetailSchema = describes<Answer<typeof getSlo>>()(
  z.object({ ...sloFields, series: z.array(z.object({ day: z.string(), budgetRemaining: z.number().nullable() })) }),
);

export const openSloImportSchema = describes<Answer<typeof importOpenSlo>>()(
  z.object({
    dryRun: z.boolean(),
    items: z.array(
      z.object({
        document: z.number().int(),
        line: z.number().int().optional(),
        column: z.number().int().optional(),
        slo: z.object({
          name: z.string(),
          scope: sloScopeSchema,
          objectivePct: z.number(),
          window: z.enum(SLO_WINDOWS),
          sli: sliSchema,
          slaPct: z.number().nullable(),
        }),
        covers: z.string(),
        warnings: z.array(z.string()),
        id: z.string().optional().meta({ description: "The created SLO's id (absent in a dry run)" }),
      }),
    ),
    skipped: z.array(z.object({ document: z.number().int(), kind: z.string() })),
  }),
);

export const statusPageSchema = describes<StatusPageView>()(
  z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    logoUrl: z.string().nullable(),
    customHost: z.string().nullable().describe("A host name whose requests are answered with this page at `/`."),
    access: z.enum(STATUS_PAGE_ACCESS),
    hasPassword: z.boolean(),
    groups: z.array(z.object({ name: z.string(), components: z.array(z.object({ id: z.string(), name: z.string(), source: componentSourceSchema })) })),
    emailChannelId: z.uuid().nullable().describe("The SMTP channel that sends subscriber email; null means email subscriptions are off."),
    createdAt: iso,
    updatedAt: iso,
  }),
);

export const statusPagesSchema = z.object({ statusPages: z.array(statusPageSchema) });

/** What an inbound webhook endpoint answers the sender: 202 with the stored event's id, or 200 for a duplicate it already has. */
export const webhookReceiptSchema = z.union([
  z.object({ id: z.string(), duplicate: z.literal(false) }).meta({ description: "202: stored, to be processed" }),
  z.object({ duplicate: z.literal(true) }).meta({ description: "200: an event with this delivery id was already stored; nothing was added" }),
]);

/** A JSON-RPC 2.0 answer, as Tether's MCP server sends it. */
export const jsonRpcAnswerSchema = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: z.union([z.string(), z.number(), z.null()]),
    result: z.unknown().optional(),
    error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }).optional(),
  })
  .meta({ description: "One JSON-RPC response (or an array of them for a batch); tools, resources and prompts as MCP 2025-06-18 defines them" });

/** The OpenAPI document itself: only its fixed top is spelled out. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
  components: z.looseObject({}),
});

/** next-auth's own endpoints (session, csrf, providers, sign-in callbacks): JSON for the reads, redirects for the flows. */
export const nextAuthAnswerSchema = z
  .unknown()
  .meta({ description: "next-auth's answer: `/session`, `/csrf` and `/providers` are JSON objects; sign-in and sign-out flows redirect (302)" });
