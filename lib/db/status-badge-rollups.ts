// The hour rollups a status page's badges read: per member, runs and failures over 24 h, 7 d and 30 d, and the
// last day's rows (latency histograms) for p95. Lives in lib/db beside the rollups' writer.
import type { Db } from "./client";

export const BADGE_WINDOW_MS = 30 * 24 * 3_600_000;

export interface HourRow {
  integrationId: string;
  bucket: Date;
  count: number;
  failures: number;
  latencyMaxMs: number;
  histIdx: number[];
  histCnt: number[];
}

/** One member's runs and failures over the badge windows, summed by the database. */
export interface WindowSums {
  integrationId: string;
  runs24h: number;
  failures24h: number;
  runs7d: number;
  failures7d: number;
  runs30d: number;
  failures30d: number;
}

/** Per member: runs and failures over 24 h, 7 d and 30 d summed in SQL, plus the last 24 h's hour rows for p95. */
export async function badgeInputs(db: Db, ids: string[], now: number): Promise<{ sums: WindowSums[]; hours: HourRow[] }> {
  if (ids.length === 0) return { sums: [], hours: [] };
  const day = new Date(now - 24 * 3_600_000);
  const week = new Date(now - 7 * 24 * 3_600_000);
  const [sums, hours] = await Promise.all([
    db.$queryRaw<WindowSums[]>`
      SELECT "integrationId"::text AS "integrationId",
        coalesce(sum(count) FILTER (WHERE bucket >= ${day}::timestamp), 0)::int AS runs24h,
        coalesce(sum(failures) FILTER (WHERE bucket >= ${day}::timestamp), 0)::int AS failures24h,
        coalesce(sum(count) FILTER (WHERE bucket >= ${week}::timestamp), 0)::int AS runs7d,
        coalesce(sum(failures) FILTER (WHERE bucket >= ${week}::timestamp), 0)::int AS failures7d,
        sum(count)::int AS runs30d, sum(failures)::int AS failures30d
      FROM "ProbeRollupHour" WHERE "integrationId" = ANY(${ids}::uuid[]) AND bucket >= ${new Date(now - BADGE_WINDOW_MS)}::timestamp
      GROUP BY 1`,
    db.probeRollupHour.findMany({
      where: { integrationId: { in: ids }, bucket: { gte: day } },
      select: { integrationId: true, bucket: true, count: true, failures: true, latencyMaxMs: true, histIdx: true, histCnt: true },
    }),
  ]);
  return { sums, hours };
}
