// Incident writes shared by the evaluation job and the API (acknowledge, rule deletion): timeline events and
// notifications queued in the caller's transaction, so an incident change and its notification commit together.
import type { Incident, Prisma } from "../../db/generated/client";
import { enqueueNotifications } from "../deliveries/queue";
import type { AlertNotification, NotificationEvent } from "../notification";
import type { MuteReason } from "../evaluator";
import type { IncidentEventKind } from "../types";

export type Tx = Prisma.TransactionClient;

/** The key that is unique while an incident is not resolved: one open incident per rule x integration. */
export const openKeyOf = (ruleId: string, integrationId: string) => `${ruleId}:${integrationId}`;

export function publicUrl(env: Record<string, string | undefined> = process.env): string {
  const base = env.NEXTAUTH_URL || env.TETHER_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`;
  return base.replace(/\/+$/, "");
}

export async function addEvent(tx: Tx, incidentId: string, at: Date, kind: IncidentEventKind, detail: string, reason: string | null = null): Promise<void> {
  await tx.incidentEvent.create({ data: { incidentId, at, kind, detail, reason } });
}

export function notificationOf(incident: Incident, event: NotificationEvent, integrationName: string, summary = incident.summary): AlertNotification {
  return {
    event,
    incidentId: incident.id,
    dedupKey: `tether-incident-${incident.id}`,
    rule: { id: incident.ruleId ?? "", name: incident.ruleName, severity: incident.severity },
    integration: { id: incident.integrationId, name: integrationName },
    summary,
    value: incident.value,
    threshold: incident.threshold,
    startedAt: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    url: `${publicUrl()}/incidents/${incident.id}`,
  };
}

const channels = (n: number) => `${n} channel${n === 1 ? "" : "s"}`;

/** Queues a notification to the rule's channels and records it on the incident's timeline. */
export async function notify(
  tx: Tx,
  opts: { incident: Incident; event: NotificationEvent; integrationName: string; channelIds: string[]; now: Date; summary?: string },
): Promise<void> {
  const { incident, event, channelIds, now } = opts;
  const kind: IncidentEventKind = event === "reminder" ? "reminder" : "notified";
  if (channelIds.length === 0) {
    await addEvent(tx, incident.id, now, kind, `${event}: no channels on this rule, nothing sent`, event);
    return;
  }
  const queued = await enqueueNotifications(tx, { channelIds, notification: notificationOf(incident, event, opts.integrationName, opts.summary), now });
  const skipped = channelIds.length - queued;
  await addEvent(
    tx,
    incident.id,
    now,
    kind,
    `${event} notification queued for ${channels(queued)}${skipped > 0 ? ` (${skipped} disabled or deleted)` : ""}`,
    event,
  );
}

export async function recordMuted(tx: Tx, incidentId: string, now: Date, event: NotificationEvent, reason: MuteReason, by?: { reason: string }): Promise<void> {
  const what =
    reason === "flapping"
      ? "flapping"
      : reason === "provider_incident"
        ? `the provider has declared an incident${by ? ` (${by.reason})` : ""}`
        : `${reason === "maintenance" ? "maintenance window" : "silence"}${by ? ` "${by.reason}"` : ""}`;
  await addEvent(tx, incidentId, now, "muted", `${event} notification muted: ${what}`, reason);
}

/** Resolves an incident (if not resolved yet); returns the updated row, or null when there was nothing to do. */
export async function resolveIncident(
  tx: Tx,
  id: string,
  now: Date,
  detail: string,
  data: { peak?: number | null; summary?: string } = {},
): Promise<Incident | null> {
  const { count } = await tx.incident.updateMany({
    where: { id, status: { not: "resolved" } },
    data: { status: "resolved", resolvedAt: now, openKey: null, ...(data.peak !== undefined ? { peak: data.peak } : {}) },
  });
  if (count === 0) return null;
  await addEvent(tx, id, now, "resolved", detail);
  return tx.incident.findUniqueOrThrow({ where: { id } });
}
