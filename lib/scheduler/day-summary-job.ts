// The worker's job for the overview's 24-hour summaries and the stored statuses: when the 24-hour window moves (its
// hours are whole, so twice an hour: lib/db/rollups.ts summaryWindow), it brings stale summaries up to date
// (buildDaySummaries), so no request ever writes them, then sweeps the stored statuses (lib/db/integration-status.ts),
// which the window moves. Between moves nothing it reads changes on its own (the recorder and edits keep statuses
// themselves), so it only checks the window in memory; a slower mend pass (MEND_EVERY_MS) catches anything a missed
// write left behind. One build at a time per worker; a failure is logged and retried on the next turn. A worker's
// first turn sweeps the statuses before the build too: after an upgrade (or a restore, or a seed) every stored status
// may still read the column's default, `pending`, and the build can take seconds on a large database; the sweep
// decides them at once, from the hour rollups until the summaries exist.
import type { Db } from "../db/client";
import { refreshStatuses } from "../db/integration-status";
import { buildDaySummaries, summaryWindow } from "../db/rollups";
import type { Logger } from "../observability/logger";

/** How often the job looks at the clock (no query unless the window moved or a mend is due). */
export const DAY_SUMMARIES_EVERY_MS = 30_000;
/** How often summaries and statuses are built and swept even though the window has not moved. */
export const MEND_EVERY_MS = 10 * 60_000;

/** The window's identity: summaries and statuses change with it. Pure. */
export const windowKey = (now: number): string => {
  const { since, through } = summaryWindow(now);
  return `${since}-${through}`;
};

export class DaySummaryJob {
  private lastCheck = Number.NEGATIVE_INFINITY;
  private lastBuilt = Number.NEGATIVE_INFINITY;
  private builtKey: string | null = null;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    readonly everyMs = DAY_SUMMARIES_EVERY_MS,
    readonly mendEveryMs = MEND_EVERY_MS,
  ) {}

  /** Builds when the window moved or a mend is due; resolves with how many summaries it wrote (0 when it did not run). */
  async maybeRun(now: number): Promise<number> {
    if (this.everyMs <= 0 || this.running || now - this.lastCheck < this.everyMs) return 0;
    const first = this.lastCheck === Number.NEGATIVE_INFINITY;
    this.lastCheck = now;
    const key = windowKey(now);
    if (key === this.builtKey && now - this.lastBuilt < this.mendEveryMs) return 0;
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
      this.builtKey = key;
      this.lastBuilt = now;
      return written;
    } catch (err) {
      this.log.warn("day summaries failed", { error: err });
      return 0;
    } finally {
      this.running = false;
    }
  }
}
