// HTTP probe configuration. Pure zod: also validates the form in the browser.
import { z } from "zod";
import { parseStatusSpec } from "../../domain/status-spec";
import { defineKind } from "../shared/kind-info";
import { googleServiceAccountSchema } from "./auth/google-service-account-config";
import { oauth2ClientCredentialsSchema } from "./auth/oauth2-client-credentials-config";
import { awsSigV4AuthSchema } from "./auth/aws-sigv4-config";
import { azureSasAuthSchema, azureSharedKeyAuthSchema } from "./auth/azure-blob-config";

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What a new HTTP check starts from; the schema fills in the same values when they are left out. */
export const HTTP_DEFAULTS: { method: HttpMethod; expectedStatus: string } = { method: "GET", expectedStatus: "2xx" };

export const httpAssertionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("json_path"),
    path: z.string().trim().min(1, "Enter a JSON path, e.g. $.status").startsWith("$", "A JSON path starts with $"),
    /** Compared as a string with the first match; omitted means "the path must exist". */
    equals: z.string().optional(),
  }),
  z.object({
    type: z.literal("body_contains"),
    text: z.string().min(1, "Enter the text the body must contain"),
  }),
  /** A GraphQL answer: a non-empty `errors` array fails with its messages (GraphQL servers answer 200 regardless). */
  z.object({
    type: z.literal("graphql"),
    /** Optional JSON path that must match, e.g. $.data.actor.user.email. */
    path: z.string().trim().startsWith("$", "A JSON path starts with $").optional(),
  }),
]);
export type HttpAssertion = z.infer<typeof httpAssertionSchema>;

/** Credentials applied to the request (each type's handler: ./auth/authorize.ts); values usually hold {{secret.NAME}} placeholders. */
export const httpAuthSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bearer"), token: z.string().min(1, "Enter the token, e.g. {{secret.API_TOKEN}}") }),
  z.object({ type: z.literal("basic"), username: z.string().min(1, "Enter the username"), password: z.string().default("") }),
  z.object({
    type: z.literal("api_key"),
    name: z.string().trim().min(1, "Enter the header or query parameter name").regex(headerName, "Not a valid header or parameter name"),
    value: z.string().min(1, "Enter the key, e.g. {{secret.API_KEY}}"),
    in: z.enum(["header", "query"]).default("header"),
  }),
  oauth2ClientCredentialsSchema,
  googleServiceAccountSchema,
  awsSigV4AuthSchema,
  azureSharedKeyAuthSchema,
  azureSasAuthSchema,
]);
export type HttpAuth = z.infer<typeof httpAuthSchema>;

export const httpConfigSchema = z.object({
  method: z.enum(HTTP_METHODS).default(HTTP_DEFAULTS.method),
  url: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL" })),
  headers: z
    .array(
      z.object({
        name: z.string().trim().regex(headerName, "Not a valid header name"),
        value: z.string().max(4096),
      }),
    )
    .max(50)
    .default([]),
  body: z.string().max(65_536, "The body may be at most 64 KiB").optional(),
  expectedStatus: z
    .string()
    .trim()
    .default(HTTP_DEFAULTS.expectedStatus)
    .superRefine((spec, ctx) => {
      const parsed = parseStatusSpec(spec);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
    }),
  assertion: httpAssertionSchema.optional(),
  auth: httpAuthSchema.optional(),
  /** Fails with `rate_limited` when the provider's remaining quota falls under this share of its limit. */
  minRateLimitHeadroomPercent: z.number().min(0, "At least 0%").max(100, "At most 100%").optional(),
  /** Scopes the token must carry, read from the provider's `x-oauth-scopes` header; a missing one is a warning on the run. */
  requiredScopes: z.array(z.string().trim().min(1)).max(50).optional(),
  /** A run slower than this fails with `latency_budget` even when the response is fine. */
  latencyBudgetMs: z.number().int().positive().max(600_000).optional(),
  /** Keeps the shape (keys and types) of a JSON body and flags drift between runs; on unless false. */
  trackShape: z.boolean().optional(),
  /** The provider's public status page (Statuspage's summary.json or Slack's status API), polled by the worker and shown beside the probe. */
  statusUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// status URL" }))
    .optional(),
});
export type HttpConfig = z.infer<typeof httpConfigSchema>;

export const httpInfo = defineKind({
  configSchema: httpConfigSchema,
  label: "HTTP / REST",
  description: "An HTTP request with status, body and latency checks",
  defaults: { ...HTTP_DEFAULTS, headers: [] },
  // Its own form (components/integrations/http-fields.tsx, mapped by ./form.ts), not generated fields.
  fields: [],
  target: (c) => `${c.method ?? HTTP_DEFAULTS.method} ${c.url ?? ""}`,
});
