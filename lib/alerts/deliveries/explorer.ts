// The webhook explorer's outbound view: alert notifications as deliveries, filtered and cursor-paginated, one
// with its notification and attempts, and replay. Mirrors lib/webhooks/events.ts for the inbound side.
import { z } from "zod";
import type { Db } from "../../db/client";
import { beforeId, idCursor, keysetPage } from "../../db/keyset";
import type { NotificationDeliveryStatus, Prisma } from "../../db/generated/client";
import { ApiError } from "../../api/errors";
import { audit } from "../../audit/audit-log";
import { actorOf, type Actor } from "../../auth/actor";
import { attemptDelivery, type DeliveryResult } from "./queue";
import type { AlertNotification } from "../notification";

export const DELIVERY_STATUSES = ["queued", "delivered", "failed", "dead_lettered"] as const;

/** A delivery id path parameter; anything else cannot exist, so it is a 404. */
export function parseDeliveryId(value: string): bigint {
  if (!/^\d{1,18}$/.test(value)) throw ApiError.notFound("notification delivery");
  return BigInt(value);
}

export const deliveryFilterSchema = z.object({
  status: z.enum(DELIVERY_STATUSES, { error: `Status is one of ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  channelId: z.uuid("Choose a channel").optional(),
  incidentId: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().regex(/^\d+$/, "Not a cursor from this list").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;

export interface DeliverySummary {
  id: string;
  createdAt: string;
  channel: { id: string; name: string; kind: string };
  event: string;
  incidentId: string | null;
  summary: string;
  status: NotificationDeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryAttemptView {
  id: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  target: string;
  requestExcerpt: string | null;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  trigger: string;
}

export interface DeliveryDetail extends DeliverySummary {
  dedupKey: string;
  notification: AlertNotification;
  attemptLog: DeliveryAttemptView[];
}

type Row = Prisma.NotificationDeliveryGetPayload<{ include: { channel: { select: { id: true; name: true; kind: true } } } }>;

const toSummary = (r: Row): DeliverySummary => ({
  id: r.id.toString(),
  createdAt: r.createdAt.toISOString(),
  channel: r.channel,
  event: r.event,
  incidentId: r.incidentId,
  summary: (r.payload as unknown as AlertNotification).summary ?? "",
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
});

const channelSelect = { channel: { select: { id: true, name: true, kind: true } } } as const;

export async function listDeliveries(db: Db, f: DeliveryFilter): Promise<{ deliveries: DeliverySummary[]; nextCursor: string | null }> {
  const { items, nextCursor } = await keysetPage(
    f.limit,
    (take) =>
      db.notificationDelivery.findMany({
        where: { status: f.status, channelId: f.channelId, incidentId: f.incidentId, ...beforeId(f.cursor) },
        include: channelSelect,
        orderBy: { id: "desc" },
        take,
      }),
    idCursor,
  );
  return { deliveries: items.map(toSummary), nextCursor };
}

export async function getDelivery(db: Db, id: bigint): Promise<DeliveryDetail> {
  const r = await db.notificationDelivery.findUnique({ where: { id }, include: { ...channelSelect, tries: { orderBy: { attempt: "asc" } } } });
  if (!r) throw ApiError.notFound("notification delivery");
  return {
    ...toSummary(r),
    dedupKey: r.dedupKey,
    notification: r.payload as unknown as AlertNotification,
    attemptLog: r.tries.map((a) => ({
      id: a.id.toString(),
      attempt: a.attempt,
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      target: a.target,
      requestExcerpt: a.requestExcerpt,
      responseStatus: a.responseStatus,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
      trigger: a.trigger,
    })),
  };
}

/** Sends a delivery again now, in the request, whatever its status, so the person sees the new attempt at once. */
export async function replayDelivery(db: Db, id: bigint, actor: Actor, now: () => number = Date.now): Promise<DeliveryResult> {
  const at = new Date(now());
  // Take the lease, so a worker does not send it at the same moment.
  const { count } = await db.notificationDelivery.updateMany({
    where: { id, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: at } }] },
    data: { leaseOwner: "replay", leaseExpiresAt: new Date(at.getTime() + 60_000) },
  });
  if (count === 0) {
    const exists = await db.notificationDelivery.count({ where: { id } });
    if (!exists) throw ApiError.notFound("notification delivery");
    throw ApiError.conflict("A worker is sending this notification right now; try again in a moment");
  }
  const result = (await attemptDelivery(db, id, { now, trigger: "replay" }))!;
  const channel = await db.notificationDelivery.findUnique({ where: { id }, select: { channel: { select: { name: true } } } });
  await audit(db, actorOf(actor), {
    action: "notification.replay",
    summary: `Replayed notification ${id} to ${channel?.channel.name ?? "a channel"}: ${result.status}`,
    targetType: "notification_delivery",
    targetId: id.toString(),
    ip: actor.ip,
  });
  return result;
}
