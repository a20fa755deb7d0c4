// The worker's loop for the overview's 24-hour summaries: every half minute it brings stale summaries up to date
// (lib/db/rollups.ts buildDaySummaries), so no request ever writes them, then sweeps the stored statuses
// (lib/db/integration-status.ts): the 24-hour window moves them, and it mends any that a missed write left behind. One build at a time per worker; a failure is
// logged and retried on the next turn. A worker's first turn sweeps the statuses before the build too: after an upgrade
// (or a restore, or a seed) every stored status may still read the column's default, `pending`, and the build can take
// seconds on a large database; the sweep decides them at once, from the hour rollups until the summaries exist.
import type { Db } from "../db/client";
import { refreshStatuses } from "../db/integration-status";
import { buildDaySummaries } from "../db/rollups";
import type { Logger } from "../observability/logger";

export const DAY_SUMMARIES_EVERY_MS = 30_000;

export class DaySummaryJob {
  private last = Number.NEGATIVE_INFINITY;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    readonly everyMs = DAY_SUMMARIES_EVERY_MS,
  ) {}

  /** Builds when due and not already building; resolves with how many summaries it wrote (0 when it did not run). */
  async maybeRun(now: number): Promise<number> {
    if (this.everyMs <= 0 || this.running || now - this.last < this.everyMs) return 0;
    const first = this.last === Number.NEGATIVE_INFINITY;
    this.last = now;
    this.running = true;
    const started = Date.now();
    try {
      if (first) {
        const changed = await refreshStatuses(this.db, null, now);
        if (changed > 0) this.log.info("decided stored statuses before the first summary build", { changed });
      }
      const written = await buildDaySummaries(this.db, now);
      if (written > 0) this.log.info("built day summaries", { written, ms: Date.now() - started });
      await refreshStatuses(this.db, null, now);
      return written;
    } catch (err) {
      this.log.warn("day summaries failed", { error: err });
      return 0;
    } finally {
      this.running = false;
    }
  }
}
