// Keeps storage bounded: raw runs for a retention window (14 days by default), minute rollups for 30 days,
// hour rollups for a year. Deletes go in small batches so no statement holds locks for long, and only one
// worker of the fleet prunes at a time (a session advisory lock).
import type { Db } from "../db/client";
import { deleteRollupsBefore } from "../db/rollups";

export interface RetentionPolicy {
  rawRunDays: number;
  minuteRollupDays: number;
  hourRollupDays: number;
  batchSize: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { rawRunDays: 14, minuteRollupDays: 30, hourRollupDays: 365, batchSize: 5_000 };

const PRUNE_LOCK = 7_469_746_801;
const DAY = 86_400_000;

export interface PruneReport {
  runs: number;
  minuteRollups: number;
  hourRollups: number;
  skipped: boolean;
}

type Table = "runs" | "minute" | "hour";

/** One short transaction per batch; returns null when another worker holds the prune lock right now. */
async function deleteBatch(db: Db, table: Table, cutoff: Date, batchSize: number): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PRUNE_LOCK}::bigint) AS locked`;
    if (!lock?.locked) return null;
    if (table === "runs") {
      return tx.$executeRaw`DELETE FROM "ProbeRun" WHERE id IN (SELECT id FROM "ProbeRun" WHERE "startedAt" < ${cutoff}::timestamp LIMIT ${batchSize})`;
    }
    return deleteRollupsBefore(tx, table, cutoff, batchSize);
  });
}

async function deleteOlderThan(db: Db, table: Table, cutoff: Date, batchSize: number): Promise<number | null> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(db, table, cutoff, batchSize);
    if (deleted === null) return total > 0 ? total : null;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

export async function pruneOnce(db: Db, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<PruneReport> {
  const runs = await deleteOlderThan(db, "runs", new Date(now - policy.rawRunDays * DAY), policy.batchSize);
  if (runs === null) return { runs: 0, minuteRollups: 0, hourRollups: 0, skipped: true };
  return {
    runs,
    minuteRollups: (await deleteOlderThan(db, "minute", new Date(now - policy.minuteRollupDays * DAY), policy.batchSize)) ?? 0,
    hourRollups: (await deleteOlderThan(db, "hour", new Date(now - policy.hourRollupDays * DAY), policy.batchSize)) ?? 0,
    skipped: false,
  };
}
