// The probe rollups' reads, beside their writer (probe-runs.ts adds every run to its minute and hour rollup):
// the 24-hour figures of the overview and detail (with the day summaries they keep), chart series, the minute
// windows alert rules measure, and retention's pruning. Every query that names a rollup table is here or there.
import type { Db } from "./client";
import { Prisma } from "./generated/client";
import { emptyHistogram, fromSparse } from "../domain/latency-histogram";
import { pgCode } from "./pg-code";

const HOUR_MS = 3_600_000;

/** An integration's last 24 hours: totals, the latency histogram and 24 hourly cells, oldest first. */
export interface DayStats {
  runs: number;
  failures: number;
  hist: number[];
  maxMs: number;
  hourly: { runs: number; failures: number }[];
}

export const emptyDayStats = (): DayStats => ({
  runs: 0,
  failures: 0,
  hist: emptyHistogram(),
  maxMs: 0,
  hourly: Array.from({ length: 24 }, () => ({ runs: 0, failures: 0 })),
});

/** Hours that closed this long ago are final (every run that started in them has been recorded) and summarized once. */
const SUMMARY_GRACE_MS = 5 * 60_000;

type SummaryRow = {
  integrationId: string;
  fromHour: Date;
  count: number;
  failures: number;
  latencyMaxMs: number;
  histIdx: number[];
  histCnt: number[];
  hourlyCount: number[];
  hourlyFailures: number[];
};

/** Integer arrays sent as one text column ("1,2|3,4"): splitting is much faster than pg's array parser. */
const splitArrays = (text: string): number[][] => text.split("|").map((a) => (a === "" ? [] : a.split(",").map(Number)));

/** Only these integrations, or (null) all of them. */
const only = (column: Prisma.Sql, ids: string[] | null) => (ids ? Prisma.sql`AND ${column} = ANY(${ids}::uuid[])` : Prisma.empty);

/** The 24-hour window's hours: [since, through) are closed and summarized, `through` onwards is read live. */
export function summaryWindow(now: number): { since: number; through: number } {
  const since = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  return { since, through: Math.max(since, Math.floor((now - SUMMARY_GRACE_MS) / HOUR_MS) * HOUR_MS) };
}

/**
 * 24-hour figures for many integrations at once: the closed hours from ProbeDaySummary (which the worker builds,
 * buildDaySummaries below), plus the hour rollups since. Never writes: an integration whose summary is not built yet
 * has its closed hours merged from the hour rollups on the fly (cheap for a page of ids, costly for all of them).
 * The two reads run side by side; with `ids` null (all integrations), `allIds` names them.
 */
