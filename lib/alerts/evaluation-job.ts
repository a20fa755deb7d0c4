// The worker's alert pass: load rule state and data, run the pure evaluator, write incidents and enqueue
// notifications. One worker of the fleet evaluates at a time (a transaction-scoped advisory lock), and the
// whole pass is one transaction: state, incidents, timeline events and queued notifications commit together,
// so a crash never sends twice or loses one.
import type { Db } from "../db/client";
import { sqlRows } from "../db/sql";
import type { AlertState, Incident } from "../db/generated/client";
import { createLogger } from "../observability/logger";
import { conditionMeta, evaluate, INITIAL_STATE, type AlertStateSnapshot, type Decision, type SilenceSpec } from "./evaluator";
import { addEvent, notify, openKeyOf, recordMuted, resolveIncident, type Tx } from "./incidents/lifecycle";
import { enabledIntegrations, loadObservations } from "./observations";
import { integrationStatusUrls, readProviderStatuses } from "../providers/status/poll-job";
import { declaredTrouble } from "../providers/status/view";
import { loadRule, type LoadedRule, type ScopedIntegration } from "./stored-rule";

export const ALERT_EVALUATION_EVERY_MS = 5_000;

/** Distinct from the prune lock (7_469_746_801) and the migration lock. */
const EVALUATION_LOCK = 7_469_746_802;
const log = createLogger("alerts");

export interface EvaluationReport {
  /** Another worker held the lock: this pass did nothing. */
  skipped: boolean;
  rules: number;
  evaluated: number;
  opened: number;
  resolved: number;
  notifications: number;
}

const stateKey = (ruleId: string, integrationId: string) => `${ruleId}|${integrationId}`;

