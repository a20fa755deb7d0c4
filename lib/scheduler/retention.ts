// Keeps storage bounded: raw runs for a retention window (14 days by default), minute rollups for 30 days,
// hour rollups for a year. Raw runs go a whole day at a time: ProbeRun is partitioned by day, and a day's partition
// is dropped once all of it is older than the window (so a run is kept for the window and at most a day more).
// Rollup deletes go in small batches so no statement
// holds locks for long, and only one worker of the fleet prunes at a time (a transaction advisory lock per batch).
import type { Db } from "../db/client";
import { dropDayPartitionsBefore } from "../db/probe-run-partitions";
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
  /** Day partitions of runs dropped whole. */
  runPartitions: number;
  minuteRollups: number;
  hourRollups: number;
  skipped: boolean;
}

type Table = "minute" | "hour";

/** Runs `fn` in a short transaction holding the prune lock; null when another worker holds it right now. */
async function locked<T>(db: Db, fn: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<T>): Promise<T | null> {
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PRUNE_LOCK}::bigint) AS locked`;
    if (!lock?.locked) return null;
    return fn(tx);
  });
}

/** One short transaction per batch; returns null when another worker holds the prune lock right now. */
async function deleteBatch(db: Db, table: Table, cutoff: Date, batchSize: number): Promise<number | null> {
  return locked(db, (tx) => deleteRollupsBefore(tx, table, cutoff, batchSize));
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
  const runCutoff = new Date(now - policy.rawRunDays * DAY);
  const dropped = await locked(db, (tx) => dropDayPartitionsBefore(tx, runCutoff));
  if (dropped === null) return { runPartitions: 0, minuteRollups: 0, hourRollups: 0, skipped: true };
  return {
    runPartitions: dropped.length,
    minuteRollups: (await deleteOlderThan(db, "minute", new Date(now - policy.minuteRollupDays * DAY), policy.batchSize)) ?? 0,
    hourRollups: (await deleteOlderThan(db, "hour", new Date(now - policy.hourRollupDays * DAY), policy.batchSize)) ?? 0,
    skipped: false,
  };
}
