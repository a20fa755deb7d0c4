// Incidents behind the API and the pages: the list (filtered, newest first, keyset-paged), one incident with its
// events, and acknowledgement, which is audited and announced in its own transaction.
import { z } from "zod";
import type { Db } from "../../db/client";
import { keysetPage } from "../../db/keyset";
import type { Incident, IncidentEvent } from "../../db/generated/client";
import { ApiError } from "../../api/errors";
import { audit } from "../../audit/audit-log";
import { actorOf, type Actor } from "../../auth/actor";
import { addEvent, notify } from "./lifecycle";
import type { IncidentDetail, IncidentEventKind, IncidentEventView, IncidentsPage, IncidentView } from "../types";

type IncidentRow = Incident & { integration: { name: string } };

export function toIncidentView(r: IncidentRow): IncidentView {
  return {
    id: r.id,
    rule: { id: r.ruleId, name: r.ruleName, severity: r.severity },
    integration: { id: r.integrationId, name: r.integration.name },
    severity: r.severity,
    status: r.status,
    summary: r.summary,
    value: r.value,
    peak: r.peak,
    threshold: r.threshold,
    unit: r.unit,
    startedAt: r.startedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
}

export const toEventView = (e: IncidentEvent): IncidentEventView => ({
  id: e.id.toString(),
  at: e.at.toISOString(),
  kind: e.kind as IncidentEventKind,
  detail: e.detail,
  reason: e.reason,
});

export const incidentFilterSchema = z.object({
  status: z.enum(["open", "acknowledged", "resolved", "all"], { error: "Status is open, acknowledged, resolved or all" }).default("all"),
  integrationId: z.uuid("Not an integration id").optional(),
  ruleId: z.uuid("Not a rule id").optional(),
  cursor: z.uuid("Not a cursor from this list").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentFilter = z.infer<typeof incidentFilterSchema>;

/** Newest first, paged by the last incident's id (keyset on startedAt, id). */
export async function listIncidents(db: Db, f: IncidentFilter): Promise<IncidentsPage> {
  const after = f.cursor ? await db.incident.findUnique({ where: { id: f.cursor }, select: { id: true, startedAt: true } }) : null;
  const { items, nextCursor } = await keysetPage(
    f.limit,
    (take) =>
      db.incident.findMany({
        where: {
          ...(f.status !== "all" ? { status: f.status } : {}),
          ...(f.integrationId ? { integrationId: f.integrationId } : {}),
          ...(f.ruleId ? { ruleId: f.ruleId } : {}),
          ...(after ? { OR: [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, id: { lt: after.id } }] } : {}),
        },
        include: { integration: { select: { name: true } } },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take,
      }),
    (last) => last.id,
  );
  return { incidents: items.map(toIncidentView), nextCursor };
}

export async function getIncident(db: Db, id: string): Promise<IncidentDetail> {
  const row = await db.incident.findUnique({
    where: { id },
    include: { integration: { select: { name: true } }, events: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  if (!row) throw ApiError.notFound("incident");
  return { ...toIncidentView(row), events: row.events.map(toEventView) };
}

/** Acknowledging stops reminders; it is idempotent, and a resolved incident cannot be acknowledged. */
export async function acknowledgeIncident(db: Db, id: string, actor: Actor, now = new Date()): Promise<IncidentDetail> {
  await db.$transaction(async (tx) => {
    const row = await tx.incident.findUnique({ where: { id }, include: { integration: { select: { name: true } }, rule: { select: { channelIds: true } } } });
    if (!row) throw ApiError.notFound("incident");
    if (row.status === "resolved") throw ApiError.conflict("This incident is already resolved");
    if (row.status === "acknowledged") return;
    const by = actorOf(actor).label;
    const { count } = await tx.incident.updateMany({
      where: { id, status: "open" },
      data: { status: "acknowledged", acknowledgedAt: now, acknowledgedBy: by },
    });
    if (count === 0) return;
    await addEvent(tx, id, now, "acknowledged", `Acknowledged by ${by}`);
    if (row.rule) {
      const updated = await tx.incident.findUniqueOrThrow({ where: { id } });
      await notify(tx, {
        incident: updated,
        event: "acknowledged",
        integrationName: row.integration.name,
        channelIds: row.rule.channelIds,
        now,
        summary: `${row.summary} (acknowledged by ${by})`,
      });
    }
    await audit(tx, actorOf(actor), {
      action: "incident.acknowledge",
      summary: `Acknowledged incident: ${row.summary}`,
      targetType: "incident",
      targetId: id,
      ip: actor.ip,
    });
  });
  return getIncident(db, id);
}
