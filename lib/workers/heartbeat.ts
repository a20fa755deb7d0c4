// Worker heartbeats: each worker (lib/scheduler/worker.ts) upserts its row every few seconds with what it is running; the Workers page
// reads them. A worker not seen for STALE_AFTER_MS is shown as lost (its leases expire on their own: liveness of the
// work itself never depends on this row). One prepared statement a beat, no query engine.
import type { Db } from "../db/client";
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
  inFlight: { integrationId: string; since: number }[];
  probesRun: number;
}

const BEAT = `
  INSERT INTO "WorkerHeartbeat" (id, hostname, pid, "startedAt", "lastSeenAt", "inFlight", current, "probesRun", concurrency, "stoppedAt")
  VALUES ($1, $2, $3, $4::timestamp, $5::timestamp, $6, $7::jsonb, $8, $9, NULL)
  ON CONFLICT (id) DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt", "inFlight" = EXCLUDED."inFlight", current = EXCLUDED.current,
    "probesRun" = EXCLUDED."probesRun", concurrency = EXCLUDED.concurrency, "stoppedAt" = NULL`;

export async function beat(db: Db, s: HeartbeatState, now: Date): Promise<void> {
  const current = s.inFlight.map((f) => ({ integrationId: f.integrationId, since: new Date(f.since).toISOString() }));
  await sqlRows(db, {
    name: "tether_heartbeat",
    text: BEAT,
    values: [s.id, s.hostname, s.pid, iso(s.startedAt), iso(now), s.inFlight.length, JSON.stringify(current), s.probesRun, s.concurrency],
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
    inFlight: r.stoppedAt ? 0 : r.inFlight,
    probesRun: r.probesRun,
    current: (r.current as { integrationId: string; since: string }[]).map((c) => ({ ...c, name: names.get(c.integrationId) ?? null })),
  }));
}
