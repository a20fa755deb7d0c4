// Silences and maintenance windows: they mute the notifications of matching incidents between their start and
// end (the incidents still open). Listed current and upcoming first; creating and deleting one is audited.
import { z } from "zod";
import type { Db } from "../db/client";
import type { AlertSilence } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import type { AlertSilenceView, AlertSilencesResponse } from "./types";
import { announceMaintenance } from "../status-pages/subscriptions/maintenance";

export const silenceInputSchema = z
  .object({
    kind: z.enum(["silence", "maintenance"], { error: "Choose silence or maintenance" }).default("silence"),
    ruleId: z.uuid("Choose a rule").nullish(),
    integrationId: z.uuid("Choose an integration").nullish(),
    tag: z.string().trim().min(1, "Enter a tag").max(40).nullish(),
    startsAt: z.coerce.date({ error: "Enter a start time" }).optional(),
    endsAt: z.coerce.date({ error: "Enter an end time" }),
    reason: z.string().trim().min(1, "Say why (it shows on muted incidents)").max(500, "Keep the reason under 500 characters"),
  })
  .superRefine((s, ctx) => {
    if (s.startsAt && s.endsAt <= s.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  });

function toSilenceView(s: AlertSilence, now: Date): AlertSilenceView {
  return {
    id: s.id,
    kind: s.kind,
    ruleId: s.ruleId,
    integrationId: s.integrationId,
    tag: s.tag,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    reason: s.reason,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    active: s.startsAt <= now && now < s.endsAt,
  };
}

/** Current and upcoming silences first, then the most recently ended (up to 200 in all). */
export async function listSilences(db: Db, now = new Date()): Promise<AlertSilencesResponse> {
  const [live, ended] = await Promise.all([
    db.alertSilence.findMany({ where: { endsAt: { gt: now } }, orderBy: [{ startsAt: "asc" }], take: 200 }),
    db.alertSilence.findMany({ where: { endsAt: { lte: now } }, orderBy: [{ endsAt: "desc" }], take: 50 }),
  ]);
  return { silences: [...live, ...ended].slice(0, 200).map((s) => toSilenceView(s, now)) };
}

export async function createSilence(db: Db, raw: unknown, actor: Actor, now = new Date()): Promise<AlertSilenceView> {
  const input = silenceInputSchema.parse(raw);
  const startsAt = input.startsAt ?? now;
  const problems: Record<string, string[]> = {};
  if (input.endsAt <= startsAt) problems.endsAt = ["The end must be after the start"];
  if (input.endsAt <= now) problems.endsAt = [...(problems.endsAt ?? []), "The end must be in the future"];
  if (input.ruleId && !(await db.alertRule.findUnique({ where: { id: input.ruleId }, select: { id: true } }))) problems.ruleId = ["No alert rule with that id"];
  if (input.integrationId && !(await db.integration.findUnique({ where: { id: input.integrationId }, select: { id: true } })))
    problems.integrationId = ["No integration with that id"];
  if (Object.keys(problems).length) throw ApiError.invalidFields(problems);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.alertSilence.create({
      data: {
        kind: input.kind,
        ruleId: input.ruleId ?? null,
        integrationId: input.integrationId ?? null,
        tag: input.tag ?? null,
        startsAt,
        endsAt: input.endsAt,
        reason: input.reason,
        createdBy: actorOf(actor).label,
      },
    });
    await audit(tx, actorOf(actor), {
      action: "alert.silence.create",
      summary: `Created ${input.kind === "maintenance" ? "maintenance window" : "silence"}: ${input.reason}`,
      targetType: "alert_silence",
      targetId: created.id,
      ip: actor.ip,
    });
    // Status pages announce it to their subscribers, queued in this transaction.
    await announceMaintenance(tx, created, now);
    return created;
  });
  return toSilenceView(row, now);
}

export async function deleteSilence(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.alertSilence.findUnique({ where: { id } });
    if (!row) throw ApiError.notFound("silence");
    await tx.alertSilence.delete({ where: { id } });
    await audit(tx, actorOf(actor), {
      action: "alert.silence.delete",
      summary: `Deleted ${row.kind === "maintenance" ? "maintenance window" : "silence"}: ${row.reason}`,
      targetType: "alert_silence",
      targetId: id,
      ip: actor.ip,
    });
  });
}
