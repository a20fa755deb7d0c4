// The one definition of what an integration may look like. Every boundary (API, form, seed) parses with these
// schemas, so a row in the database is always valid for its kind.
import { z } from "zod";
import { INTEGRATION_KINDS, KIND_INFO, type IntegrationKind, type KindConfig } from "../probes/kinds";

/** What a new integration starts from; the schema fills in the same values when they are left out (interval and timeout must be given). */
export const INTEGRATION_DEFAULTS = {
  intervalSeconds: 30,
  timeoutMs: 5_000,
  enabled: true,
  retryAttempts: 2,
  backoffInitialMs: 200,
  backoffMaxMs: 5_000,
  breakerThreshold: 5,
  breakerCooldownSeconds: 60,
} as const;
const d = INTEGRATION_DEFAULTS;

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
  enabled: z.boolean().default(d.enabled),
  tags: z.array(z.string().trim().min(1).max(40, "Keep tags under 40 characters")).max(20, "At most 20 tags").default([]),
  retryAttempts: z.number().int().min(0, "Retries cannot be negative").max(5, "At most 5 retries").default(d.retryAttempts),
  backoffInitialMs: z.number().int().min(10, "At least 10 ms").max(60_000, "At most a minute").default(d.backoffInitialMs),
  backoffMaxMs: z.number().int().min(10, "At least 10 ms").max(300_000, "At most 5 minutes").default(d.backoffMaxMs),
  breakerThreshold: z.number().int().min(1, "At least 1 failure").max(100).default(d.breakerThreshold),
  breakerCooldownSeconds: z.number().int().min(5, "At least 5 seconds").max(3_600, "At most an hour").default(d.breakerCooldownSeconds),
  /** Where it is probed from (TETHER_LOCATION of the workers); empty: by any worker, once a slot. */
  locations: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "A location is a slug: lowercase letters, digits and dashes, up to 40"),
    )
    .max(10, "At most 10 locations")
    .refine((list) => new Set(list).size === list.length, "List each location once")
    .default([]),
  /** How many of the locations must fail for it to count as down; null: all of them. */
  quorum: z
    .number({ error: "Enter how many locations must fail, or leave it empty for all of them" })
    .int("Use a whole number of locations")
    .min(1, "At least 1 location")
    .max(10, "At most 10 locations")
    .nullable()
    .default(null),
};

const kindError = { error: `Unknown kind; expected one of: ${INTEGRATION_KINDS.join(", ")}` };

const variants = INTEGRATION_KINDS.map((kind) => z.object({ ...base, kind: z.literal(kind), config: KIND_INFO[kind].configSchema }));

export const integrationInputSchema = z
  .discriminatedUnion("kind", variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]], kindError)
  .superRefine((value, ctx) => {
    if (value.backoffMaxMs < value.backoffInitialMs) {
      ctx.addIssue({ code: "custom", path: ["backoffMaxMs"], message: "The longest wait cannot be shorter than the first" });
    }
    if (value.quorum !== null && value.quorum > value.locations.length) {
      ctx.addIssue({ code: "custom", path: ["quorum"], message: "The quorum cannot exceed the number of locations" });
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
