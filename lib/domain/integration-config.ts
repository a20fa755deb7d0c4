// The one definition of what an integration may look like. Every boundary (API, form, seed) parses with these
// schemas, so a row in the database is always valid for its kind.
import { z } from "zod";
import { KIND_CONFIG_SCHEMAS, INTEGRATION_KINDS, type IntegrationKind, type KindConfig } from "../probes/kinds";

export { INTEGRATION_KINDS, type IntegrationKind };
export { HTTP_METHODS, httpAssertionSchema, httpConfigSchema, type HttpAssertion, type HttpConfig } from "../probes/http/config";

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
  backoffInitialMs: z.number().int().min(10, "At least 10 ms").max(60_000, "At most a minute").default(200),
  backoffMaxMs: z.number().int().min(10, "At least 10 ms").max(300_000, "At most 5 minutes").default(5_000),
  breakerThreshold: z.number().int().min(1, "At least 1 failure").max(100).default(5),
  breakerCooldownSeconds: z.number().int().min(5, "At least 5 seconds").max(3_600, "At most an hour").default(60),
};

const kindError = { error: `Unknown kind; expected one of: ${INTEGRATION_KINDS.join(", ")}` };

const variants = INTEGRATION_KINDS.map((kind) => z.object({ ...base, kind: z.literal(kind), config: KIND_CONFIG_SCHEMAS[kind] }));

export const integrationInputSchema = z
  .discriminatedUnion("kind", variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]], kindError)
  .superRefine((value, ctx) => {
    if (value.backoffMaxMs < value.backoffInitialMs) {
      ctx.addIssue({ code: "custom", path: ["backoffMaxMs"], message: "The longest wait cannot be shorter than the first" });
    }
    if (value.intervalSeconds >= 5 && value.timeoutMs > value.intervalSeconds * 1000) {
      ctx.addIssue({ code: "custom", path: ["timeoutMs"], message: "The timeout must be shorter than the interval" });
    }
  });
/** A validated integration; `config` is the parsed config of its kind. */
export type IntegrationInput = Omit<z.infer<typeof integrationInputSchema>, "kind" | "config"> &
  { [K in IntegrationKind]: { kind: K; config: KindConfig<K> } }[IntegrationKind];
/** What a form or API client sends before defaults are applied. */
export type IntegrationInputRaw = z.input<typeof integrationInputSchema>;

/** Parses a stored `config` column for its kind; stored rows were validated on write, so failure is a bug. */
export function parseStoredConfig<K extends IntegrationKind>(kind: K, config: unknown): KindConfig<K> {
  return KIND_CONFIG_SCHEMAS[kind].parse(config) as KindConfig<K>;
}
