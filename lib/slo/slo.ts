// The one definition of an SLO: what it covers (one integration, a tag, or a set of integrations), the objective,
// the window it is judged over and the SLI (availability from probe runs, or runs faster than a latency bound),
// with the provider's contracted SLA optionally beside it. Every boundary (API, form, import) parses with these.
import { z } from "zod";
import { ruleScopeSchema } from "../alerts/rule";

export const SLO_WINDOWS = ["rolling_7d", "rolling_28d", "rolling_30d", "calendar_month"] as const;
export type SloWindow = (typeof SLO_WINDOWS)[number];

export const SLO_WINDOW_LABELS: Record<SloWindow, string> = {
  rolling_7d: "Rolling 7 days",
  rolling_28d: "Rolling 28 days",
  rolling_30d: "Rolling 30 days",
  calendar_month: "Calendar month",
};

const [integrationScope, tagScope] = ruleScopeSchema.options;

/** The alert rule scope shape, with a set of integrations in place of "all". */
export const sloScopeSchema = z.discriminatedUnion(
  "kind",
  [
    integrationScope,
    tagScope,
    z.object({
      kind: z.literal("integrations"),
      integrationIds: z
        .array(z.uuid("Choose integrations from the list"))
        .min(1, "Choose at least one integration")
        .max(100, "At most 100 integrations")
        .refine((ids) => new Set(ids).size === ids.length, "An integration is listed twice"),
    }),
  ],
  { error: "Scope must be one integration, a tag, or a set of integrations" },
);
export type SloScope = z.infer<typeof sloScopeSchema>;

export const sliSchema = z.discriminatedUnion(
  "kind",
  [
    /** Good = successful probe runs, of all runs. */
    z.object({ kind: z.literal("availability") }),
    /** Good = successful runs no slower than `thresholdMs`, of all runs. */
    z.object({
      kind: z.literal("latency"),
      thresholdMs: z.number({ error: "Enter the latency bound in ms" }).positive("Above 0 ms").max(600_000, "At most 600,000 ms"),
    }),
  ],
  { error: "The SLI is availability or latency" },
);
export type Sli = z.infer<typeof sliSchema>;

const pct = (what: string) =>
  z
    .number({ error: `Enter the ${what} in percent` })
    .gt(0, `The ${what} must be above 0%`)
    .lt(100, `The ${what} must be below 100% (100% leaves no error budget)`);

export const sloInputSchema = z.object({
  name: z.string().trim().min(1, "Give the SLO a name").max(120, "Keep the name under 120 characters"),
  scope: sloScopeSchema,
  objectivePct: pct("objective"),
  window: z.enum(SLO_WINDOWS, { error: "Choose rolling 7, 28 or 30 days, or the calendar month" }),
  sli: sliSchema,
  slaPct: pct("contracted SLA").nullable().default(null),
});
export type SloInput = z.infer<typeof sloInputSchema>;

/** Does this SLO cover the integration? */
export function sloCovers(scope: SloScope, integration: { id: string; tags: readonly string[] }): boolean {
  switch (scope.kind) {
    case "integration":
      return scope.integrationId === integration.id;
    case "tag":
      return integration.tags.includes(scope.tag);
    case "integrations":
      return scope.integrationIds.includes(integration.id);
  }
}
