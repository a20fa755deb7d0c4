// Outbound notification deliveries: a PostgreSQL queue like the webhook relay's. The alert engine enqueues one
// row per enabled channel inside the transaction that changes the incident, so a notification is never lost or
// sent for a change that rolled back; workers claim rows with leases (FOR UPDATE SKIP LOCKED), send through the
// channel, record every attempt, and retry on the relay's schedule (never sooner than Retry-After) before
// dead-lettering. A failure the channel marks permanent is dead-lettered at once.
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { nextAttemptAt } from "../../webhooks/retry-schedule";
import { channelConfig } from "../channel-config";
import { channels } from "../channels/registry";
import { scrubOutcome } from "../channels/shared/http-send";
import { refused, type AlertNotification, type ChannelImpl, type SendOutcome } from "../notification";
import { claimOutbox } from "../../db/outbox";

/** Longest a send may take (an SMTP connect, greeting and data can each take the channel's timeout). */
const SEND_DEADLINE_MS = 45_000;
const LEASE_MS = SEND_DEADLINE_MS + 15_000;

/** The client or a transaction's client: enqueueing only needs these two tables. */
export type DeliveryWriter = Pick<Db, "notificationChannel" | "notificationDelivery">;

export type AttemptTrigger = "retry" | "replay" | "test";

/** Durably queues one delivery per enabled channel; the worker sends them. Call inside the incident's transaction. */
export async function enqueueNotifications(db: DeliveryWriter, opts: { channelIds: string[]; notification: AlertNotification; now: Date }): Promise<number> {
  if (opts.channelIds.length === 0) return 0;
  const enabled = await db.notificationChannel.findMany({ where: { id: { in: opts.channelIds }, enabled: true }, select: { id: true } });
  if (enabled.length === 0) return 0;
  const n = opts.notification;
  const { count } = await db.notificationDelivery.createMany({
    data: enabled.map((c) => ({
      channelId: c.id,
      incidentId: n.incidentId,
      event: n.event,
      dedupKey: n.dedupKey,
      payload: n as unknown as Prisma.InputJsonValue,
      status: "queued" as const,
      nextAttemptAt: opts.now,
    })),
  });
  return count;
}

export function claimNotificationDeliveries(db: Db, opts: { workerId: string; now: Date; limit: number }): Promise<bigint[]> {
  return claimOutbox(db, "NotificationDelivery", { ...opts, leaseMs: LEASE_MS });
}

export interface DeliveryResult {
  deliveryId: string;
  status: "delivered" | "failed" | "dead_lettered";
  attempt: number;
  nextAttemptAt: string | null;
  outcome: SendOutcome;
}

/** Sends one claimed delivery (the worker's path), records the attempt and settles its status. */
export async function processNotificationDelivery(db: Db, id: bigint, opts: { workerId: string; now?: () => number }): Promise<DeliveryResult | null> {
  return attemptDelivery(db, id, { now: opts.now, trigger: "retry" });
}

type Loaded = Prisma.NotificationDeliveryGetPayload<{ include: { channel: true } }>;

/** Sends a delivery through its channel; whatever happens comes back as an outcome with the secrets scrubbed. */
async function sendOnce(delivery: Loaded, now: () => number, trigger: AttemptTrigger): Promise<SendOutcome> {
  const { channel } = delivery;
  if (!channel.enabled && trigger === "retry") return refused(channel.name, "The channel was disabled before this was sent");
  let loaded: ReturnType<typeof channelConfig>;
  try {
    loaded = channelConfig(channel);
  } catch (err) {
    return refused(channel.name, `The channel's settings cannot be used: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
  }
  const impl = channels[loaded.kind] as ChannelImpl<unknown>;
  try {
    const sent = await impl.send(loaded.config, delivery.payload as unknown as AlertNotification, {
      now,
      signal: AbortSignal.timeout(SEND_DEADLINE_MS),
      messageId: `msg_${delivery.id}`,
    });
    return scrubOutcome(sent, loaded.secrets);
  } catch (err) {
    // Channels return failures as outcomes; a throw is a bug, recorded and retried like any failure.
    const message = err instanceof Error ? err.message : String(err);
    return scrubOutcome({ ...refused(impl.target(loaded.config), `Unexpected error: ${message}`), permanent: false }, loaded.secrets);
  }
}

/**
 * One attempt at a delivery, whoever asked for it: the queue (`retry`), a person (`replay`), or "send test"
 * (`test`, never retried: the person sees the outcome and fixes the channel). The caller holds its lease.
 */
export async function attemptDelivery(db: Db, id: bigint, opts: { now?: () => number; trigger: AttemptTrigger }): Promise<DeliveryResult | null> {
  const now = opts.now ?? Date.now;
  const delivery = await db.notificationDelivery.findUnique({ where: { id }, include: { channel: true } });
  if (!delivery) return null;
  const started = now();
  const outcome = await sendOnce(delivery, now, opts.trigger);
  const finished = now();
  const attempt = delivery.attempts + 1;
  const next = outcome.ok || outcome.permanent || opts.trigger === "test" ? null : nextAttemptAt(attempt, finished, outcome.retryAfterMs);
  const status = outcome.ok ? "delivered" : next !== null ? "failed" : opts.trigger === "test" ? "failed" : "dead_lettered";
  await db.$transaction([
    db.notificationAttempt.create({
      data: {
        deliveryId: id,
        attempt,
        startedAt: new Date(started),
        durationMs: Math.round(finished - started),
        target: outcome.target,
        requestExcerpt: outcome.requestExcerpt.slice(0, 4_000),
        responseStatus: outcome.responseStatus,
        responseExcerpt: outcome.responseExcerpt?.slice(0, 1_000) ?? null,
        error: outcome.error,
        trigger: opts.trigger,
      },
    }),
    db.notificationDelivery.update({
      where: { id },
      data: {
        attempts: attempt,
        status,
        lastError: outcome.error,
        nextAttemptAt: next === null ? null : new Date(next),
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    }),
  ]);
  return { deliveryId: id.toString(), status, attempt, nextAttemptAt: next === null ? null : new Date(next).toISOString(), outcome };
}
