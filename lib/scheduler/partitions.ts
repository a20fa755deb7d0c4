// The worker's job that keeps ProbeRun's day partitions ahead of time: today and the next PARTITION_DAYS_AHEAD days
// exist before a run needs them (a run whose day has no partition anyway, every worker having been down when its day
// began or its clock off, creates it when recorded: lib/db/probe-runs.ts). Hourly on each worker, and one worker of
// the fleet at a time (a transaction advisory lock; the others skip their turn).
import type { Db } from "../db/client";
import { ensureDayPartitions, utcDay } from "../db/probe-run-partitions";
import type { Logger } from "../observability/logger";

export const PARTITIONS_EVERY_MS = 60 * 60_000;
export const PARTITION_DAYS_AHEAD = 2;
const DAY = 86_400_000;

export interface PartitionReport {
  /** Days whose partition this call created (midnight UTC), oldest first. */
  created: number[];
  /** Another worker held the lock: nothing was checked. */
  skipped: boolean;
}

/** Creates the partitions missing from today through `daysAhead` days later. */
export async function ensureRunPartitions(db: Db, now: number, daysAhead = PARTITION_DAYS_AHEAD): Promise<PartitionReport> {
  const today = utcDay(now);
  const created = await ensureDayPartitions(
    db,
    Array.from({ length: daysAhead + 1 }, (_, k) => today + k * DAY),
    { wait: false },
  );
  return created === null ? { created: [], skipped: true } : { created, skipped: false };
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
      if (report.created.length > 0) this.log.info("created probe run partitions", { days: report.created.map((d) => new Date(d).toISOString().slice(0, 10)) });
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