function snapshotOf(row: AlertState | undefined, incident: Incident | undefined): AlertStateSnapshot {
  if (!row) return INITIAL_STATE;
  return {
    state: row.state,
    since: row.since?.getTime() ?? null,
    lastValue: row.lastValue,
    peak: row.peak,
    changes: row.changes.map((d) => d.getTime()),
    flapping: row.flapping,
    lastNotifiedAt: row.lastNotifiedAt?.getTime() ?? null,
    lastReminderAt: row.lastReminderAt?.getTime() ?? null,
    acknowledged: incident?.status === "acknowledged",
  };
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function rowData(s: AlertStateSnapshot, incidentId: string | null) {
  return {
    state: s.state,
    since: date(s.since),
    lastValue: s.lastValue,
    peak: s.peak,
    changes: s.changes.map((t) => new Date(t)),
    flapping: s.flapping,
    lastNotifiedAt: date(s.lastNotifiedAt),
    lastReminderAt: date(s.lastReminderAt),
    incidentId,
  };
}

/** Quiet: ok, nothing in the flap window. Such a state needs no row at all. */
const quiet = (s: AlertStateSnapshot) => s.state === "ok" && s.changes.length === 0 && !s.flapping;

/** Whether the stored row must change. A firing or pending value is kept fresh; an ok one is not worth a write. */
function stateChanged(prev: AlertStateSnapshot, next: AlertStateSnapshot, prevIncident: string | null, nextIncident: string | null): boolean {
  const { lastValue: a, acknowledged: _a, ...restPrev } = prev;
  const { lastValue: b, acknowledged: _b, ...restNext } = next;
  if (prevIncident !== nextIncident || JSON.stringify(restPrev) !== JSON.stringify(restNext)) return true;
  return next.state !== "ok" && a !== b;
}

interface PassContext {
  tx: Tx;
  now: Date;
  report: EvaluationReport;
}

/** Records a notification that was due: queued to the rule's channels, or muted with its reason. */
async function announce(ctx: PassContext, rule: LoadedRule, integration: ScopedIntegration, incident: Incident, decision: Decision): Promise<void> {
  if (!decision.event) return;
  if (decision.notify) {
    await notify(ctx.tx, {
      incident,
      event: decision.event,
      integrationName: integration.name,
      channelIds: rule.channelIds,
      now: ctx.now,
      summary: decision.summary,
    });
    ctx.report.notifications += 1;
  } else if (decision.muted) {
    await recordMuted(ctx.tx, incident.id, ctx.now, decision.event, decision.muted, decision.mutedBy);
  }
}

async function openIncident(
  ctx: PassContext,
  rule: LoadedRule,
  integration: ScopedIntegration,
  decision: Decision,
  existing: Incident | undefined,
): Promise<Incident> {
  // Deduplicated: an incident still open for this rule x integration is carried on, never doubled.
  if (existing) return existing;
  const meta = conditionMeta(rule.condition);
  const incident = await ctx.tx.incident.create({
    data: {
      ruleId: rule.id,
      ruleName: rule.name,
      conditionKind: rule.condition.kind,
      integrationId: integration.id,
      severity: rule.severity,
      status: "open",
      openKey: openKeyOf(rule.id, integration.id),
      startedAt: ctx.now,
      summary: decision.summary,
      unit: meta.unit,
      value: decision.value,
      peak: decision.value,
      threshold: decision.threshold,
    },
  });
  await addEvent(ctx.tx, incident.id, ctx.now, "opened", decision.summary);
  ctx.report.opened += 1;
  return incident;
}

/** Per integration, its provider's declared trouble; read only when a rule opts in to muting on it. */
async function providerTroubleByIntegration(tx: Tx, rules: LoadedRule[], now: Date): Promise<Map<string, { id: string; reason: string }>> {
  const trouble = new Map<string, { id: string; reason: string }>();
  if (!rules.some((r) => r.spec.muteDuringProviderIncident)) return trouble;
  const urls = await integrationStatusUrls(tx);
  const readings = await readProviderStatuses(tx, [...new Set(urls.values())]);
  for (const [integrationId, url] of urls) {
    const t = declaredTrouble(url, readings.get(url), now.getTime());
    if (t) trouble.set(integrationId, t);
  }
  return trouble;
}

async function evaluatePass(tx: Tx, now: Date): Promise<EvaluationReport> {
  const report: EvaluationReport = { skipped: false, rules: 0, evaluated: 0, opened: 0, resolved: 0, notifications: 0 };
  const ctx: PassContext = { tx, now, report };
  // One after another: a transaction is one connection, and node-postgres does not want queries interleaved on it.
  const ruleRows = await tx.alertRule.findMany({ where: { enabled: true } });
  const stateRows = await tx.alertState.findMany();
  // No rule to evaluate and no state left to settle: the pass would read every integration for nothing (every 5 s).
  if (ruleRows.length === 0 && stateRows.length === 0) return report;
  const integrations = await enabledIntegrations(tx);
  const openIncidents = await tx.incident.findMany({ where: { status: { not: "resolved" } } });
  const silenceRows = await tx.alertSilence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
  const rules = ruleRows.flatMap((r) => {
    const rule = loadRule(r);
    if (!rule) log.warn("skipping a rule that no longer validates", { rule: r.id });
    return rule ? [rule] : [];
  });
  report.rules = rules.length;
  const states = new Map(stateRows.map((s) => [stateKey(s.ruleId, s.integrationId), s]));
  const incidentsByKey = new Map(openIncidents.flatMap((i) => (i.openKey ? [[i.openKey, i] as const] : [])));
  const silences: SilenceSpec[] = silenceRows.map((s) => ({ ...s, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime() }));
  const visited = new Set<string>();
  const providerTrouble = await providerTroubleByIntegration(tx, rules, now);

  for (const { rule, targets } of await loadObservations(tx, rules, integrations, now)) {
    for (const { integration, observation } of targets) {
      const k = stateKey(rule.id, integration.id);
      visited.add(k);
      report.evaluated += 1;
      const row = states.get(k);
      let incident = incidentsByKey.get(openKeyOf(rule.id, integration.id));
      const previous = snapshotOf(row, incident);
      const providerIncident = providerTrouble.get(integration.id) ?? null;
      const { next, decision } = evaluate({ rule: rule.spec, integration, previous, observation, silences, providerIncident, now: now.getTime() });
      let incidentId = incident?.id ?? null;

      if (decision.kind === "open") {
        incident = await openIncident(ctx, rule, integration, decision, incident);
        incidentId = incident.id;
        await announce(ctx, rule, integration, incident, decision);
      } else if (decision.kind === "resolve") {
        if (incident) {
          const resolved = await resolveIncident(tx, incident.id, now, decision.summary, { peak: next.peak });
          if (resolved) {
            report.resolved += 1;
            await announce(ctx, rule, integration, resolved, decision);
          }
        }
        incidentId = null;
      } else if (incident) {
        if (decision.kind === "remind") await announce(ctx, rule, integration, incident, decision);
        if (next.peak !== incident.peak && next.peak !== null) await tx.incident.update({ where: { id: incident.id }, data: { peak: next.peak } });
      }

      if (quiet(next) && incidentId === null) {
        if (row) await tx.alertState.delete({ where: { ruleId_integrationId: { ruleId: rule.id, integrationId: integration.id } } });
      } else if (!row || stateChanged(previous, next, row.incidentId, incidentId)) {
        const data = rowData(next, incidentId);
        await tx.alertState.upsert({
          where: { ruleId_integrationId: { ruleId: rule.id, integrationId: integration.id } },
          create: { ruleId: rule.id, integrationId: integration.id, ...data },
          update: data,
        });
      }
    }
  }

  // Pairs no longer evaluated (rule disabled, integration disabled or out of scope): their incidents resolve,
  // announced where the firing was, so a pager does not stay open for something nobody watches any more.
  for (const row of stateRows) {
    if (visited.has(stateKey(row.ruleId, row.integrationId))) continue;
    const incident = incidentsByKey.get(openKeyOf(row.ruleId, row.integrationId));
    const resolved = incident
      ? await resolveIncident(
          tx,
          incident.id,
          now,
          "Resolved: no longer evaluated (the rule or the integration was disabled, or the integration left the rule's scope)",
        )
      : null;
    if (resolved) {
      report.resolved += 1;
      const announced = row.lastNotifiedAt !== null && row.since !== null && row.lastNotifiedAt >= row.since;
      const rule = announced ? await tx.alertRule.findUnique({ where: { id: row.ruleId }, select: { channelIds: true } }) : null;
      if (rule) {
        const integration = await tx.integration.findUnique({ where: { id: row.integrationId }, select: { name: true } });
        await notify(tx, { incident: resolved, event: "resolved", integrationName: integration?.name ?? "", channelIds: rule.channelIds, now });
        report.notifications += 1;
      }
    }
    await tx.alertState.delete({ where: { ruleId_integrationId: { ruleId: row.ruleId, integrationId: row.integrationId } } });
  }
  return report;
}

/**
 * Whether a pass has anything to do: an enabled rule, or state left to settle. One prepared statement instead of a
 * transaction of five, every few seconds on every worker of a fleet that has no rules.
 */
export async function anythingToEvaluate(db: Db): Promise<boolean> {
  const [row] = await sqlRows<{ any: boolean }>(db, {
    name: "tether_alerts_any",
    text: `SELECT EXISTS (SELECT 1 FROM "AlertRule" WHERE enabled) OR EXISTS (SELECT 1 FROM "AlertState") AS any`,
    values: [],
  });
  return row?.any ?? false;
}

export async function runAlertEvaluation(db: Db, opts: { workerId: string; now: Date }): Promise<EvaluationReport> {
  if (!(await anythingToEvaluate(db))) return { skipped: false, rules: 0, evaluated: 0, opened: 0, resolved: 0, notifications: 0 };
  const report = await db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${EVALUATION_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return { skipped: true, rules: 0, evaluated: 0, opened: 0, resolved: 0, notifications: 0 };
      return evaluatePass(tx, opts.now);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (report.opened + report.resolved > 0) log.info("alert evaluation", { worker: opts.workerId, ...report });
  return report;
}
