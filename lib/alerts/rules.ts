// Alert use cases behind the API and the pages: rules (with what they are doing now), the backtest of a draft,
// incidents and their acknowledgement, silences, and an integration's timeline. Every change is audited in
// its own transaction, and notifications it causes are queued in that same transaction.
import { z } from "zod";
import type { Db } from "../db/client";
import { keysetPage } from "../db/keyset";
import { Prisma, type AlertRule, type Incident, type IncidentEvent, type AlertSilence } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { backtestRule } from "./backtest";
import { describeCondition } from "./condition-text";
import { notify, resolveIncident, addEvent } from "./incidents";
import { ruleInputSchema, type RuleInput } from "./rule";
import type {
  AlertRuleView,
  AlertRulesResponse,
  AlertSilenceView,
  AlertSilencesResponse,
  BacktestResult,
  IncidentDetail,
  IncidentEventKind,
  IncidentEventView,
  IncidentsPage,
  IncidentView,
  TimelineItem,
  TimelineResponse,
} from "./types";

// ---- rules ---------------------------------------------------------------------------------------------

function toInput(row: AlertRule): RuleInput {
  return {
    name: row.name,
    enabled: row.enabled,
    severity: row.severity,
    scope: row.scope as RuleInput["scope"],
    condition: row.condition as RuleInput["condition"],
    pendingSeconds: row.pendingSeconds,
    flapMaxChanges: row.flapMaxChanges,
    flapWindowMinutes: row.flapWindowMinutes,
    reminderMinutes: row.reminderMinutes,
    channelIds: row.channelIds,
  };
}

type Counts = AlertRuleView["counts"];

function toRuleView(row: AlertRule, counts: Counts): AlertRuleView {
  const input = toInput(row);
  return {
    id: row.id,
    ...input,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    conditionText: describeCondition(input.condition),
    counts,
  };
}

async function countsFor(db: Db, ruleIds: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(ruleIds.map((id) => [id, { firing: 0, pending: 0, openIncidents: 0 }]));
  if (ruleIds.length === 0) return out;
  const [states, incidents] = await Promise.all([
    db.alertState.groupBy({ by: ["ruleId", "state"], where: { ruleId: { in: ruleIds }, state: { in: ["firing", "pending"] } }, _count: { _all: true } }),
    db.incident.groupBy({ by: ["ruleId"], where: { ruleId: { in: ruleIds }, status: { not: "resolved" } }, _count: { _all: true } }),
  ]);
  for (const s of states) {
    const c = out.get(s.ruleId)!;
    if (s.state === "firing") c.firing = s._count._all;
    if (s.state === "pending") c.pending = s._count._all;
  }
  for (const i of incidents) if (i.ruleId) out.get(i.ruleId)!.openIncidents = i._count._all;
  return out;
}

export async function listRules(db: Db): Promise<AlertRulesResponse> {
  const rows = await db.alertRule.findMany({ orderBy: { name: "asc" } });
  const counts = await countsFor(
    db,
    rows.map((r) => r.id),
  );
  return { rules: rows.map((r) => toRuleView(r, counts.get(r.id)!)) };
}

async function ruleOr404(db: Pick<Db, "alertRule">, id: string): Promise<AlertRule> {
  const row = await db.alertRule.findUnique({ where: { id } });
  if (!row) throw ApiError.notFound("alert rule");
  return row;
}

export async function getRule(db: Db, id: string): Promise<AlertRuleView> {
  const row = await ruleOr404(db, id);
  return toRuleView(row, (await countsFor(db, [id])).get(id)!);
}

/** What the schema cannot know: the scoped integration and the channels must exist. */
async function checkReferences(db: Db, input: RuleInput): Promise<void> {
  const problems: Record<string, string[]> = {};
  if (input.scope.kind === "integration" && !(await db.integration.findUnique({ where: { id: input.scope.integrationId }, select: { id: true } }))) {
    problems["scope.integrationId"] = ["No integration with that id"];
  }
  if (input.channelIds.length > 0) {
    const found = await db.notificationChannel.findMany({ where: { id: { in: input.channelIds } }, select: { id: true } });
    const known = new Set(found.map((f) => f.id));
    const missing = input.channelIds.filter((id) => !known.has(id));
    if (missing.length) problems.channelIds = [`No channel with id ${missing.join(", ")}`];
  }
  if (Object.keys(problems).length) throw ApiError.invalidFields(problems);
}

const toData = (input: RuleInput) => ({
  ...input,
  channelIds: [...new Set(input.channelIds)],
  scope: input.scope as Prisma.InputJsonValue,
  condition: input.condition as Prisma.InputJsonValue,
});

