// The audit log: who changed what, and who triggered which manual probe. Written in the same transaction as
// the change where there is one, so a change is never without its record.
import type { Db } from "../db/client";
import { beforeId, idCursor, keysetPage } from "../db/keyset";
import type { Prisma } from "../db/generated/client";
import type { Principal } from "../auth/principal";

export type AuditAction =
  | "integration.create"
  | "integration.update"
  | "integration.delete"
  | "probe.manual"
  | "alert.rule.create"
  | "alert.rule.update"
  | "alert.rule.delete"
  | "slo.create"
  | "slo.update"
  | "slo.delete"
  | "alert.silence.create"
  | "alert.silence.delete"
  | "incident.acknowledge"
  | "secret.set"
  | "secret.delete"
  | "secrets.rotate"
  | "token.create"
  | "token.revoke"
  | "user.create"
  | "user.update"
  | "auth.login"
  | "auth.login_failed"
  | "auth.setup"
  | "auth.sso_refused"
  | "session.end"
  | "webhook.source"
  | "webhook.replay"
  | "channel.create"
  | "channel.update"
  | "channel.delete"
  | "channel.test"
  | "notification.replay"
  | "status_page.create"
  | "status_page.update"
  | "status_page.delete"
  | "config.apply"
  | "status_page.subscriber.remove"
  | "status_incident.create"
  | "status_incident.update"
  | "status_incident.post_update"
  | "status_incident.edit_update";

export interface AuditEntry {
  action: AuditAction;
  summary: string;
  targetType?:
    | "integration"
    | "user"
    | "token"
    | "secret"
    | "webhook_source"
    | "webhook_event"
    | "alert_rule"
    | "slo"
    | "alert_silence"
    | "incident"
    | "notification_channel"
    | "notification_delivery"
    | "status_page"
    | "status_incident";
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string;
}

type Writer = Pick<Db, "auditEvent">;

export async function audit(db: Writer, actor: Principal | { label: string; userId?: string } | null, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: actor && "userId" in actor ? (actor.userId ?? null) : null,
      actorLabel: actor?.label ?? "anonymous",
      action: entry.action,
      summary: entry.summary,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
      ip: entry.ip ?? null,
    },
  });
}

export interface AuditView {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  summary: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
}

export async function listAudit(
  db: Db,
  opts: { limit: number; cursor?: string; action?: string; targetId?: string },
): Promise<{ events: AuditView[]; nextCursor: string | null }> {
  const { items, nextCursor } = await keysetPage(
    opts.limit,
    (take) =>
      db.auditEvent.findMany({
        where: {
          ...(opts.action ? { action: { startsWith: opts.action } } : {}),
          ...(opts.targetId ? { targetId: opts.targetId } : {}),
          ...beforeId(opts.cursor),
        },
        orderBy: { id: "desc" },
        take,
      }),
    idCursor,
  );
  return {
    events: items.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actorLabel: r.actorLabel,
      action: r.action,
      summary: r.summary,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      ip: r.ip,
    })),
    nextCursor,
  };
}
