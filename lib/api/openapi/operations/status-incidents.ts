// Status incidents: what editors post on a status page for people to read (lib/status-pages/incidents.ts).
import { z } from "zod";
import {
  statusIncidentInputSchema,
  statusIncidentPatchSchema,
  statusIncidentUpdateEditSchema,
  statusIncidentUpdateInputSchema,
  statusIncidentViewSchema,
} from "../../../status-pages/incidents";
import { operation } from "../operation";
import { idParam } from "./common";

const updateParams = z.object({ id: z.uuid(), updateId: z.uuid() });

export const statusIncidentOperations = [
  operation({
    method: "GET",
    path: "/api/status-pages/{id}/incidents",
    id: "listStatusIncidents",
    summary: "A status page's incidents, newest first, each with its updates",
    tag: "Status pages",
    policy: "viewer",
    params: idParam,
    response: { status: 200, description: "The incidents", schema: z.object({ incidents: z.array(statusIncidentViewSchema) }) },
  }),
  operation({
    method: "POST",
    path: "/api/status-pages/{id}/incidents",
    id: "createStatusIncident",
    summary: "Open a status incident on a page, with its first update (alertIncidentId promotes an alert incident)",
    tag: "Status pages",
    policy: "editor",
    params: idParam,
    body: statusIncidentInputSchema,
    response: { status: 201, description: "The incident", schema: statusIncidentViewSchema },
  }),
  operation({
    method: "GET",
    path: "/api/status-incidents/{id}",
    id: "getStatusIncident",
    summary: "One status incident with its updates",
    tag: "Status pages",
    policy: "viewer",
    params: idParam,
    response: { status: 200, description: "The incident", schema: statusIncidentViewSchema },
  }),
  operation({
    method: "PATCH",
    path: "/api/status-incidents/{id}",
    id: "updateStatusIncident",
    summary: "Change a status incident's title, impact or components",
    tag: "Status pages",
    policy: "editor",
    params: idParam,
    body: statusIncidentPatchSchema,
    response: { status: 200, description: "The incident as stored", schema: statusIncidentViewSchema },
  }),
  operation({
    method: "POST",
    path: "/api/status-incidents/{id}/updates",
    id: "postStatusIncidentUpdate",
    summary: "Post an update (investigating, identified, monitoring, resolved); a resolved incident needs reopen",
    tag: "Status pages",
    policy: "editor",
    params: idParam,
    body: statusIncidentUpdateInputSchema,
    response: { status: 201, description: "The incident with the new update", schema: statusIncidentViewSchema },
    errors: ["conflict"],
  }),
  operation({
    method: "PATCH",
    path: "/api/status-incidents/{id}/updates/{updateId}",
    id: "editStatusIncidentUpdate",
    summary: "Correct an update's words",
    tag: "Status pages",
    policy: "editor",
    params: updateParams,
    body: statusIncidentUpdateEditSchema,
    response: { status: 200, description: "The incident with the edited update", schema: statusIncidentViewSchema },
  }),
];
