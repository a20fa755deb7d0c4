// The stored status (Integration.status, .errorRate): healthOf() decided in SQL from the circuit row and the 24-hour
// error rate (the worker-built day summary plus the hour rollups since, lib/db/rollups.ts), written only where it
// changed, so the overview filters, sorts and counts by an index (lib/db/overview-rows.ts) instead of deciding every
// integration's status per request. Kept by whoever changes an input: the statement that records runs (probe-runs.ts,
// in the same write), an edit (crud.ts, config-file apply), and the worker's sweep (day-summary-job.ts), which also moves every status
// with the 24-hour window and mends anything written around these paths (a crash between two statements, a seed).
// An integration that lists locations is judged by the quorum of its locations' latest runs, as healthOf is given
// it (lib/domain/quorum.ts): the failing and reporting counts come from IntegrationLocation's latest-run columns.
import type { Db } from "./client";
import { Prisma } from "./generated/client";
import { summaryWindow } from "./rollups";
import { DEGRADED_ERROR_RATE } from "../domain/health";

/**
 * healthOf, in SQL, over the columns of `b`: enabled, state (text), "lastRunOk", "consecutiveFailures", runs and
 * failures in the 24-hour window, and for a located integration the quorum's q_needed (null when it lists no
 * locations), q_failing and q_reporting. Plain text, so the record statement (probe-runs.ts), which stores the status
 * of the runs it records, decides it exactly as `decided` below does.
 */
export const STATUS_CASE_SQL = `CASE
    WHEN NOT b.enabled THEN 'paused'
    WHEN b.state = 'open' THEN 'down'
    WHEN b.q_needed IS NOT NULL THEN CASE
      WHEN b.q_reporting = 0 THEN 'pending'
      WHEN b.q_failing >= b.q_needed THEN 'down'
      WHEN b.q_failing > 0 OR b.state = 'half_open' OR (b.runs > 0 AND b.failures::float8 / b.runs > ${Number(DEGRADED_ERROR_RATE)}::float8) THEN 'degraded'
      ELSE 'healthy' END
    WHEN b."lastRunOk" IS NULL THEN 'pending'
    WHEN NOT b."lastRunOk" THEN CASE WHEN b."consecutiveFailures" >= 2 THEN 'down' ELSE 'degraded' END
    WHEN b.state = 'half_open' OR (b.runs > 0 AND b.failures::float8 / b.runs > ${Number(DEGRADED_ERROR_RATE)}::float8) THEN 'degraded'
    ELSE 'healthy' END`;
const STATUS_SQL = Prisma.raw(STATUS_CASE_SQL);

/** Only these integrations, or (null) all of them. */
const only = (column: Prisma.Sql, ids: string[] | null) => (ids ? Prisma.sql`AND ${column} = ANY(${ids}::uuid[])` : Prisma.empty);

/** Each integration's status and error rate as decided now (read-only): the rows `refreshStatuses` stores. */
export function decidedStatuses(ids: string[] | null, now: number): Prisma.Sql {
  const { since, through } = summaryWindow(now);
  return Prisma.sql`
    SELECT b.id, (${STATUS_SQL})::"HealthStatus" AS status, CASE WHEN b.runs > 0 THEN b.failures::float8 / b.runs END AS "errorRate"
    FROM (
      SELECT i.id, i.enabled, c.state::text AS state, c."lastRunOk", coalesce(c."consecutiveFailures", 0) AS "consecutiveFailures",
        coalesce(d.count, 0) + coalesce(r.count, 0) AS runs, coalesce(d.failures, 0) + coalesce(r.failures, 0) AS failures,
        q.failing AS q_failing, q.reporting AS q_reporting,
        CASE WHEN cardinality(i.locations) > 0 THEN greatest(1, least(coalesce(i.quorum, cardinality(i.locations)), cardinality(i.locations))) END AS q_needed
      FROM "Integration" i
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE NOT l."lastRunOk")::int AS failing, count(l."lastRunOk")::int AS reporting
        FROM "IntegrationLocation" l WHERE l."integrationId" = i.id AND l.location = ANY(i.locations)
      ) q ON cardinality(i.locations) > 0
      LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
      LEFT JOIN "ProbeDaySummary" d ON d."integrationId" = i.id AND d."fromHour" = ${new Date(since)}::timestamp AND d."throughHour" = ${new Date(through)}::timestamp
      LEFT JOIN (
        SELECT "integrationId", sum(count)::int AS count, sum(failures)::int AS failures FROM "ProbeRollupHour"
        WHERE bucket >= ${new Date(through)}::timestamp ${only(Prisma.sql`"integrationId"`, ids)} GROUP BY 1
      ) r ON r."integrationId" = i.id
      WHERE true ${only(Prisma.sql`i.id`, ids)}
    ) b`;
}

/**
 * Decides the status of these integrations (null: all) and stores it where it changed; returns how many changed.
 * Rows are locked in id order (as the record statement locks them), so two writers never wait on each other in a
 * circle; the sweep (ids null) skips rows locked right now, whose writer refreshes them itself when it is done.
 */
export async function refreshStatuses(db: Pick<Db, "$executeRaw">, ids: string[] | null, now: number): Promise<number> {
  if (ids?.length === 0) return 0;
  return db.$executeRaw(refreshStatement(ids, now));
}

/** refreshStatuses' statement, for a caller with its own connection (a test seeding the database directly). */
export function refreshStatement(ids: string[] | null, now: number): Prisma.Sql {
  return Prisma.sql`
    WITH decided AS (${decidedStatuses(ids, now)}),
    changed AS (
      SELECT g.id, d.status, d."errorRate" FROM "Integration" g JOIN decided d ON d.id = g.id
      WHERE (g.status, g."errorRate") IS DISTINCT FROM (d.status, d."errorRate")
      ORDER BY g.id FOR UPDATE OF g ${ids ? Prisma.empty : Prisma.sql`SKIP LOCKED`}
    )
    UPDATE "Integration" g SET status = changed.status, "errorRate" = changed."errorRate", "statusAt" = ${new Date(now)}::timestamp
    FROM changed WHERE g.id = changed.id`;
}
