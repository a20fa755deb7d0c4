// An integration's timeline: its incidents, circuit transitions and probe outcome changes merged newest first,
// for a window of at most 31 days and at most 500 items (the response says when it was cut).
import { z } from "zod";
import type { Db } from "../db/client";
import { ApiError } from "../api/errors";
import { toEventView, toIncidentView } from "./incidents/incidents";
import type { TimelineItem, TimelineResponse } from "./types";

const TIMELINE_LIMIT = 500;
const DAY_MS = 86_400_000;

export const timelineQuerySchema = z
  .object({ from: z.coerce.date({ error: "Not a date" }).optional(), to: z.coerce.date({ error: "Not a date" }).optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to) ctx.addIssue({ code: "custom", path: ["from"], message: "From must be before to" });
  });

/**
 * Incidents (with their events), circuit transitions and probe outcome changes (the first failure after
 * successes, the first success after failures) merged newest first, at most 500. Default: the last 24 hours;
 * at most 31 days.
 */
export async function integrationTimeline(db: Db, integrationId: string, q: z.infer<typeof timelineQuerySchema>, now = Date.now()): Promise<TimelineResponse> {
  const to = q.to ?? new Date(now);
  const from = q.from ?? new Date(to.getTime() - DAY_MS);
  if (to.getTime() - from.getTime() > 31 * DAY_MS) throw ApiError.invalidFields({ from: ["At most 31 days at a time"] });
  if (!(await db.integration.findUnique({ where: { id: integrationId }, select: { id: true } }))) throw ApiError.notFound("integration");
  const take = TIMELINE_LIMIT + 1;
  const [incidents, transitions, changes, toolVersions] = await Promise.all([
    db.incident.findMany({
      where: { integrationId, startedAt: { lte: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] },
      include: { integration: { select: { name: true } }, events: { orderBy: [{ at: "asc" }, { id: "asc" }], take: 100 } },
      orderBy: { startedAt: "desc" },
      take,
    }),
    db.circuitTransition.findMany({ where: { integrationId, at: { gte: from, lte: to } }, orderBy: [{ at: "desc" }, { id: "desc" }], take }),
    db.$queryRaw<{ id: bigint; startedAt: Date; ok: boolean; errorClass: string | null; errorMessage: string | null; latencyMs: number | null }[]>`
      SELECT id, "startedAt", ok, "errorClass", "errorMessage", "latencyMs" FROM (
        SELECT id, "startedAt", ok, "errorClass", "errorMessage", "latencyMs", lag(ok) OVER (ORDER BY "startedAt", id) AS prev
        FROM (
          (SELECT id, "startedAt", ok, "errorClass", "errorMessage", "latencyMs" FROM "ProbeRun"
            WHERE "integrationId" = ${integrationId}::uuid AND "startedAt" < ${from}::timestamp ORDER BY "startedAt" DESC LIMIT 1)
          UNION ALL
          (SELECT id, "startedAt", ok, "errorClass", "errorMessage", "latencyMs" FROM "ProbeRun"
            WHERE "integrationId" = ${integrationId}::uuid AND "startedAt" >= ${from}::timestamp AND "startedAt" <= ${to}::timestamp)
        ) runs
      ) r
      WHERE r."startedAt" >= ${from}::timestamp AND r.prev IS DISTINCT FROM r.ok AND NOT (r.prev IS NULL AND r.ok)
      ORDER BY r."startedAt" DESC
      LIMIT ${take}`,
    db.mcpToolVersion.findMany({
      where: { integrationId, seq: { gt: 1 }, firstSeenAt: { gte: from, lte: to } },
      select: { seq: true, firstSeenAt: true, breaking: true, additive: true, cosmetic: true },
      orderBy: { seq: "desc" },
      take,
    }),
  ]);
  const items: TimelineItem[] = [
    ...incidents.map((i): TimelineItem => ({
      kind: "incident",
      at: i.startedAt.toISOString(),
      incident: toIncidentView(i),
      events: i.events.map(toEventView),
    })),
    ...toolVersions.map((v): TimelineItem => ({
      kind: "tool_version",
      at: v.firstSeenAt.toISOString(),
      seq: v.seq,
      breaking: v.breaking,
      additive: v.additive,
      cosmetic: v.cosmetic,
    })),
    ...transitions.map((t): TimelineItem => ({ kind: "circuit", at: t.at.toISOString(), from: t.from, to: t.to, reason: t.reason })),
    ...changes.map((r): TimelineItem => ({
      kind: "probe",
      at: r.startedAt.toISOString(),
      change: r.ok ? "recovered" : "failed",
      runId: r.id.toString(),
      errorClass: r.errorClass,
      errorMessage: r.errorMessage,
      latencyMs: r.latencyMs,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return { integrationId, from: from.toISOString(), to: to.toISOString(), items: items.slice(0, TIMELINE_LIMIT), truncated: items.length > TIMELINE_LIMIT };
}
