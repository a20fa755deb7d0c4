// Every operation of the API, in one list: the OpenAPI document is built from it and a test holds it equal to
// the route files under app/api.
import type { Operation } from "./operation";
import { accessOperations } from "./operations/access";
import { alertOperations } from "./operations/alerts";
import { integrationOperations } from "./operations/integrations";
import { laterOperations } from "./operations/later";
import { statusIncidentOperations } from "./operations/status-incidents";
import { webhookOperations } from "./operations/webhooks";

export const OPERATIONS: readonly Operation[] = [
  ...integrationOperations,
  ...alertOperations,
  ...webhookOperations,
  ...accessOperations,
  ...laterOperations,
  ...statusIncidentOperations,
];
