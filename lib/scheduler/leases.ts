// Row leases on Integration: a worker claims due slots with FOR UPDATE SKIP LOCKED, so concurrent workers
// never take the same row, and a lease that expires (its worker died) makes the slot claimable again.
// A claim carries everything needed to run the probe (settings and circuit), so running it reads nothing more.
import type { Db } from "../db/client";
import type { CircuitStateKind } from "../db/generated/client";
import { storedCircuit, withLocated, type LocatedRow } from "../db/probe-runs";
import { iso, sqlRows } from "../db/sql";
import { nextSlotAfter } from "../domain/schedule";
import type { ProbeTarget } from "./execute-probe";

export interface Claim {
  integrationId: string;
  slot: Date;
  /** Set for a slot of one location of an integration that lists locations (lib/scheduler/location-leases.ts). */
  location?: string;
  /** The integration as claimed; absent only for claims made before this field existed (tests build their own). */
  target?: ProbeTarget;
}

/** Lease length: every attempt's timeout, plus this margin for backoff and bookkeeping. */
export const DEFAULT_LEASE_MARGIN_MS = 15_000;

export type ClaimRow = Omit<ProbeTarget, "circuit" | "config" | "lastDetails"> &
  Partial<LocatedRow> & {
    id: string;
    slot: Date;
    state: CircuitStateKind | null;
    consecutiveFailures: number | null;
    openedAt: Date | null;
    version: number | null;
    /** Both as JSON text: parsed only when they changed since this worker last claimed the integration. */
    config: string;
    lastDetails: string | null;
  };

/** How many integrations' last-read JSON a worker keeps; past it, the cache starts over. */
const MAX_REMEMBERED = 50_000;

/** Freezes a parsed JSON value and everything in it, so an in-place edit throws (in strict mode) instead of leaking. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * JSON read with each claim, parsed once per distinct text: while an integration's stored text is unchanged the
 * claim hands back the very same object, so the work keyed on it (validating a config, execute-probe.ts) is done
 * once, not per run. The objects are shared by the runs: read-only. Outside production they are frozen, so a run
 * that edited one in place (and so every later run of that integration) fails in the tests instead of leaking.
 */
export class JsonByText {
  private readonly last = new Map<string, { text: string; value: unknown }>();
  constructor(
    private readonly max = MAX_REMEMBERED,
    private readonly freeze = process.env.NODE_ENV !== "production",
  ) {}

  of(id: string, text: string): unknown {
    const known = this.last.get(id);
    if (known && known.text === text) return known.value;
    if (!known && this.last.size >= this.max) this.last.clear();
    const parsed: unknown = JSON.parse(text);
    const value = this.freeze ? deepFreeze(parsed) : parsed;
    this.last.set(id, { text, value });
    return value;
  }
}

const configs = new JsonByText();
const lastDetails = new JsonByText();

// $1 horizon, $2 now, $3 limit, $4 worker, $5 lease margin (ms).
const CLAIM_SQL = `
  WITH due AS (
    SELECT id FROM "Integration"
    WHERE enabled AND "nextRunAt" <= $1::timestamp
      -- An integration that lists locations is run per location, from IntegrationLocation (location-leases.ts).
      AND cardinality(locations) = 0
      AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $2::timestamp)
    ORDER BY "nextRunAt"
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  )
  UPDATE "Integration" i
  SET "leaseOwner" = $4,
      "leaseExpiresAt" = greatest(i."nextRunAt", $2::timestamp)
        + make_interval(secs => (i."timeoutMs" * (i."retryAttempts" + 1) + $5::int) / 1000.0)
  FROM due LEFT JOIN "CircuitState" c ON c."integrationId" = due.id
  WHERE i.id = due.id
  RETURNING i.id::text, i."nextRunAt" AS slot, i.name, i.kind, i.config::text AS config, i."intervalSeconds", i."timeoutMs", i."retryAttempts",
    i."backoffInitialMs", i."backoffMaxMs", i."breakerThreshold", i."breakerCooldownSeconds", c.state, c."consecutiveFailures", c."openedAt", c.version,
    c."lastDetails"::text AS "lastDetails"`;

/**
 * Claims slots due by `now + lookaheadMs` (a worker starts each at its due time). The lease runs from the later
 * of the slot and now, so a slot claimed ahead of time is covered as long as one that is already due.
 */
export async function claimDue(db: Db, opts: { workerId: string; now: Date; limit: number; leaseMarginMs?: number; lookaheadMs?: number }): Promise<Claim[]> {
  if (opts.limit <= 0) return [];
  const horizon = opts.now.getTime() + (opts.lookaheadMs ?? 0);
  const rows = await sqlRows<ClaimRow>(db, {
    name: "tether_claim_due",
    text: CLAIM_SQL,
    values: [iso(horizon), iso(opts.now), opts.limit, opts.workerId, opts.leaseMarginMs ?? DEFAULT_LEASE_MARGIN_MS],
  });
  return claimsOf(rows);
}

/**
 * Claims as the claim statements return them (this one's, location-leases.ts'), oldest slot first. The JSON is
 * parsed once per distinct text per integration (JsonByText), whichever statement read it.
 */