export async function createRule(db: Db, raw: unknown, actor: Actor): Promise<AlertRuleView> {
  const input = ruleInputSchema.parse(raw);
  await checkReferences(db, input);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.alertRule.create({ data: { ...toData(input), createdBy: actorOf(actor).label } });
    await audit(tx, actorOf(actor), {
      action: "alert.rule.create",
      summary: `Created alert rule ${created.name}`,
      targetType: "alert_rule",
      targetId: created.id,
      ip: actor.ip,
    });
    return created;
  });
  return getRule(db, row.id);
}

/** Partial update: the stored rule merged with the change must validate as a whole. */
export async function updateRule(db: Db, id: string, patch: unknown, actor: Actor): Promise<AlertRuleView> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw ApiError.badRequest("Send a JSON object of the fields to change");
  const current = toInput(await ruleOr404(db, id));
  const input = ruleInputSchema.parse({ ...current, ...patch });
  await checkReferences(db, input);
  const changed = Object.keys(input).filter((k) => JSON.stringify(current[k as keyof RuleInput]) !== JSON.stringify(input[k as keyof RuleInput]));
  await db.$transaction(async (tx) => {
    const { count } = await tx.alertRule.updateMany({ where: { id }, data: toData(input) });
    if (count === 0) throw ApiError.notFound("alert rule");
    const summary =
      changed.length === 1 && changed[0] === "enabled"
        ? `${input.enabled ? "Enabled" : "Disabled"} alert rule ${input.name}`
        : `Updated alert rule ${input.name}${changed.length ? `: ${changed.join(", ")}` : ""}`;
    await audit(tx, actorOf(actor), { action: "alert.rule.update", summary, targetType: "alert_rule", targetId: id, details: { changed }, ip: actor.ip });
  });
  return getRule(db, id);
}

/**
 * Deleting a rule resolves its open incidents (announcing the resolve where the firing was announced, so no
 * pager stays open) and keeps them, with the rule's name, as history; its state and silences go with it.
 */
export async function deleteRule(db: Db, id: string, actor: Actor, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const rule = await ruleOr404(tx, id);
    const open = await tx.incident.findMany({
      where: { ruleId: id, status: { not: "resolved" } },
      include: { integration: { select: { name: true } }, events: { where: { kind: "notified" }, take: 1 } },
    });
    for (const incident of open) {
      const resolved = await resolveIncident(tx, incident.id, now, `Resolved: the rule "${rule.name}" was deleted`);
      if (resolved && incident.events.length > 0)
        await notify(tx, { incident: resolved, event: "resolved", integrationName: incident.integration.name, channelIds: rule.channelIds, now });
    }
    await tx.alertRule.delete({ where: { id } });
    await audit(tx, actorOf(actor), {
      action: "alert.rule.delete",
      summary: `Deleted alert rule ${rule.name}${open.length ? ` (resolved ${open.length} open incident${open.length === 1 ? "" : "s"})` : ""}`,
      targetType: "alert_rule",
      targetId: id,
      ip: actor.ip,
    });
  });
}

export const backtestRequestSchema = z.object({
  rule: z.unknown(),
  days: z.number({ error: "Enter the number of days" }).int("Use whole days").min(1, "At least 1 day").max(30, "At most 30 days").default(7),
  integrationId: z.uuid("Choose an integration").optional(),
});

export async function backtest(db: Db, raw: unknown, now = Date.now()): Promise<BacktestResult> {
  const req = backtestRequestSchema.parse(raw);
  // The draft's field errors are reported under "rule.", as the editor's form nests them.
  const parsed = ruleInputSchema.safeParse(req.rule);
  if (!parsed.success) {
    const out: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (out[["rule", ...issue.path].join(".")] ??= []).push(issue.message);
    throw ApiError.invalidFields(out);
  }
  return backtestRule(db, parsed.data, { days: req.days, integrationId: req.integrationId, now });
}

// ---- incidents -----------------------------------------------------------------------------------------

type IncidentRow = Incident & { integration: { name: string } };

function toIncidentView(r: IncidentRow): IncidentView {
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

const toEventView = (e: IncidentEvent): IncidentEventView => ({
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

// ---- silences ------------------------------------------------------------------------------------------

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

// ---- timeline ------------------------------------------------------------------------------------------

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
  const [incidents, transitions, changes] = await Promise.all([
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
  ]);
  const items: TimelineItem[] = [
    ...incidents.map((i): TimelineItem => ({
      kind: "incident",
      at: i.startedAt.toISOString(),
      incident: toIncidentView(i),
      events: i.events.map(toEventView),
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
