// Worker heartbeats: each worker (lib/scheduler/worker.ts) upserts its row every few seconds with what it is running; the Workers page
// reads them. A worker not seen for STALE_AFTER_MS is shown as lost (its leases expire on their own: liveness of the
// work itself never depends on this row). One prepared statement a beat, no query engine.
import type { Db } from "../db/client";
import { locationCoverage, type LocationSighting } from "../domain/location-coverage";
import { iso, sqlRows } from "../db/sql";

export const HEARTBEAT_EVERY_MS = 10_000;
/** Three missed beats: a worker busy for a few seconds (a long render, a GC pause on a loaded machine) is not lost. */
export const STALE_AFTER_MS = 30_000;

export interface HeartbeatState {
  id: string;
  hostname: string;
  pid: number;
  startedAt: Date;
  concurrency: number;
  /** TETHER_LOCATION, or null. */
  location: string | null;
  inFlight: { integrationId: string; since: number }[];
  probesRun: number;
}

const BEAT = `
  INSERT INTO "WorkerHeartbeat" (id, hostname, pid, "startedAt", "lastSeenAt", "inFlight", current, "probesRun", concurrency, location, "stoppedAt")
  VALUES ($1, $2, $3, $4::timestamp, $5::timestamp, $6, $7::jsonb, $8, $9, $10, NULL)
  ON CONFLICT (id) DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt", "inFlight" = EXCLUDED."inFlight", current = EXCLUDED.current,
    "probesRun" = EXCLUDED."probesRun", concurrency = EXCLUDED.concurrency,
    location = EXCLUDED.location, "stoppedAt" = NULL`;

export async function beat(db: Db, s: HeartbeatState, now: Date): Promise<void> {
  const current = s.inFlight.map((f) => ({ integrationId: f.integrationId, since: new Date(f.since).toISOString() }));
  await sqlRows(db, {
    name: "tether_heartbeat",
    text: BEAT,
    values: [s.id, s.hostname, s.pid, iso(s.startedAt), iso(now), s.inFlight.length, JSON.stringify(current), s.probesRun, s.concurrency, s.location],
  });
}

export async function markStopped(db: Db, id: string, now: Date): Promise<void> {
  await db.workerHeartbeat.updateMany({ where: { id }, data: { stoppedAt: now, inFlight: 0, current: [], lastSeenAt: now } });
}

export type WorkerStatus = "alive" | "lost" | "stopped";

export interface WorkerView {
  id: string;
  hostname: string;
  pid: number;
  status: WorkerStatus;
  startedAt: string;
  lastSeenAt: string;
  concurrency: number;
  /** Its TETHER_LOCATION; null: it runs only integrations that list no locations. */
  location: string | null;
  inFlight: number;
  probesRun: number;
  current: { integrationId: string; name: string | null; since: string }[];
}

/** Workers seen in the last day, newest first, with the names of what they are probing. */
export async function listWorkers(db: Db, now = Date.now()): Promise<WorkerView[]> {
  const rows = await db.workerHeartbeat.findMany({
    where: { lastSeenAt: { gte: new Date(now - 86_400_000) } },
    orderBy: [{ stoppedAt: { sort: "asc", nulls: "first" } }, { startedAt: "desc" }],
  });
  const ids = [...new Set(rows.flatMap((r) => (r.current as { integrationId: string }[]).map((c) => c.integrationId)))];
  const names = new Map((await db.integration.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((i) => [i.id, i.name]));
  return rows.map((r) => ({
    id: r.id,
    hostname: r.hostname,
    pid: r.pid,
    status: r.stoppedAt ? "stopped" : now - r.lastSeenAt.getTime() > STALE_AFTER_MS ? "lost" : "alive",
    startedAt: r.startedAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    concurrency: r.concurrency,
    location: r.location,
    inFlight: r.stoppedAt ? 0 : r.inFlight,
    probesRun: r.probesRun,
    current: (r.current as { integrationId: string; since: string }[]).map((c) => ({ ...c, name: names.get(c.integrationId) ?? null })),
  }));
}

/** The latest heartbeat of each of `locations` that any worker started with it has sent (none: not in the list). */
export async function locationSightings(db: Db, locations: readonly string[]): Promise<LocationSighting[]> {
  if (locations.length === 0) return [];
  const rows = await db.workerHeartbeat.groupBy({ by: ["location"], where: { location: { in: [...locations] } }, _max: { lastSeenAt: true } });
  return rows.flatMap((r) => (r.location && r._max.lastSeenAt ? [{ location: r.location, lastSeenAt: r._max.lastSeenAt.getTime() }] : []));
}

export interface LocationView {
  location: string;
  /** Enabled integrations that list it. */
  integrations: number;
  /** Workers of this location alive now (heartbeat within STALE_AFTER_MS, not stopped). */
  aliveWorkers: number;
  /** The latest heartbeat of a worker in it; null when none has reported in the last day. */
  workerLastSeenAt: string | null;
  /** A worker of it was seen within LOCATION_SEEN_WITHIN_MS (lib/domain/location-coverage.ts). */
  served: boolean;
}

/**
 * Every location that a worker of the last day reported or an enabled integration lists, by name: the form offers
 * them, and the Workers page warns about the listed ones no worker serves.
 */
export async function listLocations(db: Db, now = Date.now()): Promise<LocationView[]> {
  const rows = await db.$queryRaw<{ location: string; integrations: number; aliveWorkers: number; lastSeenAt: Date | null }[]>`
    WITH listed AS (
      SELECT l AS location, count(*)::int AS integrations FROM "Integration" i CROSS JOIN LATERAL unnest(i.locations) AS l
      WHERE i.enabled AND cardinality(i.locations) > 0 GROUP BY l
    ), seen AS (
      SELECT location, max("lastSeenAt") AS "lastSeenAt",
             count(*) FILTER (WHERE "stoppedAt" IS NULL AND "lastSeenAt" >= ${new Date(now - STALE_AFTER_MS)}::timestamp)::int AS "aliveWorkers"
      FROM "WorkerHeartbeat" WHERE location IS NOT NULL AND "lastSeenAt" >= ${new Date(now - 86_400_000)}::timestamp GROUP BY location
    )
    SELECT location, coalesce(listed.integrations, 0) AS integrations, coalesce(seen."aliveWorkers", 0) AS "aliveWorkers", seen."lastSeenAt"
    FROM listed FULL JOIN seen USING (location) ORDER BY location`;
  const coverage = locationCoverage(
    rows.map((r) => r.location),
    rows.flatMap((r) => (r.lastSeenAt ? [{ location: r.location, lastSeenAt: r.lastSeenAt.getTime() }] : [])),
    now,
  );
  return rows.map((r, n) => ({
    location: r.location,
    integrations: r.integrations,
    aliveWorkers: r.aliveWorkers,
    workerLastSeenAt: r.lastSeenAt?.toISOString() ?? null,
    served: coverage[n]!.served,
  }));
}
