// When the worker's queues (webhook events, notification and status deliveries) next have something to claim, so
// the queue loop can sleep until then instead of polling every couple of seconds: new rows wake it by NOTIFY
// (prisma/migrations/..._worker_wakeups), and a retry, a backoff or a lease that runs out is a time this reads.
import type { Db } from "../db/client";
import { iso, sqlRows } from "../db/sql";

/** Per queue, its pending statuses: each min() below is one index scan of (status, "nextAttemptAt"). */
const QUEUES = [
  { table: "WebhookEvent", statuses: ["received", "failed"] },
  { table: "NotificationDelivery", statuses: ["queued", "failed"] },
  { table: "StatusSubscriberDelivery", statuses: ["queued", "failed"] },
] as const;

const later = QUEUES.flatMap(({ table, statuses }) =>
  statuses.map((s) => `(SELECT min("nextAttemptAt") FROM "${table}" WHERE status = '${s}' AND "nextAttemptAt" > $1::timestamp)`),
);
// Due already but not claimed: leased (by a worker still at it, or a dead one whose lease runs out), or left for
// want of capacity (then now). Few rows: the ones being worked on.
const leased = QUEUES.map(
  ({ table, statuses }) =>
    `(SELECT min(coalesce("leaseExpiresAt", $1::timestamp)) FROM "${table}" WHERE status IN (${statuses.map((s) => `'${s}'`).join(", ")}) AND "nextAttemptAt" <= $1::timestamp)`,
);
const TEXT = `SELECT least(${[...later, ...leased].join(",\n  ")}) AS next`;

/** The earliest time after `now` at which a queued row may be claimed (`now` itself when one is claimable now), or null. */
export async function nextQueueDue(db: Db, now: Date): Promise<Date | null> {
  const [row] = await sqlRows<{ next: Date | null }>(db, { name: "tether_next_queue_due", text: TEXT, values: [iso(now)] });
  return row?.next ?? null;
}

/**
 * Whether a pass reads when queued work is next due (nextQueueDue). Not while busy (the pass claimed work, or work it
 * claimed earlier is still running): each finished item wakes the loop again, and new rows wake it by NOTIFY, so the
 * read is only for a loop about to sleep with nothing of its own to wake it. The read scans the due rows' leases,
 * which after a burst means index entries of many rows since processed (hundreds of ms at 500 webhooks/s), so it must
 * not run on every notification. Pure.
 */
export function readsNextQueueDue(p: { full: boolean; listening: boolean; busy: boolean }): boolean {
  return p.listening && !p.full && !p.busy;
}

/**
 * How long the queue loop sleeps after a pass: briefly when the pass took all capacity, at the polling pace
 * (`pollMs`) without notifications or while busy (finishing work wakes it sooner), else until the next queued row is
 * due (at least `pollMs` when one is due already but was not claimable: leased, or just taken by another worker),
 * never longer than the safety poll. Pure.
 */
export function queueSleepMs(p: {
  full: boolean;
  listening: boolean;
  busy: boolean;
  next: number | null;
  now: number;
  safetyMs: number;
  pollMs: number;
}): number {
  if (p.full) return p.pollMs / 4;
  if (!p.listening || p.busy) return p.pollMs;
  if (p.next === null) return p.safetyMs;
  return Math.min(p.safetyMs, Math.max(p.pollMs, p.next - p.now));
}
