// One declaration per API operation: what it takes, what it answers and who may call it. The route handler reads
// its own schemas from here (or the lib service it calls parses with the very schema named here), and the OpenAPI
// document at /api/openapi.json is generated from these declarations, so the contract and the validation are one.
import type { z } from "zod";
import type { ApiErrorCode } from "../errors";
import type { Policy } from "../../auth/roles";

/** The document's sections, each with a line on what it holds. */
export const TAGS = {
  Integrations: "The checked services: create, change, probe now, runs, charts, secrets, MCP tool versions and MCP imports",
  "Alert rules": "When to open an incident, and a backtest of a draft rule over stored data",
  "Notification channels": "Where incidents are sent (Slack, email, signed webhooks...)",
  Silences: "Silences and maintenance windows that mute notifications",
  Incidents: "What the alert rules opened, with their events",
  "Webhook sources": "Inbound webhook endpoints and their verification",
  "Webhook events": "Events received, their relay deliveries, replays and exports",
  "Outbound deliveries": "Alert notifications as deliveries, with replay",
  Accounts: "Who is calling, accounts, sessions, first-run setup and the audit log",
  "API tokens": "Tokens for scripts and CI, made from a signed-in session",
  Instance: "Liveness, workers, key rotation and this document",
  SLOs: "Service level objectives and their error budgets",
  "Status pages": "Public status pages: their components, groups and access",
  Agents: "Tether's own MCP server, for agents (JSON-RPC over streamable HTTP)",
  "Config as code": "tether.yaml: the instance as a file, the file's JSON Schema, and applying a plan",
} as const;

export type Tag = keyof typeof TAGS;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Operation {
  method: HttpMethod;
  /** OpenAPI path, e.g. `/api/integrations/{id}`; `{name}` stands for the route folder `[name]`. */
  path: string;
  /** A stable id for generated clients, e.g. `listIntegrations`. */
  id: string;
  summary: string;
  description?: string;
  tag: Tag;
  policy: Policy;
  /** Only a signed-in browser session may call it; an API token is refused (tokens cannot mint tokens). */
  sessionOnly?: boolean;
  /** Path parameters, each a string in the URL. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON request body, exactly the schema the service parses it with. */
  body?: z.ZodType;
  /** The body is merged over the stored resource and the result parsed with `body`: any of its fields may be sent. */
  bodyIsPatch?: boolean;
  /** The answer on success. `schema` absent: the response is not described yet (the document says so). */
  response: { status: 200 | 201 | 202 | 204 | 405; description: string; schema?: z.ZodType; contentType?: string };
  /** Error codes this operation can answer with beyond the ones every operation of its kind can. */
  errors?: ApiErrorCode[];
}

/** Identity for now: the declaration is typed, and a typo in a field is a compile error. */
export function operation(op: Operation): Operation {
  return op;
}
