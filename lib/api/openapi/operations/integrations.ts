// The integrations and their runs, series, secrets and MCP tool versions.
import { z } from "zod";
import { operation } from "../operation";
import { idParam } from "./common";
import { integrationInputSchema } from "../../../integrations/integration-input";
import { SERIES_WINDOWS } from "../../../integrations/types";
import { timelineQuerySchema } from "../../../alerts/timeline";
import { secretNameSchema, secretValueSchema } from "../../../secrets/store";
import { overviewQuerySchema } from "../../../integrations/overview-query-schema";
import {
  integrationDetailSchema,
  integrationSummarySchema,
  overviewPageSchema,
  probeRunSchema,
  runsPageSchema,
  secretSchema,
  secretsSchema,
  seriesSchema,
} from "../responses";
import { timelineSchema, toolVersionsSchema } from "../responses-features";

const tag = "Integrations";

export const runsQuery = z.object({
  cursor: z.string().regex(/^\d+$/, "cursor must be a run id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  failed: z.enum(["true", "false"]).optional(),
});

export const seriesQuery = z.object({ window: z.enum(SERIES_WINDOWS).default("24h") });

export const toolVersionsQuery = z.object({
  cursor: z.coerce
    .number({ error: "cursor must be a version number" })
    .int("cursor must be a version number")
    .min(1, "cursor must be a version number")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const secretParams = idParam.extend({ name: secretNameSchema });

export const integrationOperations = [
  operation({
    method: "GET",
    path: "/api/integrations",
    id: "listIntegrations",
    summary: "Every integration with its 24 h health summary (unpaged; the dashboard reads /api/integrations/overview)",
    tag,
    policy: "viewer",
    response: { status: 200, description: "The integrations", schema: z.array(integrationSummarySchema) },
  }),
  operation({
    method: "GET",
    path: "/api/integrations/overview",
    id: "listIntegrationsOverview",
    summary: "One page of integrations, filtered by status, kind, tag and search, sorted, with the status counts",
    tag,
    policy: "viewer",
    query: overviewQuerySchema,
    response: { status: 200, description: "A page of the overview", schema: overviewPageSchema },
  }),
  operation({
    method: "POST",
    path: "/api/integrations",
    id: "createIntegration",
    summary: "Create an integration",
    tag,
    policy: "editor",
    body: integrationInputSchema,
    response: { status: 201, description: "The integration as stored", schema: integrationDetailSchema },
    errors: ["conflict", "payload_too_large"],
  }),
  operation({
    method: "GET",
    path: "/api/integrations/{id}",
    id: "getIntegration",
    summary: "One integration with its health, circuit and readings",
    tag,
    policy: "viewer",
    params: idParam,
    response: { status: 200, description: "The integration", schema: integrationDetailSchema },
  }),
  operation({
    method: "PATCH",
    path: "/api/integrations/{id}",
    id: "updateIntegration",
    summary: "Change an integration (partial; the result is validated whole)",
    tag,
    policy: "editor",
    params: idParam,
    body: integrationInputSchema,
    bodyIsPatch: true,
    response: { status: 200, description: "The integration as stored", schema: integrationDetailSchema },
    errors: ["conflict", "payload_too_large"],
  }),
  operation({
    method: "DELETE",
    path: "/api/integrations/{id}",
    id: "deleteIntegration",
    summary: "Delete an integration with its runs",
    tag,
    policy: "editor",
    params: idParam,
    response: { status: 204, description: "Deleted" },
  }),
  operation({
    method: "POST",
    path: "/api/integrations/{id}/probe",
    id: "probeIntegration",
    summary: "Probe now; answers the recorded run with its full trace",
    tag,
    policy: "editor",
    params: idParam,
    response: { status: 201, description: "The run", schema: probeRunSchema },
    errors: ["rate_limited"],
  }),
  operation({
    method: "GET",
    path: "/api/integrations/{id}/runs",
    id: "listRuns",
    summary: "Recent runs, newest first, paged by cursor",
    tag,
    policy: "viewer",
    params: idParam,
    query: runsQuery,
    response: { status: 200, description: "A page of runs", schema: runsPageSchema },
  }),
  operation({
    method: "GET",
    path: "/api/integrations/{id}/series",
    id: "getSeries",
    summary: "Rollup series for the latency and error charts",
    tag,
    policy: "viewer",
    params: idParam,
    query: seriesQuery,
    response: { status: 200, description: "The series", schema: seriesSchema },
  }),
  operation({
    method: "GET",
    path: "/api/integrations/{id}/timeline",
    id: "getIntegrationTimeline",
    summary: "Incidents, silences and circuit changes of the integration over a window",
    tag,
    policy: "viewer",
    params: idParam,
    query: timelineQuerySchema,
    response: { status: 200, description: "The timeline", schema: timelineSchema },
  }),
  operation({
    method: "GET",
    path: "/api/integrations/{id}/tool-versions",
    id: "listToolVersions",
    summary: "An MCP server's tool-list versions with their classified changes",
    tag,
    policy: "viewer",
    params: idParam,
    query: toolVersionsQuery,
    response: { status: 200, description: "A page of versions", schema: toolVersionsSchema },
  }),
  operation({
    method: "GET",
    path: "/api/integrations/{id}/secrets",
    id: "listSecrets",
    summary: "The integration's secrets: names and dates only, never a value",
    tag,
    policy: "viewer",
    params: idParam,
    response: { status: 200, description: "The secrets", schema: secretsSchema },
  }),
  operation({
    method: "PUT",
    path: "/api/integrations/{id}/secrets/{name}",
    id: "setSecret",
    summary: "Set a secret (write-only; referenced as {{secret.NAME}})",
    tag,
    policy: "editor",
    params: secretParams,
    body: secretValueSchema,
    response: { status: 200, description: "The secret's name and dates", schema: secretSchema },
    errors: ["payload_too_large"],
  }),
  operation({
    method: "DELETE",
    path: "/api/integrations/{id}/secrets/{name}",
    id: "deleteSecret",
    summary: "Delete a secret",
    tag,
    policy: "editor",
    params: secretParams,
    response: { status: 204, description: "Deleted" },
  }),
];
