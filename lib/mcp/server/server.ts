// Tether's own MCP server: what an agent may ask (health, runs, incidents, webhook deliveries) and do within its
// role (probe, acknowledge, replay). One server per request, bound to the caller's actor; every tool calls the same
// lib/ services the JSON API calls, so there is one data path and one set of rules. Viewer tools read; editor tools
// refuse a caller below editor with a tool error that says so. Every result is parsed through its output schema.
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Db } from "../../db/client";
import { ApiError, toErrorResponse } from "../../api/errors";
import type { Actor } from "../../auth/actor";
import { atLeast, type Role } from "../../auth/roles";
import { getIntegration, listIntegrations } from "../../integrations/crud";
import { listRuns } from "../../integrations/runs";
import { probeNowWithinLimits } from "../../integrations/probe-now";
import { acknowledgeIncident, listIncidents } from "../../alerts/incidents/incidents";
import { listEvents, parseEventId, replayEvent } from "../../webhooks/events";
import { createLogger } from "../../observability/logger";
import { failureHint } from "./failure-hints";
import { inputs, outputs } from "./schemas";

const log = createLogger("mcp-server");

export const SERVER_INFO = { name: "tether", title: "Tether", version: "1.0.0" };

const INSTRUCTIONS =
  "Tether monitors the integrations a product depends on. Start with list_integrations (or list_incidents) to see what is unhealthy, " +
  "get_integration or explain_failure for why, and probe_now to check again. Acting tools (probe_now, acknowledge_incident, " +
  "replay_webhook_event) need an editor token.";

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** The structured result and its JSON text (for clients that read only content), exactly as the schema names it. */
function result<S extends z.ZodType>(schema: S, value: z.input<S>): CallToolResult {
  const structured = schema.parse(value) as Record<string, unknown>;
  return { structuredContent: structured, content: [{ type: "text", text: JSON.stringify(structured) }] };
}

/** Errors as tool errors with the API's own words; anything unexpected is logged and said plainly. */
async function guard(tool: string, fn: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await fn();
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) log.error(`tool ${tool} failed`, { error: err instanceof Error ? err.message : String(err) });
    return { isError: true, content: [{ type: "text", text: body.error.message }] };
  }
}

