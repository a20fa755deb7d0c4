// The one definition of what an integration may look like. Every boundary (API, form, seed) parses with these
// schemas, so a row in the database is always valid for its kind.
import { z } from "zod";
import { parseStatusSpec } from "./status-spec";

export const INTEGRATION_KINDS = ["http"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

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
]);
export type HttpAssertion = z.infer<typeof httpAssertionSchema>;

export const httpConfigSchema = z.object({
  method: z.enum(HTTP_METHODS).default("GET"),
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
    .default("2xx")
    .superRefine((spec, ctx) => {
      const parsed = parseStatusSpec(spec);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
    }),
  assertion: httpAssertionSchema.optional(),
  /** A run slower than this fails with `latency_budget` even when the response is fine. */
  latencyBudgetMs: z.number().int().positive().max(600_000).optional(),
});
export type HttpConfig = z.infer<typeof httpConfigSchema>;

const base = {
  name: z.string().trim().min(1, "Give the integration a name").max(100, "Keep the name under 100 characters"),
  intervalSeconds: z
    .number({ error: "Enter the interval in seconds" })
    .int("Use whole seconds")
    .min(5, "The interval must be at least 5 seconds")
    .max(86_400, "The interval may be at most a day"),
  timeoutMs: z
    .number({ error: "Enter the timeout in milliseconds" })
    .int("Use whole milliseconds")
    .min(100, "The timeout must be at least 100 ms")
    .max(60_000, "The timeout may be at most 60 s"),
  enabled: z.boolean().default(true),
  tags: z.array(z.string().trim().min(1).max(40, "Keep tags under 40 characters")).max(20, "At most 20 tags").default([]),
  retryAttempts: z.number().int().min(0, "Retries cannot be negative").max(5, "At most 5 retries").default(2),
  breakerThreshold: z.number().int().min(1, "At least 1 failure").max(100).default(5),
  breakerCooldownSeconds: z.number().int().min(5, "At least 5 seconds").max(3_600, "At most an hour").default(60),
};

const kindError = { error: `Unknown kind; expected one of: ${INTEGRATION_KINDS.join(", ")}` };

export const integrationInputSchema = z
  .discriminatedUnion("kind", [z.object({ ...base, kind: z.literal("http"), config: httpConfigSchema })], kindError)
  .superRefine((value, ctx) => {
    if (value.intervalSeconds >= 5 && value.timeoutMs > value.intervalSeconds * 1000) {
      ctx.addIssue({ code: "custom", path: ["timeoutMs"], message: "The timeout must be shorter than the interval" });
    }
  });
export type IntegrationInput = z.infer<typeof integrationInputSchema>;
/** What a form or API client sends before defaults are applied. */
export type IntegrationInputRaw = z.input<typeof integrationInputSchema>;

/** Parses a stored `config` column for its kind; stored rows were validated on write, so failure is a bug. */
export function parseStoredConfig(kind: "http", config: unknown): HttpConfig {
  return httpConfigSchema.parse(config);
}
