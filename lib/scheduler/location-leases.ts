// Row leases on IntegrationLocation: the slots of integrations that list locations, one row per location. A worker
// started with TETHER_LOCATION claims its own location's due rows exactly as claimDue claims Integration rows
// (FOR UPDATE SKIP LOCKED, lease = every attempt's timeout plus a margin), so each location runs every slot once.
import type { Db } from "../db/client";
import { iso, sqlRows } from "../db/sql";
import { nextSlotAfter } from "../domain/schedule";
import { locationCircuitsSql } from "../db/location-circuits";
import { claimsOf, DEFAULT_LEASE_MARGIN_MS, type Claim, type ClaimRow } from "./leases";

// $1 location, $2 horizon, $3 now, $4 limit, $5 worker, $6 lease margin (ms). As claimDue's statement (leases.ts), on
// the location's rows; with every location's circuit, which the run is admitted by (its own) and planned from (all).
const CLAIM_AT_SQL = `
  WITH due AS (
    SELECT l."integrationId", l.location FROM "IntegrationLocation" l JOIN "Integration" g ON g.id = l."integrationId"
    WHERE l.location = $1::text AND g.enabled AND l."nextRunAt" <= $2::timestamp
      AND (l."leaseExpiresAt" IS NULL OR l."leaseExpiresAt" < $3::timestamp)
    ORDER BY l."nextRunAt"
    LIMIT $4
    FOR UPDATE OF l SKIP LOCKED
  )
  UPDATE "IntegrationLocation" l
  SET "leaseOwner" = $5,
      "leaseExpiresAt" = greatest(l."nextRunAt", $3::timestamp)
        + make_interval(secs => (i."timeoutMs" * (i."retryAttempts" + 1) + $6::int) / 1000.0)
  FROM due JOIN "Integration" i ON i.id = due."integrationId" LEFT JOIN "CircuitState" c ON c."integrationId" = due."integrationId"
  WHERE l."integrationId" = due."integrationId" AND l.location = due.location
  RETURNING i.id::text, l."nextRunAt" AS slot, i.name, i.kind, i.config::text AS config, i."intervalSeconds", i."timeoutMs", i."retryAttempts",
    i."backoffInitialMs", i."backoffMaxMs", i."breakerThreshold", i."breakerCooldownSeconds", c.state, c."consecutiveFailures", c."openedAt", c.version,
    c."lastDetails"::text AS "lastDetails", i.locations, i.quorum, ${locationCircuitsSql("i")}`;

/** Claims `location`'s slots due by `now + lookaheadMs`; each claim carries its location. */
export async function claimDueAt(
  db: Db,
  opts: { workerId: string; location: string; now: Date; limit: number; leaseMarginMs?: number; lookaheadMs?: number },
): Promise<Claim[]> {
  if (opts.limit <= 0) return [];
  const horizon = opts.now.getTime() + (opts.lookaheadMs ?? 0);
  const rows = await sqlRows<ClaimRow>(db, {
    name: "tether_claim_due_at",
    text: CLAIM_AT_SQL,
    values: [opts.location, iso(horizon), iso(opts.now), opts.limit, opts.workerId, opts.leaseMarginMs ?? DEFAULT_LEASE_MARGIN_MS],
  });
  return claimsOf(rows, opts.location);
}

/** Moves one location's slot on and drops its lease, if this worker still holds it (the duplicate-slot path). */
export async function completeLocationClaim(db: Db, claim: Claim, opts: { workerId: string; now: Date }): Promise<boolean> {
  const integration = await db.integration.findUnique({ where: { id: claim.integrationId }, select: { intervalSeconds: true } });
  if (!integration || claim.location === undefined) return false;
  const next = nextSlotAfter(claim.slot.getTime(), integration.intervalSeconds * 1000, opts.now.getTime());
  const { count } = await db.integrationLocation.updateMany({
    where: { integrationId: claim.integrationId, location: claim.location, leaseOwner: opts.workerId, nextRunAt: claim.slot },
    data: { nextRunAt: new Date(next), leaseOwner: null, leaseExpiresAt: null },
  });
  return count === 1;
}

/**
 * Keeps an integration's location rows in step with its `locations`: new locations are due at `now`, dropped
 * ones are deleted, kept ones keep their slot unless `resetSlots` (an edit makes every slot due at once).
 */
export async function syncLocationSlots(
  db: Pick<Db, "integrationLocation">,
  integrationId: string,
  locations: string[],
  now: Date,
  resetSlots = false,
): Promise<void> {
  await db.integrationLocation.deleteMany({ where: { integrationId, location: { notIn: locations } } });
  if (locations.length === 0) return;
  if (resetSlots) await db.integrationLocation.updateMany({ where: { integrationId }, data: { nextRunAt: now, leaseOwner: null, leaseExpiresAt: null } });
  await db.integrationLocation.createMany({ data: locations.map((location) => ({ integrationId, location, nextRunAt: now })), skipDuplicates: true });
}