function requireRole(actor: Actor, role: Role): void {
  const have = actor.principal?.role;
  if (!have || !atLeast(have, role)) throw ApiError.forbidden(`This tool needs the ${role} role; this token has ${have ?? "none"}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An integration by id or exact name. */
async function resolveIntegration(db: Db, ref: string): Promise<{ id: string; name: string }> {
  const row = await db.integration.findFirst({
    where: UUID.test(ref) ? { OR: [{ id: ref }, { name: ref }] } : { name: ref },
    select: { id: true, name: true },
  });
  if (!row) throw new ApiError("not_found", `No integration with the id or name "${ref}"; list_integrations shows them`);
  return row;
}

export interface TetherMcpDeps {
  db: Db;
  actor: Actor;
  now?: () => number;
}

export function createTetherMcpServer({ db, actor, now = Date.now }: TetherMcpDeps): McpServer {
  const server = new McpServer(SERVER_INFO, { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS });

  server.registerTool(
    "list_integrations",
    {
      title: "List integrations",
      description: "Every monitored integration with its health, circuit state and 24 h figures. Filter by health status or tag.",
      inputSchema: inputs.listIntegrations,
      outputSchema: outputs.listIntegrations,
      annotations: READ,
    },
    (args) =>
      guard("list_integrations", async () => {
        const all = await listIntegrations(db, now());
        const integrations = all.filter((i) => (!args.status || i.status === args.status) && (!args.tag || i.tags.includes(args.tag)));
        return result(outputs.listIntegrations, { integrations });
      }),
  );

  server.registerTool(
    "get_integration",
    {
      title: "Get an integration",
      description: "One integration's health, circuit, latest readings, provider status page, its last 10 runs and its open incidents.",
      inputSchema: inputs.getIntegration,
      outputSchema: outputs.getIntegration,
      annotations: READ,
    },
    (args) =>
      guard("get_integration", async () => {
        const { id } = await resolveIntegration(db, args.integration);
        const [integration, runs, incidents] = await Promise.all([
          getIntegration(db, id, now()),
          listRuns(db, id, { limit: 10 }),
          listIncidents(db, { status: "open", integrationId: id, limit: 50 }),
        ]);
        return result(outputs.getIntegration, { integration, recentRuns: runs.runs, openIncidents: incidents.incidents });
      }),
  );

  server.registerTool(
    "explain_failure",
    {
      title: "Explain the latest failure",
      description: "The integration's latest failing run with its attempt-by-attempt trace, what its failure class means and where to look.",
      inputSchema: inputs.explainFailure,
      outputSchema: outputs.explainFailure,
      annotations: READ,
    },
    (args) =>
      guard("explain_failure", async () => {
        const { id } = await resolveIntegration(db, args.integration);
        const [integration, failed] = await Promise.all([getIntegration(db, id, now()), listRuns(db, id, { limit: 1, failedOnly: true })]);
        const lastFailure = failed.runs[0] ?? null;
        return result(outputs.explainFailure, {
          integration: { id, name: integration.name, status: integration.status },
          failing: integration.lastRunOk === false,
          lastFailure,
          classification: lastFailure ? failureHint(lastFailure.errorClass ?? "unknown") : null,
        });
      }),
  );

  server.registerTool(
    "probe_now",
    {
      title: "Probe now",
      description: "Runs the integration's probe now (editor role), records the run like a scheduled one, and returns it with its trace.",
      inputSchema: inputs.probeNow,
      outputSchema: outputs.probeNow,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args) =>
      guard("probe_now", async () => {
        requireRole(actor, "editor");
        const { id } = await resolveIntegration(db, args.integration);
        return result(outputs.probeNow, { run: await probeNowWithinLimits(db, id, actor) });
      }),
  );

  server.registerTool(
    "list_incidents",
    {
      title: "List incidents",
      description: "Alert incidents, newest first: open ones by default, or acknowledged, resolved or all; optionally for one integration.",
      inputSchema: inputs.listIncidents,
      outputSchema: outputs.listIncidents,
      annotations: READ,
    },
    (args) =>
      guard("list_incidents", async () => {
        const integrationId = args.integration ? (await resolveIntegration(db, args.integration)).id : undefined;
        const cursor = args.cursor && UUID.test(args.cursor) ? args.cursor : undefined;
        if (args.cursor && !cursor) throw ApiError.badRequest("Not a cursor from this list");
        return result(outputs.listIncidents, await listIncidents(db, { status: args.status, integrationId, cursor, limit: args.limit }));
      }),
  );

  server.registerTool(
    "acknowledge_incident",
    {
      title: "Acknowledge an incident",
      description: "Acknowledges an open incident (editor role): reminders stop and its channels are told. Acknowledging twice changes nothing.",
      inputSchema: inputs.acknowledgeIncident,
      outputSchema: outputs.acknowledgeIncident,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      guard("acknowledge_incident", async () => {
        requireRole(actor, "editor");
        return result(outputs.acknowledgeIncident, { incident: await acknowledgeIncident(db, args.incidentId, actor, new Date(now())) });
      }),
  );

  server.registerTool(
    "search_webhook_events",
    {
      title: "Search webhook events",
      description:
        "Inbound webhook deliveries, newest first, by status (failed and dead_lettered did not go through), integration, event type, time or payload text.",
      inputSchema: inputs.searchWebhookEvents,
      outputSchema: outputs.searchWebhookEvents,
      annotations: READ,
    },
    (args) =>
      guard("search_webhook_events", async () => {
        const { integration, since, until, cursor, ...rest } = args;
        const integrationId = integration ? (await resolveIntegration(db, integration)).id : undefined;
        if (cursor && !/^\d+$/.test(cursor)) throw ApiError.badRequest("Not a cursor from this list");
        const filter = { ...rest, integrationId, cursor, since: time(since), until: time(until) };
        return result(outputs.searchWebhookEvents, await listEvents(db, filter));
      }),
  );

  server.registerTool(
    "replay_webhook_event",
    {
      title: "Replay a webhook event",
      description: "Delivers one stored webhook event to its forward URL again, now (editor role), and returns how the delivery went.",
      inputSchema: inputs.replayWebhookEvent,
      outputSchema: outputs.replayWebhookEvent,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args) =>
      guard("replay_webhook_event", async () => {
        requireRole(actor, "editor");
        const delivered = await replayEvent(db, parseEventId(args.eventId), actor);
        return result(outputs.replayWebhookEvent, { eventId: args.eventId, ...delivered });
      }),
  );

  server.registerResource(
    "integration-health",
    new ResourceTemplate("tether://integrations/{id}/health", {
      list: async () => ({
        resources: (await listIntegrations(db, now())).map((i) => ({
          uri: healthUri(i.id),
          name: i.name,
          description: `${i.kind} · ${i.status}`,
          mimeType: "application/json",
        })),
      }),
    }),
    { title: "Integration health", description: "An integration's health summary as JSON", mimeType: "application/json" },
    async (uri, { id }) => {
      const integration = (await listIntegrations(db, now())).find((i) => i.id === String(id));
      if (!integration) throw new ApiError("not_found", `No integration with the id "${String(id)}"`);
      const summary = outputs.listIntegrations.shape.integrations.element.parse(integration);
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(summary) }] };
    },
  );

  return server;
}

export const healthUri = (id: string) => `tether://integrations/${id}/health`;

const time = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