export async function dayStats(db: Db, ids: string[] | null, now: number, allIds?: Promise<string[]>): Promise<Map<string, DayStats>> {
  const { since, through } = summaryWindow(now);
  const out = new Map<string, DayStats>();
  const statsOf = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = emptyDayStats()));
    return s;
  };
  if (ids?.length === 0) return out;
  const [stored, recent] = await Promise.all([
    // Only summaries of exactly these hours.
    db.$queryRaw<{ integrationId: string; count: number; failures: number; latencyMaxMs: number; arrays: string }[]>`
      SELECT "integrationId"::text AS "integrationId", count, failures, "latencyMaxMs",
        concat_ws('|', coalesce(array_to_string("histIdx", ','), ''), coalesce(array_to_string("histCnt", ','), ''), coalesce(array_to_string("hourlyCount", ','), ''), coalesce(array_to_string("hourlyFailures", ','), '')) AS arrays
      FROM ${
        // A page's ids are read by the primary key. Unfenced, the planner takes the window's index whenever its
        // statistics predate the hour's rebuild (they say no row has the new window) and reads every summary.
        ids ? Prisma.sql`(SELECT * FROM "ProbeDaySummary" WHERE "integrationId" = ANY(${ids}::uuid[]) OFFSET 0) d` : Prisma.sql`"ProbeDaySummary"`
      }
      WHERE "fromHour" = ${new Date(since)}::timestamp AND "throughHour" = ${new Date(through)}::timestamp`.then((rows) =>
      rows.map(({ arrays, ...r }): SummaryRow => {
        const [histIdx, histCnt, hourlyCount, hourlyFailures] = splitArrays(arrays);
        return {
          ...r,
          fromHour: new Date(since),
          histIdx: histIdx ?? [],
          histCnt: histCnt ?? [],
          hourlyCount: hourlyCount ?? [],
          hourlyFailures: hourlyFailures ?? [],
        };
      }),
    ),
    db.$queryRaw<{ integrationId: string; bucket: Date; count: number; failures: number; latencyMaxMs: number; arrays: string }[]>`
      SELECT "integrationId"::text AS "integrationId", bucket, count, failures, "latencyMaxMs",
        concat_ws('|', coalesce(array_to_string("histIdx", ','), ''), coalesce(array_to_string("histCnt", ','), '')) AS arrays
      FROM "ProbeRollupHour"
      WHERE bucket >= ${new Date(through)}::timestamp ${only(Prisma.sql`"integrationId"`, ids)}`.then((rows) =>
      rows.map(({ arrays, ...r }) => {
        const [histIdx, histCnt] = splitArrays(arrays);
        return { ...r, histIdx: histIdx ?? [], histCnt: histCnt ?? [] };
      }),
    ),
  ]);
  const upToDate = new Set(stored.map((r) => r.integrationId));
  const stale = (ids ?? (await allIds) ?? []).filter((id) => !upToDate.has(id));
  const summaries: SummaryRow[] = [...stored, ...(stale.length > 0 && through > since ? await mergedSummaries(db, stale, since, through) : [])];
  const add = (s: DayStats, hour: number, count: number, failures: number) => {
    const cell = s.hourly[hour];
    if (cell) {
      cell.runs += count;
      cell.failures += failures;
    }
  };
  const merge = (id: string, r: { count: number; failures: number; latencyMaxMs: number; histIdx: number[]; histCnt: number[] }) => {
    const s = statsOf(id);
    s.runs += r.count;
    s.failures += r.failures;
    s.maxMs = Math.max(s.maxMs, r.latencyMaxMs);
    fromSparse(r.histIdx, r.histCnt, s.hist);
    return s;
  };
  for (const sum of summaries) {
    const s = merge(sum.integrationId, sum);
    const offset = Math.round((sum.fromHour.getTime() - since) / HOUR_MS);
    sum.hourlyCount.forEach((n, k) => add(s, offset + k, n, sum.hourlyFailures[k] ?? 0));
  }
  for (const h of recent) add(merge(h.integrationId, h), Math.floor((h.bucket.getTime() - since) / HOUR_MS), h.count, h.failures);
  return out;
}

/** The summary of hours [since, through) of these integrations, merged from their hour rollups: one row each. */
function summarySelect(ids: string[], since: number, through: number): Prisma.Sql {
  const from = new Date(since);
  const to = new Date(through);
  const hours = Math.round((through - since) / HOUR_MS);
  return Prisma.sql`
      WITH per_hour AS (
        SELECT ids.id, k, coalesce(h.count, 0) AS count, coalesce(h.failures, 0) AS failures, h."latencyMaxMs" AS mx
        FROM unnest(${ids}::uuid[]) AS ids(id) CROSS JOIN generate_series(0, ${hours}::int - 1) AS k
        LEFT JOIN "ProbeRollupHour" h ON h."integrationId" = ids.id AND h.bucket = ${from}::timestamp + make_interval(hours => k)
      ),
      totals AS (
        SELECT id, sum(count)::int AS count, sum(failures)::int AS failures, coalesce(max(mx), 0) AS mx,
          array_agg(count ORDER BY k) AS hourly_count, array_agg(failures ORDER BY k) AS hourly_failures
        FROM per_hour GROUP BY id
      ),
      hist AS (
        SELECT id, array_agg(b ORDER BY b) AS idx, array_agg(n ORDER BY b) AS cnt
        FROM (
          SELECT h."integrationId" AS id, u.b, sum(u.n)::int AS n
          FROM "ProbeRollupHour" h, unnest(h."histIdx", h."histCnt") AS u(b, n)
          WHERE h."integrationId" = ANY(${ids}::uuid[]) AND h.bucket >= ${from}::timestamp AND h.bucket < ${to}::timestamp
          GROUP BY 1, 2
        ) g GROUP BY id
      )
      SELECT t.id, ${from}::timestamp AS "fromHour", ${to}::timestamp AS "throughHour", t.count, t.failures, t.mx AS "latencyMaxMs",
        coalesce(hist.idx, '{}') AS "histIdx", coalesce(hist.cnt, '{}') AS "histCnt", t.hourly_count AS "hourlyCount", t.hourly_failures AS "hourlyFailures"
      FROM totals t LEFT JOIN hist ON hist.id = t.id`;
}

