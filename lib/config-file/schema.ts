// The tether.yaml format: integrations, notification channels, webhook sources, alert rules and silences, each
// keyed by a stable name, references by name. Secrets appear only as `${ENV_NAME}` references that the CLI
// resolves at apply time, so a file (and anything made from it) never holds a secret value.
import { z } from "zod";
import { integrationInputSchema } from "../integrations/integration-input";
import { ruleConditionSchema, ruleInputSchema } from "../alerts/rule";
import { CHANNEL_KINDS } from "../alerts/channels/kinds";
import { MAX_ATTEMPTS } from "../webhooks/retry-schedule";
import { VERIFICATION_KINDS } from "../webhooks/verification/config";

export const CONFIG_VERSION = 1;
export const MANAGED_BY_CONFIG = "config";

export const SECRET_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
export const secretRefSchema = z
  .string()
  .regex(SECRET_REF, "Write a secret as a reference like ${ENV_NAME}; its value never goes in the file")
  .meta({ description: "A reference ${ENV_NAME}: the CLI reads the variable at apply time and sends it write-only" });

/** The environment variable a reference names. */
export const refName = (ref: string): string => SECRET_REF.exec(ref)![1]!;

const stableName = z.string().trim().min(1).max(100);

const integrationVariants = integrationInputSchema.options.map((o) =>
  o
    .omit({ name: true })
    .extend({
      secrets: z
        .record(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "Secret names use capitals, digits and underscores (e.g. API_KEY)"), secretRefSchema)
        .default({})
        .meta({ description: "The integration's secrets, used in its config as {{secret.NAME}}" }),
    })
    .strict(),
);
export const integrationEntrySchema = z.discriminatedUnion("kind", integrationVariants as unknown as [(typeof integrationVariants)[number]]);

export const channelEntrySchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    enabled: z.boolean().default(true),
    config: z.record(z.string(), z.unknown()).default({}).meta({ description: "The kind's settings; its secret fields must be ${ENV_NAME} references" }),
  })
  .strict();

// The fields of lib/webhooks/sources.ts's input, restated: that module reaches the database, and the CLI must not.
export const webhookSourceEntrySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    integration: stableName.nullable().optional().meta({ description: "The name of the integration that sends to it" }),
    scheme: z.enum(VERIFICATION_KINDS),
    schemeConfig: z.record(z.string(), z.unknown()).default({}),
    secret: secretRefSchema.optional(),
    forwardUrl: z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL" }))
      .nullable()
      .optional(),
    maxAttempts: z.number().int().min(1).max(MAX_ATTEMPTS).default(MAX_ATTEMPTS),
    maxBodyBytes: z
      .number()
      .int()
      .min(1_024)
      .max(10 * 1024 * 1024)
      .default(1024 * 1024),
    enabled: z.boolean().default(true),
  })
  .strict();

const rule = ruleInputSchema.shape;
export const fileScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("integration"), integration: stableName.meta({ description: "The integration's name in this file" }) }).strict(),
  z.object({ kind: z.literal("tag"), tag: z.string().trim().min(1).max(40) }).strict(),
  z.object({ kind: z.literal("all") }).strict(),
]);
export const alertRuleEntrySchema = z
  .object({
    enabled: rule.enabled,
    severity: rule.severity,
    scope: fileScopeSchema,
    condition: ruleConditionSchema,
    pendingSeconds: rule.pendingSeconds,
    flapMaxChanges: rule.flapMaxChanges,
    flapWindowMinutes: rule.flapWindowMinutes,
    reminderMinutes: rule.reminderMinutes,
    muteDuringProviderIncident: rule.muteDuringProviderIncident,
    channels: z.array(stableName).max(20).default([]).meta({ description: "Names of notification channels in this file" }),
  })
  .strict();

export const silenceEntrySchema = z
  .object({
    kind: z.enum(["silence", "maintenance"]).default("silence"),
    rule: stableName.nullish(),
    integration: stableName.nullish(),
    tag: z.string().trim().min(1).max(40).nullish(),
    startsAt: z.iso.datetime({ offset: true, error: "Use an ISO 8601 time, e.g. 2026-12-24T18:00:00Z" }),
    endsAt: z.iso.datetime({ offset: true, error: "Use an ISO 8601 time, e.g. 2026-12-24T22:00:00Z" }),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();

export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(CONFIG_VERSION).default(CONFIG_VERSION),
    integrations: z.record(stableName, integrationEntrySchema).default({}),
    channels: z.record(stableName, channelEntrySchema).default({}),
    webhookSources: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "A slug: 2-63 lower-case letters, digits and dashes"), webhookSourceEntrySchema)
      .default({}),
    alertRules: z.record(stableName, alertRuleEntrySchema).default({}),
    silences: z.record(stableName, silenceEntrySchema).default({}),
  })
  .strict()
  .meta({ title: "tether.yaml", description: "Tether configuration as code: validate, plan and apply with the tether CLI" });

export type ConfigFile = z.output<typeof configFileSchema>;
export type IntegrationEntry = z.output<typeof integrationEntrySchema>;
export type ChannelEntry = z.output<typeof channelEntrySchema>;
export type WebhookSourceEntry = z.output<typeof webhookSourceEntrySchema>;
export type AlertRuleEntry = z.output<typeof alertRuleEntrySchema>;
export type SilenceEntry = z.output<typeof silenceEntrySchema>;

export const RESOURCE_TYPES = ["integrations", "channels", "webhookSources", "alertRules", "silences"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** One word per type, for plans and reports. */
export const TYPE_LABEL: Record<ResourceType, string> = {
  integrations: "integration",
  channels: "channel",
  webhookSources: "webhook source",
  alertRules: "alert rule",
  silences: "silence",
};

/** The JSON Schema editors use for completion (docs/tether.schema.json; GET /api/config/schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configFileSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...schema, $id: "https://tether.dev/schema/tether.schema.json" };
}
