// The one definition of an alert rule: what it watches (scope), the condition that makes it fire, and the
// lifecycle settings (pending duration, hysteresis, flap suppression, reminders). Every boundary (API, editor,
// backtest, seed) parses with these schemas. Shared contract of the evaluator, the API and the editor.
import { z } from "zod";

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PERCENTILES = ["p50", "p95", "p99"] as const;
export type Percentile = (typeof PERCENTILES)[number];

const windowMinutes = z.number({ error: "Enter the window in minutes" }).int("Use whole minutes").min(1, "At least 1 minute").max(1_440, "At most a day");
const minSamples = z.number({ error: "Enter a minimum sample count" }).int("Use a whole number").min(1, "At least 1 sample").max(100_000).default(5);
const percent = (what: string) =>
  z
    .number({ error: `Enter the ${what} in percent` })
    .gt(0, "Above 0%")
    .max(100, "At most 100%");

const burnMinutes = (what: string) =>
  z
    .number({ error: `Enter the ${what} window in minutes` })
    .int("Use whole minutes")
    .min(1, "At least 1 minute")
    .max(30 * 1_440, "At most 30 days");

/** One window pair of a burn-rate condition: it breaches when both windows burn the budget faster than `factor`. */
export const burnWindowSchema = z.object({
  factor: z.number({ error: "Enter the burn-rate factor" }).positive("Above 0").max(1_000, "At most 1,000"),
  longMinutes: burnMinutes("long"),
  shortMinutes: burnMinutes("short"),
});
export type BurnWindow = z.infer<typeof burnWindowSchema>;

/** The SRE Workbook's multiwindow, multi-burn-rate defaults (chapter "Alerting on SLOs"). */
export const BURN_RATE_PRESETS = {
  page: [
    { factor: 14.4, longMinutes: 60, shortMinutes: 5 },
    { factor: 6, longMinutes: 360, shortMinutes: 30 },
  ],
  ticket: [{ factor: 1, longMinutes: 4_320, shortMinutes: 360 }],
} as const satisfies Record<string, BurnWindow[]>;

/** The condition, keyed on `kind`. Optional `resolve*` values are the hysteresis: it resolves only below them. */
export const ruleConditionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("consecutive_failures"), count: z.number({ error: "Enter a count" }).int().min(1, "At least 1").max(1_000) }),
    z.object({
      kind: z.literal("error_rate"),
      thresholdPct: percent("threshold"),
      resolvePct: percent("resolve threshold").optional(),
      windowMinutes,
      minSamples,
    }),
    z.object({
      kind: z.literal("latency"),
      percentile: z.enum(PERCENTILES, { error: "Choose p50, p95 or p99" }),
      thresholdMs: z.number({ error: "Enter the threshold in ms" }).positive("Above 0 ms").max(600_000),
      resolveMs: z.number().positive("Above 0 ms").max(600_000).optional(),
      windowMinutes,
      minSamples,
    }),
    z.object({
      kind: z.literal("failures_of_last"),
      failures: z.number().int().min(1, "At least 1"),
      of: z.number().int().min(1, "At least 1").max(1_000, "At most 1,000 runs"),
    }),
    /** Fires when the circuit is open for longer than `openForSeconds` (0: as soon as it opens). */
    z.object({
      kind: z.literal("circuit_open"),
      openForSeconds: z
        .number()
        .int()
        .min(0)
        .max(7 * 86_400)
        .default(0),
    }),
    /** Reads `daysLeft` from the latest TLS probe readings. */
    z.object({ kind: z.literal("tls_expiry"), days: z.number().int().min(1, "At least 1 day").max(365) }),
    /** Reads the latest run's `credential` reading, for credentials a person renews (observations.ts says which). */
    z.object({ kind: z.literal("credential_expiry"), days: z.number().int().min(1, "At least 1 day").max(365) }),
    /**
     * Fires when the MCP server's latest tool version (lib/mcp/changes) has breaking changes nobody acknowledged;
     * resolves when a later version without breaking changes is recorded, or when its incident is acknowledged.
     */
    z.object({ kind: z.literal("mcp_breaking_change") }),
    /** Fires while a run within the window recorded a breaking contract change: a response-shape key gone or retyped, or a GraphQL schema's breaking change. */
    z.object({ kind: z.literal("contract_breaking_change"), windowMinutes }),
    z.object({
      kind: z.literal("webhook_silence"),
      silentMinutes: z
        .number()
        .int()
        .min(1, "At least 1 minute")
        .max(30 * 1_440),
    }),
    z.object({
      kind: z.literal("webhook_failure_rate"),
      thresholdPct: percent("threshold"),
      resolvePct: percent("resolve threshold").optional(),
      windowMinutes,
      minSamples,
    }),
    /**
     * Fires when the SLO's error budget burns faster than `factor` over both the long and the short window of any
     * pair (the integration's own runs, judged against the SLO's SLI and objective); resolves when no pair does,
     * which the short window brings about quickly once the trouble stops.
     */
    z.object({
      kind: z.literal("slo_burn_rate"),
      sloId: z.uuid("Choose an SLO"),
      windows: z
        .array(burnWindowSchema)
        .min(1, "Give at least one window pair")
        .max(4, "At most 4 window pairs")
        .default(() => BURN_RATE_PRESETS.page.map((w) => ({ ...w }))),
      minSamples,
    }),
  ],
  { error: "Unknown condition kind" },
);
export type RuleCondition = z.infer<typeof ruleConditionSchema>;
export type RuleConditionKind = RuleCondition["kind"];
export const RULE_CONDITION_KINDS = ruleConditionSchema.options.map((o) => o.shape.kind.value) as RuleConditionKind[];