/** Read-only: what the summaries of these integrations would hold, for those the worker has not summarized yet. */
async function mergedSummaries(db: Db, ids: string[], since: number, through: number): Promise<SummaryRow[]> {
  const rows = await db.$queryRaw<(Omit<SummaryRow, "integrationId"> & { id: string })[]>`${summarySelect(ids, since, through)}`;
  return rows.map(({ id, ...r }) => ({ ...r, integrationId: String(id), fromHour: new Date(since) }));
}

/** Merges hours [since, through) of these integrations' hour rollups and stores the result as their summaries. */
async function refreshSummaries(db: Db, ids: string[], since: number, through: number, retried = false): Promise<number> {
  try {
    return await db.$executeRaw`
      INSERT INTO "ProbeDaySummary" AS d ("integrationId", "fromHour", "throughHour", count, failures, "latencyMaxMs", "histIdx", "histCnt", "hourlyCount", "hourlyFailures")
      SELECT s.id, s."fromHour", s."throughHour", s.count, s.failures, s."latencyMaxMs", s."histIdx", s."histCnt", s."hourlyCount", s."hourlyFailures"
      FROM (${summarySelect(ids, since, through)}) s
      WHERE EXISTS (SELECT 1 FROM "Integration" i WHERE i.id = s.id)
      ON CONFLICT ("integrationId") DO UPDATE SET "fromHour" = EXCLUDED."fromHour", "throughHour" = EXCLUDED."throughHour", count = EXCLUDED.count,
        failures = EXCLUDED.failures, "latencyMaxMs" = EXCLUDED."latencyMaxMs", "histIdx" = EXCLUDED."histIdx", "histCnt" = EXCLUDED."histCnt",
        "hourlyCount" = EXCLUDED."hourlyCount", "hourlyFailures" = EXCLUDED."hourlyFailures"`;
  } catch (err) {
    // An integration deleted while its summary was being written (foreign key): once more, without it.
    if (pgCode(err) !== "23503" || retried) throw err;
    return refreshSummaries(db, ids, since, through, true);
  }
}

/** How many integrations a summary statement merges at once: bounded statements, each well under a second. */
const SUMMARY_BATCH = 2_000;

/**
 * The worker's job (never a request's): brings every integration's day summary to the current window. Cheap when
 * all are up to date (one indexed read); once an hour, after the grace period, it merges the closed hours again.
 * Idempotent, so two workers doing it at once only repeat each other's work. Returns how many it wrote.
 */
