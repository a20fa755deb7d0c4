// What the CLI reads of the API's answers: only the fields it prints or decides on, each object loose so a newer
// server's extra fields pass. The full shapes are in lib/api/openapi/responses.ts (served at /api/openapi.json); the
// CLI keeps its own small copy so that it loads no server code.
import { z } from "zod";

export const HEALTH = ["healthy", "degraded", "down", "paused", "pending"] as const;
export type Health = (typeof HEALTH)[number];

export const integrationRowSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  target: z.string(),
  enabled: z.boolean(),
  tags: z.array(z.string()),
  status: z.enum(HEALTH),
  circuit: z.string(),
  uptime: z.number().nullable(),
  p95Ms: z.number().nullable(),
  lastRunAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type IntegrationRow = z.infer<typeof integrationRowSchema>;
export const integrationListSchema = z.array(integrationRowSchema);

const attemptSchema = z.looseObject({
  attempt: z.number(),
  startedAtMs: z.number(),
  durationMs: z.number(),
  ok: z.boolean(),
  status: z.number().optional(),
  errorClass: z.string().optional(),
  message: z.string().optional(),
  bodyExcerpt: z.string().optional(),
  retryDelayMs: z.number().optional(),
});

export const probeRunSchema = z.looseObject({
  id: z.string(),
  startedAt: z.string(),
  latencyMs: z.number().nullable(),
  ok: z.boolean(),
  httpStatus: z.number().nullable(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number(),
  circuitState: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  trace: z.looseObject({
    circuitBefore: z.string(),
    circuitAdmission: z.string(),
    attempts: z.array(attemptSchema),
    totalMs: z.number(),
    policy: z.looseObject({ retries: z.number(), timeoutMs: z.number() }),
  }),
});
export type ProbeRunView = z.infer<typeof probeRunSchema>;

export const incidentsPageSchema = z.looseObject({
  incidents: z.array(
    z.looseObject({
      id: z.string(),
      status: z.string(),
      severity: z.string(),
      summary: z.string(),
      integration: z.looseObject({ id: z.string(), name: z.string() }),
      startedAt: z.string(),
    }),
  ),
});
export type IncidentRow = z.infer<typeof incidentsPageSchema>["incidents"][number];
