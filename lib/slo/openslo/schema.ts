// The part of OpenSLO v1's SLO kind that Tether reads and writes (github.com/OpenSLO/OpenSLO, README, "SLO"):
// an inline indicator with a good/total ratioMetric, one time window, a budgeting method and one objective.
// Fields the spec allows and Tether does not use (alertPolicies, labels...) are accepted and ignored.
import { z } from "zod";

export const OPENSLO_API_VERSION = "openslo/v1";
/** The metric source type Tether writes: the SLI is counted on Tether's own probe runs. */
export const TETHER_SOURCE = "Tether";
/** Where Tether keeps the contracted SLA, which OpenSLO has no field for. */
export const SLA_ANNOTATION = "tether.dev/contracted-sla-pct";

const metricSource = z.object({
  metricSourceRef: z.string().optional(),
  type: z.string().optional(),
  spec: z.record(z.string(), z.unknown()).optional(),
});
const query = z.object({ metricSource });

export const ratioMetricSchema = z.object({
  counter: z.boolean().optional(),
  good: query.optional(),
  bad: query.optional(),
  total: query.optional(),
  raw: query.optional(),
  rawType: z.enum(["success", "failure"]).optional(),
});

export const timeWindowSchema = z.object({
  duration: z
    .string({ error: "Give the window's duration, e.g. 30d or 1M" })
    .regex(/^[1-9]\d*[mhdwMQY]$/, "A duration is a number and one of m h d w M Q Y, e.g. 30d"),
  isRolling: z.boolean().optional(),
  calendar: z.object({ startTime: z.string().optional(), timeZone: z.string().optional() }).optional(),
});

export const objectiveSchema = z
  .object({
    displayName: z.string().optional(),
    target: z.number().gt(0, "target is a share above 0").lt(1, "target is a share below 1 (0.999 for 99.9%)").optional(),
    targetPercent: z.number().gt(0, "targetPercent is above 0").lt(100, "targetPercent is below 100").optional(),
    timeSliceTarget: z.number().optional(),
    timeSliceWindow: z.union([z.number(), z.string()]).optional(),
  })
  .refine((o) => (o.target === undefined) !== (o.targetPercent === undefined), "Give exactly one of target or targetPercent");

export const openSloSchema = z.object({
  apiVersion: z.literal(OPENSLO_API_VERSION, { error: `apiVersion must be ${OPENSLO_API_VERSION}` }),
  kind: z.literal("SLO", { error: "kind must be SLO" }),
  metadata: z.object(
    {
      name: z.string({ error: "metadata.name is required" }).min(1, "metadata.name is required").max(255),
      displayName: z.string().optional(),
      annotations: z.record(z.string(), z.string({ error: "Annotation values are strings" })).optional(),
    },
    { error: "metadata is required" },
  ),
  spec: z.object(
    {
      description: z.string().max(1_050, "The description is at most 1,050 characters").optional(),
      service: z.string({ error: "spec.service is required" }).min(1, "spec.service is required"),
      indicator: z.object(
        {
          metadata: z.object({ name: z.string().optional(), displayName: z.string().optional() }).optional(),
          spec: z.object({ ratioMetric: ratioMetricSchema }, { error: "Tether imports a ratioMetric indicator (thresholdMetric is not supported)" }),
        },
        { error: "Give an inline indicator with a ratioMetric (indicatorRef is not supported)" },
      ),
      timeWindow: z.array(timeWindowSchema).length(1, "timeWindow holds exactly one window").optional(),
      budgetingMethod: z.enum(["Occurrences", "Timeslices", "RatioTimeslices"], { error: "budgetingMethod is Occurrences, Timeslices or RatioTimeslices" }),
      objectives: z
        .array(objectiveSchema, { error: "Give the objectives list" })
        .min(1, "Give one objective")
        .max(1, "Tether holds one objective per SLO: put the others in SLOs of their own"),
    },
    { error: "spec is required" },
  ),
});
export type OpenSlo = z.infer<typeof openSloSchema>;
