// The worker's job that keeps ProbeRun's day partitions ahead of time: today and the next PARTITION_DAYS_AHEAD days
// exist before a run needs them, and any run that still landed in the default partition (every worker was down when
// its day began, or a run's clock was off) is moved into its own day's partition. Hourly on each worker, and one
// worker of the fleet at a time (a transaction advisory lock; the others skip their turn).
import type { Db } from "../db/client";
import { createDayPartition, daysInDefault, listDayPartitions, utcDay } from "../db/probe-run-partitions";
import type { Logger } from "../observability/logger";

export const PARTITIONS_EVERY_MS = 60 * 60_000;
export const PARTITION_DAYS_AHEAD = 2;
const PARTITION_LOCK = 7_469_746_802;
const DAY = 86_400_000;

export interface PartitionReport {
  /** Days whose partition this call created (midnight UTC), oldest first. */
  created: number[];
  /** Runs moved out of the default partition. */
  moved: number;
  /** Another worker held the lock: nothing was checked. */
  skipped: boolean;
}

/** Creates the partitions missing from today through `daysAhead` days later, and those of days found in the default partition. */
export async function ensureRunPartitions(db: Db, now: number, daysAhead = PARTITION_DAYS_AHEAD): Promise<PartitionReport> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PARTITION_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return { created: [], moved: 0, skipped: true };
      const existing = new Set(await listDayPartitions(tx));
      const today = utcDay(now);
      const wanted = new Set([...Array.from({ length: daysAhead + 1 }, (_, k) => today + k * DAY), ...(await daysInDefault(tx))]);
      const created: number[] = [];
      let moved = 0;
      for (const day of [...wanted].sort((a, b) => a - b)) {
        if (existing.has(day)) continue;
        moved += await createDayPartition(tx, day);
        created.push(day);
      }
      return { created, moved, skipped: false };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

export class PartitionJob {
  private last = Number.NEGATIVE_INFINITY;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    readonly everyMs = PARTITIONS_EVERY_MS,
  ) {}

  /** Runs when due (at once on a worker's first turn) and not already running; a failure is logged and retried a minute later. */
  async maybeRun(now: number): Promise<PartitionReport | null> {
    if (this.everyMs <= 0 || this.running || now - this.last < this.everyMs) return null;
    this.last = now;
    this.running = true;
    try {
      const report = await ensureRunPartitions(this.db, now);
      if (report.created.length > 0)
        this.log.info("created probe run partitions", { days: report.created.map((d) => new Date(d).toISOString().slice(0, 10)), moved: report.moved });
      return report;
    } catch (err) {
      // Most likely a lock it would not wait for: try again in a minute rather than in an hour.
      this.last = now - this.everyMs + Math.min(this.everyMs, 60_000);
      this.log.warn("probe run partitions failed", { error: err });
      return null;
    } finally {
      this.running = false;
    }
  }
}