export function claimsOf(rows: ClaimRow[], location?: string): Claim[] {
  return rows
    .map(({ id, slot, state, consecutiveFailures, openedAt, version, config, lastDetails: details, locations, quorum, locationCircuits, ...settings }) => ({
      integrationId: id,
      slot,
      ...(location === undefined ? {} : { location }),
      target: {
        ...settings,
        config: configs.of(id, config),
        lastDetails: details === null ? null : (lastDetails.of(id, details) as Record<string, unknown> | null),
        circuit:
          locations === undefined
            ? storedCircuit({ state, consecutiveFailures, openedAt, version })
            : withLocated(storedCircuit({ state, consecutiveFailures, openedAt, version }), {
                locations,
                quorum: quorum ?? null,
                locationCircuits: locationCircuits ?? null,
              }),
      },
    }))
    .sort((a, b) => a.slot.getTime() - b.slot.getTime());
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

/**
 * Gives back the leases of runs this worker could not record (the database failed under them), so their slots are
 * claimable again at once instead of when the lease runs out (up to the probe's timeouts plus the 15 s margin after
 * the claim): after a database restart, probes resume within seconds. Only where this worker still holds the lease
 * on that very slot: a statement that did commit before its connection broke moved the slot on, and is left alone.
 * Returns how many were given back.
 */
export async function releaseUnrecorded(db: Db, workerId: string, claims: readonly Claim[]): Promise<number> {
  // One statement per table for the whole list: after an outage it can hold every slot the worker had in hand.
  const unlocated = claims.filter((c) => c.location === undefined);
  const located = claims.filter((c) => c.location !== undefined);
  let released = 0;
  if (unlocated.length > 0) {
    const [row] = await sqlRows<{ n: number }>(db, {
      text: `WITH given AS (
          UPDATE "Integration" i SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL
          FROM unnest($2::uuid[], $3::timestamp[]) AS f(id, slot)
          WHERE i.id = f.id AND i."leaseOwner" = $1 AND i."nextRunAt" = f.slot
          RETURNING 1)
        SELECT count(*)::int AS n FROM given`,
      values: [workerId, unlocated.map((c) => c.integrationId), unlocated.map((c) => iso(c.slot))],
    });
    released += row?.n ?? 0;
  }
  if (located.length > 0) {
    const [row] = await sqlRows<{ n: number }>(db, {
      text: `WITH given AS (
          UPDATE "IntegrationLocation" l SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL
          FROM unnest($2::uuid[], $3::text[], $4::timestamp[]) AS f(id, location, slot)
          WHERE l."integrationId" = f.id AND l.location = f.location AND l."leaseOwner" = $1 AND l."nextRunAt" = f.slot
          RETURNING 1)
        SELECT count(*)::int AS n FROM given`,
      values: [workerId, located.map((c) => c.integrationId), located.map((c) => c.location!), located.map((c) => iso(c.slot))],
    });
    released += row?.n ?? 0;
  }
  return released;
}

/** Gives back every lease a stopping worker still holds, so its slots run at once elsewhere. */
export async function releaseLeases(db: Db, workerId: string): Promise<number> {
  const { count } = await db.integration.updateMany({ where: { leaseOwner: workerId }, data: { leaseOwner: null, leaseExpiresAt: null } });
  const located = await db.integrationLocation.updateMany({ where: { leaseOwner: workerId }, data: { leaseOwner: null, leaseExpiresAt: null } });
  return count + located.count;
}

/**
 * When the worker should next claim: the earliest slot due after `after` (the end of its lookahead), or, if sooner,
 * the moment a lease on a slot due by then runs out (its worker died: the slot is claimable again; a live worker
 * records it sooner). The worker sleeps until shortly before it. Only leases running out after `now` count: one
 * that ran out already was claimable by the claim just before this read.
 */
export async function nextDueAfter(db: Db, after: Date, location: string | null = null, now: Date = after): Promise<Date | null> {
  // Unlocated integrations, and (for a worker with a location) that location's slots; least() skips a null.
  const [row] = await sqlRows<{ at: Date | null }>(db, {
    name: "tether_next_due",
    text: `SELECT least(
        (SELECT min("nextRunAt") FROM "Integration" WHERE enabled AND cardinality(locations) = 0 AND "nextRunAt" > $1::timestamp),
        (SELECT min("leaseExpiresAt") FROM "Integration"
          WHERE enabled AND cardinality(locations) = 0 AND "nextRunAt" <= $1::timestamp AND "leaseExpiresAt" > $3::timestamp),
        (SELECT min(l."nextRunAt") FROM "IntegrationLocation" l JOIN "Integration" i ON i.id = l."integrationId"
          WHERE i.enabled AND l.location = $2::text AND l."nextRunAt" > $1::timestamp),
        (SELECT min(l."leaseExpiresAt") FROM "IntegrationLocation" l JOIN "Integration" i ON i.id = l."integrationId"
          WHERE i.enabled AND l.location = $2::text AND l."nextRunAt" <= $1::timestamp AND l."leaseExpiresAt" > $3::timestamp)
      ) AS at`,
    values: [iso(after), location, iso(now)],
  });
  return row?.at ?? null;
}
