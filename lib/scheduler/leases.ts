// Row leases on Integration: a worker claims due slots with FOR UPDATE SKIP LOCKED, so concurrent workers
// never take the same row, and a lease that expires (its worker died) makes the slot claimable again.
import type { Db } from "../db/client";
import { nextSlotAfter } from "../domain/schedule";

export interface Claim {
  integrationId: string;
  slot: Date;
}

/** Lease length: every attempt's timeout, plus this margin for backoff and bookkeeping. */
export const DEFAULT_LEASE_MARGIN_MS = 15_000;

export async function claimDue(db: Db, opts: { workerId: string; now: Date; limit: number; leaseMarginMs?: number }): Promise<Claim[]> {
  if (opts.limit <= 0) return [];
  const rows = await db.$queryRaw<{ id: string; slot: Date }[]>`
    WITH due AS (
      SELECT id FROM "Integration"
      WHERE enabled AND "nextRunAt" <= ${opts.now}::timestamp
        AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${opts.now}::timestamp)
      ORDER BY "nextRunAt"
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Integration" i
    SET "leaseOwner" = ${opts.workerId},
        "leaseExpiresAt" = ${opts.now}::timestamp + make_interval(secs => (i."timeoutMs" * (i."retryAttempts" + 1) + ${opts.leaseMarginMs ?? DEFAULT_LEASE_MARGIN_MS}) / 1000.0)
    FROM due WHERE i.id = due.id
    RETURNING i.id, i."nextRunAt" AS slot`;
  return rows.map((r) => ({ integrationId: r.id, slot: r.slot }));
}

/** Moves the integration to its next slot and drops the lease, if this worker still holds it. */
export async function completeClaim(db: Db, claim: Claim, opts: { workerId: string; now: Date }): Promise<boolean> {
  const integration = await db.integration.findUnique({ where: { id: claim.integrationId }, select: { intervalSeconds: true } });
  if (!integration) return false;
  const next = nextSlotAfter(claim.slot.getTime(), integration.intervalSeconds * 1000, opts.now.getTime());
  const { count } = await db.integration.updateMany({
    where: { id: claim.integrationId, leaseOwner: opts.workerId, nextRunAt: claim.slot },
    data: { nextRunAt: new Date(next), leaseOwner: null, leaseExpiresAt: null },
  });
  return count === 1;
}

/** Gives back every lease a stopping worker still holds, so its slots run at once elsewhere. */
export async function releaseLeases(db: Db, workerId: string): Promise<number> {
  const { count } = await db.integration.updateMany({ where: { leaseOwner: workerId }, data: { leaseOwner: null, leaseExpiresAt: null } });
  return count;
}