export const ruleScopeSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("integration"), integrationId: z.uuid("Choose an integration") }),
    z.object({ kind: z.literal("tag"), tag: z.string().trim().min(1, "Enter a tag").max(40) }),
    z.object({ kind: z.literal("all") }),
  ],
  { error: "Scope must be one integration, a tag, or all" },
);
export type RuleScope = z.infer<typeof ruleScopeSchema>;

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the rule a name").max(120, "Keep the name under 120 characters"),
    enabled: z.boolean().default(true),
    severity: z.enum(SEVERITIES).default("warning"),
    scope: ruleScopeSchema,
    condition: ruleConditionSchema,
    /** The condition must hold this long before it fires (pending). 0 fires at once. */
    pendingSeconds: z.number().int().min(0).max(86_400).default(0),
    /** Flap suppression: more than `flapMaxChanges` state changes within `flapWindowMinutes` mutes notifications until it settles. */
    flapMaxChanges: z.number().int().min(2).max(100).default(4),
    flapWindowMinutes: z.number().int().min(1).max(1_440).default(30),
    /** Re-notify while still firing; 0 = never. */
    reminderMinutes: z.number().int().min(0).max(10_080).default(0),
    /** Opt-in: while the integration's provider declares trouble on its own status page, notifications are muted (still recorded). */
    muteDuringProviderIncident: z.boolean().default(false),
    channelIds: z.array(z.uuid()).max(20).default([]),
  })
  .superRefine((rule, ctx) => {
    const c = rule.condition;
    if ((c.kind === "error_rate" || c.kind === "webhook_failure_rate") && c.resolvePct !== undefined && c.resolvePct > c.thresholdPct) {
      ctx.addIssue({ code: "custom", path: ["condition", "resolvePct"], message: "The resolve threshold cannot be above the firing threshold" });
    }
    if (c.kind === "latency" && c.resolveMs !== undefined && c.resolveMs > c.thresholdMs) {
      ctx.addIssue({ code: "custom", path: ["condition", "resolveMs"], message: "The resolve threshold cannot be above the firing threshold" });
    }
    if (c.kind === "slo_burn_rate") {
      c.windows.forEach((w, i) => {
        if (w.shortMinutes >= w.longMinutes)
          ctx.addIssue({ code: "custom", path: ["condition", "windows", i, "shortMinutes"], message: "The short window must be shorter than the long one" });
      });
    }
    if (c.kind === "failures_of_last" && c.failures > c.of) {
      ctx.addIssue({ code: "custom", path: ["condition", "failures"], message: "Cannot need more failures than runs looked at" });
    }
  });
export type RuleInput = z.infer<typeof ruleInputSchema>;
