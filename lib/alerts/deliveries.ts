// Outbound notification deliveries: a PostgreSQL queue like the webhook relay's, claimed by the fleet with
// leases, sent through the channel, every attempt recorded, retried, then dead-lettered. (Stub until channels land.)
import type { Db } from "../db/client";
import type { AlertNotification } from "./notification";

/** Durably queues one delivery per channel; the worker sends them. Call inside the incident's transaction. */
export async function enqueueNotifications(_db: Db, _opts: { channelIds: string[]; notification: AlertNotification; now: Date }): Promise<void> {
  // Filled in by the channels work.
}

export async function claimNotificationDeliveries(_db: Db, _opts: { workerId: string; now: Date; limit: number }): Promise<bigint[]> {
  return [];
}

export async function processNotificationDelivery(_db: Db, _id: bigint, _opts: { workerId: string; now?: () => number }): Promise<void> {
  // Filled in by the channels work.
}
