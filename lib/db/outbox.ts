// The lease claim of the worker's outbox tables (notification deliveries, status-subscriber deliveries): due rows
// (queued, or failed and due again) whose lease is free or ran out, oldest first, taken with FOR UPDATE SKIP LOCKED
// so concurrent workers never take the same row; each gets this worker's lease for `leaseMs`.
import type { Db } from "./client";
import { Prisma } from "./generated/client";

export type OutboxTable = "NotificationDelivery" | "StatusSubscriberDelivery";

export async function claimOutbox(
  db: Pick<Db, "$queryRaw">,
  table: OutboxTable,
  opts: { workerId: string; now: Date; limit: number; leaseMs: number },
): Promise<bigint[]> {
  if (opts.limit <= 0) return [];
  // The table name is one of two constants, never input.
  const t = Prisma.raw(`"${table}"`);
  const rows = await db.$queryRaw<{ id: bigint }[]>(Prisma.sql`
    WITH due AS (
      SELECT id FROM ${t}
      WHERE status IN ('queued', 'failed') AND "nextAttemptAt" <= ${opts.now}::timestamp
        AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${opts.now}::timestamp)
      ORDER BY "nextAttemptAt" LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${t} d SET "leaseOwner" = ${opts.workerId}, "leaseExpiresAt" = ${new Date(opts.now.getTime() + opts.leaseMs)}::timestamp
    FROM due WHERE d.id = due.id RETURNING d.id`);
  return rows.map((r) => r.id);
}
