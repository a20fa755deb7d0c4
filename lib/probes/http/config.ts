// HTTP probe configuration. Pure zod: also validates the form in the browser.
import { z } from "zod";
import { parseStatusSpec } from "../../domain/status-spec";
import { defineKind } from "../shared/kind-info";
import { googleServiceAccountSchema } from "./auth/google-service-account-config";
import { oauth2ClientCredentialsSchema } from "./auth/oauth2-client-credentials-config";
import { awsSigV4AuthSchema } from "./auth/aws-sigv4-config";
import { azureSasAuthSchema, azureSharedKeyAuthSchema } from "./auth/azure-blob-config";
import { assertionsSchema } from "../shared/assertions/schema";
import { assertionsFromLegacy, legacyHttpAssertionSchema } from "./legacy-assertion";

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What a new HTTP check starts from; the schema fills in the same values when they are left out. */
export const HTTP_DEFAULTS: { method: HttpMethod; expectedStatus: string } = { method: "GET", expectedStatus: "2xx" };

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

const httpConfigFields = z.object({
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
  /** Checked in order after the status; every one is reported, the failed ones name the run's failure. */
  assertions: assertionsSchema.default([]),
  /** The single assertion of older configs: accepted on input, turned into `assertions` (./legacy-assertion.ts). */
  assertion: legacyHttpAssertionSchema.optional(),
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

/** The config as stored and run: an old `assertion` comes first in `assertions`, meaning what it meant. */
export const httpConfigSchema = httpConfigFields.transform(({ assertion, ...config }) =>
  assertion ? { ...config, assertions: [...assertionsFromLegacy(assertion), ...config.assertions] } : config,
);
export type HttpConfig = z.infer<typeof httpConfigSchema>;
export type HttpConfigInput = z.input<typeof httpConfigSchema>;

export const httpInfo = defineKind({
  configSchema: httpConfigSchema,
  label: "HTTP / REST",
  description: "An HTTP request with status, header, body, JSON and latency assertions",
  defaults: { ...HTTP_DEFAULTS, headers: [] },
  // Its own form (components/integrations/http-fields.tsx, mapped by ./form.ts), not generated fields.
  fields: [],
  target: (c) => `${c.method ?? HTTP_DEFAULTS.method} ${c.url ?? ""}`,
});
