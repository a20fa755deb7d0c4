// Alert rules behind the API and the pages: each with what it is doing now (firing, pending, open incidents),
// audited create / update / delete, and the backtest of a draft. Deleting a rule resolves its open incidents
// and queues their resolve notifications in the same transaction.
import { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma, AlertRule } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { backtestRule } from "./backtest";
import { describeCondition } from "./condition-text";
import { notify, resolveIncident } from "./incidents/lifecycle";
import { ruleInputSchema, type RuleInput } from "./rule";
import type { AlertRuleView, AlertRulesResponse, BacktestResult } from "./types";

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
    muteDuringProviderIncident: row.muteDuringProviderIncident,
    channelIds: row.channelIds,
  };
}

type Counts = AlertRuleView["counts"];

function toRuleView(row: AlertRule, counts: Counts): AlertRuleView {
  const input = toInput(row);
  return {
    id: row.id,
    ...input,
    managedBy: row.managedBy,
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
