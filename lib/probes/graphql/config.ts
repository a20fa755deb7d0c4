// GraphQL check configuration: the endpoint, one operation (query, variables, operation name), headers and auth as
// the HTTP kind has them, assertions on the answer, and two opt-ins: schema watch by introspection and response-shape
// drift. Pure zod: also validates the generated form in the browser.
import { z } from "zod";
import { headerListSchema } from "../shared/fields";
import { defineKind, SECRET_HINT } from "../shared/kind-info";
import { httpAuthSchema } from "../http/config";
import { assertionsSchema } from "../shared/assertions/schema";

/** The form's "no auth" choice, stored as no `auth` at all. */
const authSchema = z.preprocess((a) => ((a as { type?: unknown } | undefined)?.type === "none" ? undefined : a), httpAuthSchema.optional());

export const graphqlConfigSchema = z.object({
  url: z
    .string({ error: "Enter the GraphQL endpoint URL" })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL, e.g. https://api.example.com/graphql" })),
  query: z
    .string({ error: "Enter the GraphQL query" })
    .trim()
    .min(1, "Enter the GraphQL query, e.g. { viewer { login } }")
    .max(65_536, "The query may be at most 64 KiB"),
  /** May hold {{secret.NAME}} placeholders in string values. */
  variables: z.record(z.string(), z.unknown(), { error: "The variables must be a JSON object" }).default({}),
  /** Needed when the document holds more than one operation. */
  operationName: z.string().trim().max(200, "An operation name may be at most 200 characters").optional(),
  headers: headerListSchema,
  auth: authSchema,
  /** Judged after a clean answer (no errors); JSON paths read the whole answer, e.g. $.data.viewer.login. */
  assertions: assertionsSchema
    .superRefine((list, ctx) =>
      list.forEach((a, i) => {
        if (a.source === "json_schema" && a.openapi)
          ctx.addIssue({
            code: "custom",
            path: [i, "openapi"],
            message: "A GraphQL answer has no OpenAPI operation: paste the JSON Schema of the answer instead",
          });
      }),
    )
    .default([]),
  /** A run slower than this fails with `latency_budget` even when the answer is fine. */
  latencyBudgetMs: z.number().int().positive("Above 0 ms").max(600_000).optional(),
  /** Introspects the schema on every run and classifies changes (breaking, dangerous, additive). */
  watchSchema: z.boolean().default(false),
  /** Keeps the shape of `data` (keys and types) and flags a change; off for answers whose shape is data-driven. */
  trackShape: z.boolean().default(true),
});
export type GraphqlConfig = z.infer<typeof graphqlConfigSchema>;

const authIs =
  (...types: string[]) =>
  (c: Record<string, unknown>) =>
    types.includes(String((c.auth as { type?: unknown } | undefined)?.type ?? "none"));

export const graphqlInfo = defineKind({
  configSchema: graphqlConfigSchema,
  label: "GraphQL",
  description: "One GraphQL operation: errors[] fail the check; optional schema watch by introspection",
  defaults: { headers: [], variables: {}, assertions: [], auth: { type: "none" }, watchSchema: false, trackShape: true },
  fields: [
    { key: "url", label: "Endpoint", type: "text", wide: true, placeholder: "https://api.example.com/graphql" },
    { key: "query", label: "Query", type: "textarea", wide: true, placeholder: "query Health { viewer { login } }" },
    { key: "variables", label: "Variables", type: "json", wide: true, hint: 'Optional: a JSON object, e.g. {"first": 1}' },
    { key: "operationName", label: "Operation name", type: "text", hint: "Optional: which operation of the document to run" },
    { key: "headers", label: "Headers", type: "headers", wide: true, hint: "Name: value, one per line" },
    {
      key: "auth.type",
      label: "Auth",
      type: "select",
      options: [
        { value: "none", label: "None" },
        { value: "bearer", label: "Bearer token" },
        { value: "api_key", label: "API key" },
        { value: "basic", label: "Basic" },
        { value: "oauth2_client_credentials", label: "OAuth2 client credentials" },
      ],
    },
    { key: "auth.token", label: "Token", type: "text", hint: SECRET_HINT, placeholder: "{{secret.API_TOKEN}}", showIf: authIs("bearer") },
    { key: "auth.name", label: "Header name", type: "text", placeholder: "API-Key", showIf: authIs("api_key") },
    { key: "auth.value", label: "Key", type: "text", hint: SECRET_HINT, placeholder: "{{secret.API_KEY}}", showIf: authIs("api_key") },
    { key: "auth.username", label: "Username", type: "text", showIf: authIs("basic") },
    { key: "auth.password", label: "Password", type: "text", hint: SECRET_HINT, placeholder: "{{secret.PASSWORD}}", showIf: authIs("basic") },
    { key: "auth.tokenUrl", label: "Token URL", type: "text", wide: true, showIf: authIs("oauth2_client_credentials") },
    { key: "auth.clientId", label: "Client ID", type: "text", placeholder: "{{secret.CLIENT_ID}}", showIf: authIs("oauth2_client_credentials") },
    { key: "auth.clientSecret", label: "Client secret", type: "text", placeholder: "{{secret.CLIENT_SECRET}}", showIf: authIs("oauth2_client_credentials") },
    { key: "auth.scope", label: "Scope", type: "text", hint: "Optional, space-separated", showIf: authIs("oauth2_client_credentials") },
    {
      key: "assertions",
      label: "Assertions",
      type: "assertions",
      hint: "Judged on an answer without errors; JSON paths read the whole answer, e.g. $.data.viewer.login",
    },
    { key: "latencyBudgetMs", label: "Latency budget (ms)", type: "number", hint: "Optional: slower runs fail with latency_budget" },
    { key: "watchSchema", label: "Watch the schema", type: "switch", hint: "Introspects on every run; a breaking change is flagged" },
    { key: "trackShape", label: "Track the answer's shape", type: "switch", hint: "Flags keys gone or changed type in data" },
  ],
  target: (c) => `graphql ${c.url ?? ""}`,
});