export async function buildDaySummaries(db: Db, now: number): Promise<number> {
  const { since, through } = summaryWindow(now);
  if (through <= since) return 0;
  const stale = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id::text AS id FROM "Integration" i
    LEFT JOIN "ProbeDaySummary" d ON d."integrationId" = i.id AND d."fromHour" = ${new Date(since)}::timestamp AND d."throughHour" = ${new Date(through)}::timestamp
    WHERE d."integrationId" IS NULL`;
  let written = 0;
  for (let k = 0; k < stale.length; k += SUMMARY_BATCH) {
    written += await refreshSummaries(
      db,
      stale.slice(k, k + SUMMARY_BATCH).map((r) => r.id),
      since,
      through,
    );
  }
  return written;
}

/** One rollup bucket of a chart series; hour rollups come back with their sparse histogram made dense. */
export interface SeriesBucket {
  bucket: Date;
  count: number;
  failures: number;
  latencyHist: number[];
  latencyMaxMs: number;
}

/** An integration's buckets in [from, to), oldest first: hour rollups when `hours`, else minute rollups. */
export async function seriesBuckets(db: Db, integrationId: string, from: number, to: number, hours: boolean): Promise<SeriesBucket[]> {
  const where = { integrationId, bucket: { gte: new Date(from), lt: new Date(to) } };
  if (!hours) {
    return db.probeRollupMinute.findMany({
      where,
      select: { bucket: true, count: true, failures: true, latencyHist: true, latencyMaxMs: true },
      orderBy: { bucket: "asc" },
    });
  }
  const rows = await db.probeRollupHour.findMany({
    where,
    select: { bucket: true, count: true, failures: true, histIdx: true, histCnt: true, latencyMaxMs: true },
    orderBy: { bucket: "asc" },
  });
  return rows.map(({ histIdx, histCnt, ...h }) => ({ ...h, latencyHist: fromSparse(histIdx, histCnt) }));
}

/** A minute rollup as a backtest replays it: histograms sparse (the non-empty buckets only), and only when asked. */
export interface MinuteBucket {
  bucket: Date;
  count: number;
  failures: number;
  maxMs: number;
  idx: number[] | null;
  cnt: number[] | null;
}

/** An integration's minute rollups in [from, to), oldest first; a week of minutes is 10,080 of them. */
export async function minuteBuckets(
  db: Pick<Db, "$queryRaw">,
  integrationId: string,
  from: number,
  to: number,
  withHistogram: boolean,
): Promise<MinuteBucket[]> {
  return db.$queryRaw<MinuteBucket[]>`
    SELECT bucket, count, failures, "latencyMaxMs" AS "maxMs",
           CASE WHEN ${withHistogram} THEN (SELECT array_agg((u.i - 1)::int ORDER BY u.i) FROM unnest("latencyHist") WITH ORDINALITY AS u(n, i) WHERE u.n > 0) END AS idx,
           CASE WHEN ${withHistogram} THEN (SELECT array_agg(u.n ORDER BY u.i) FROM unnest("latencyHist") WITH ORDINALITY AS u(n, i) WHERE u.n > 0) END AS cnt
    FROM "ProbeRollupMinute"
    WHERE "integrationId" = ${integrationId}::uuid AND bucket >= ${new Date(from)}::timestamp AND bucket < ${new Date(to)}::timestamp
    ORDER BY bucket`;
}

/** Totals of one (integration, window) pair: the current (partial) minute and the whole minutes before it, `w` buckets in all. */
export interface WindowTotals {
  integrationId: string;
  w: number;
  runs: number;
  failures: number;
  maxMs: number;
}

/** Window totals for (integration, window in minutes) pairs given as parallel arrays; one row a pair. */
export async function minuteWindowTotals(db: Pick<Db, "$queryRaw">, ids: string[], windows: number[], now: Date): Promise<WindowTotals[]> {
  return db.$queryRaw<WindowTotals[]>`
      SELECT p.id::text AS "integrationId", p.w, coalesce(sum(r.count), 0)::int AS runs, coalesce(sum(r.failures), 0)::int AS failures,
             coalesce(max(r."latencyMaxMs"), 0)::float8 AS "maxMs"
      FROM unnest(${ids}::uuid[], ${windows}::int[]) AS p(id, w)
      LEFT JOIN "ProbeRollupMinute" r ON r."integrationId" = p.id AND r.bucket >= date_trunc('minute', ${now}::timestamp) - make_interval(mins => p.w - 1)
      GROUP BY p.id, p.w`;
}

/** The same windows' latency histograms, as their non-empty buckets: (integration, window, bucket index, count). */
export async function minuteWindowHistograms(
  db: Pick<Db, "$queryRaw">,
  ids: string[],
  windows: number[],
  now: Date,
): Promise<{ integrationId: string; w: number; idx: number; n: number }[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<{ integrationId: string; w: number; idx: number; n: number }[]>`
      SELECT p.id::text AS "integrationId", p.w, (u.idx - 1)::int AS idx, sum(u.n)::int AS n
      FROM unnest(${ids}::uuid[], ${windows}::int[]) AS p(id, w)
      JOIN "ProbeRollupMinute" r ON r."integrationId" = p.id AND r.bucket >= date_trunc('minute', ${now}::timestamp) - make_interval(mins => p.w - 1)
      CROSS JOIN LATERAL unnest(r."latencyHist") WITH ORDINALITY AS u(n, idx)
      WHERE u.n > 0
      GROUP BY 1, 2, 3`;
}

/** Deletes at most `batchSize` rollups of the resolution older than the cutoff; returns how many. */
export async function deleteRollupsBefore(db: Pick<Db, "$executeRaw">, resolution: "minute" | "hour", cutoff: Date, batchSize: number): Promise<number> {
  if (resolution === "minute") {
    return db.$executeRaw`DELETE FROM "ProbeRollupMinute" WHERE ("integrationId", bucket) IN (SELECT "integrationId", bucket FROM "ProbeRollupMinute" WHERE bucket < ${cutoff}::timestamp LIMIT ${batchSize})`;
  }
  return db.$executeRaw`DELETE FROM "ProbeRollupHour" WHERE ("integrationId", bucket) IN (SELECT "integrationId", bucket FROM "ProbeRollupHour" WHERE bucket < ${cutoff}::timestamp LIMIT ${batchSize})`;
}

/** Per integration and UTC day since `from`: runs, failures, and minutes down (each hour's failed share of its 60 minutes). */
export async function dailyTotals(
  db: Pick<Db, "$queryRaw">,
  ids: string[],
  from: Date,
): Promise<{ integrationId: string; day: Date; runs: number; failures: number; downtimeMinutes: number }[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw`
    SELECT "integrationId"::text AS "integrationId", date_trunc('day', bucket) AS day, sum(count)::int AS runs, sum(failures)::int AS failures,
           coalesce(sum(CASE WHEN count > 0 THEN 60.0 * failures / count ELSE 0 END), 0)::float8 AS "downtimeMinutes"
    FROM "ProbeRollupHour"
    WHERE "integrationId" = ANY(${ids}::uuid[]) AND bucket >= ${from}::timestamp
    GROUP BY 1, 2`;
}

/** One bucket of an SLO's SLI, summed over its integrations: `fast` counts runs in histogram buckets up to the limit. */
export interface SliBucket {
  bucket: Date;
  count: number;
  failures: number;
  fast: number | null;
}

/**
 * These integrations' rollups in [from, to), summed per bucket, oldest first: minute rollups from `minutesSince` on
 * (and for the part hour at `from`), hour rollups between. With `fastLimit` (a histogram bucket index) each bucket also
 * counts the runs no slower than that bucket; null leaves `fast` null.
 */
export async function sliBuckets(
  db: Pick<Db, "$queryRaw">,
  ids: string[],
  from: number,
  to: number,
  minutesSince: number,
  fastLimit: number | null,
): Promise<SliBucket[]> {
  if (ids.length === 0 || to <= from) return [];
  const hoursFrom = new Date(Math.ceil(from / HOUR_MS) * HOUR_MS);
  const hoursTo = new Date(Math.max(hoursFrom.getTime(), Math.min(to, Math.floor(minutesSince / HOUR_MS) * HOUR_MS)));
  const withFast = fastLimit !== null;
  const limit = fastLimit ?? -1;
  const hours = await db.$queryRaw<SliBucket[]>`
    SELECT h.bucket, sum(h.count)::int AS count, sum(h.failures)::int AS failures,
           CASE WHEN ${withFast} THEN coalesce(sum((SELECT sum(u.n) FROM unnest(h."histIdx", h."histCnt") AS u(i, n) WHERE u.i <= ${limit}::int)), 0)::int END AS fast
    FROM "ProbeRollupHour" h
    WHERE h."integrationId" = ANY(${ids}::uuid[]) AND h.bucket >= ${hoursFrom}::timestamp AND h.bucket < ${hoursTo}::timestamp
    GROUP BY h.bucket ORDER BY h.bucket`;
  const minutes = await db.$queryRaw<SliBucket[]>`
    SELECT m.bucket, sum(m.count)::int AS count, sum(m.failures)::int AS failures,
           CASE WHEN ${withFast} THEN coalesce(sum((SELECT sum(u.n) FROM unnest(m."latencyHist") WITH ORDINALITY AS u(n, i) WHERE u.i - 1 <= ${limit}::int)), 0)::int END AS fast
    FROM "ProbeRollupMinute" m
    WHERE m."integrationId" = ANY(${ids}::uuid[]) AND m.bucket >= ${new Date(from)}::timestamp AND m.bucket < ${new Date(to)}::timestamp
      AND (m.bucket < ${hoursFrom}::timestamp OR m.bucket >= ${hoursTo}::timestamp)
    GROUP BY m.bucket ORDER BY m.bucket`;
  return [...hours, ...minutes].sort((a, b) => a.bucket.getTime() - b.bucket.getTime());
}
