// The overview at any size: one page of integrations, filtered, searched and sorted in PostgreSQL, and the status
// counts from one aggregate query. Status is derived in SQL by the same rules as lib/domain/health.ts (healthOf), from
// the circuit row and the 24-hour error rate of the worker-built day summary plus the hour rollups since; only the
// page's rows are then read in full (histograms, hourly cells) and summarized in JS. Never writes.
import type { Db } from "../db/client";
import { Prisma, type CircuitStateKind } from "../db/generated/client";
import { dayStats, summaryWindow } from "../db/rollups";
import { DEGRADED_ERROR_RATE, type HealthStatus } from "../domain/health";
import { providerIndicators } from "../providers/status/poll-job";
import type { IntegrationKind } from "../probes/kinds";
import { summarize } from "./crud";
import { containsPattern, OVERVIEW_STATUSES, orderTerms, pageCount, type OrderColumn, type OverviewQuery } from "./overview-query";
import type { IntegrationSummary } from "./types";

export interface OverviewCounts {
  /** Every integration matching the search, kind and tag (the status filter aside), and each status's share. */
  all: number;
  byStatus: Record<HealthStatus, number>;
}

export interface OverviewPage {
  items: IntegrationSummary[];
  /** Rows matching every filter, status included. */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  counts: OverviewCounts;
  /** What the filters can offer: every kind in use and every tag, across all integrations. */
  facets: { kinds: IntegrationKind[]; tags: string[] };
  /**
   * Integrations whose 24-hour summary the worker has not built yet (a new hour, a fresh install): until it has,
   * their status and error-rate order use only the hours since the last summary. Their rows on the page are exact.
   */
  summariesPending: number;
}

const ORDER_SQL: Record<OrderColumn, string> = {
  statusRank: `"statusRank"`,
  name: `name`,
  kind: `kind::text`,
  errorRate: `"errorRate"`,
  lastRunAt: `"lastRunAt"`,
  id: `id`,
};

/** ORDER BY for the query's sort, over the columns of CTE `alias`; built only from the whitelist above. */
function orderBy(q: OverviewQuery, alias: string): Prisma.Sql {
  return Prisma.raw(orderTerms(q.sort, q.dir).map((t) => `${alias}.${ORDER_SQL[t.column]} ${t.dir === "asc" ? "ASC" : "DESC"} NULLS LAST`).join(", "));
}

/** The status rule of healthOf, in SQL. */
const STATUS_SQL = Prisma.sql`CASE
    WHEN NOT b.enabled THEN 'paused'
    WHEN b.state = 'open' THEN 'down'
    WHEN b."lastRunOk" IS NULL THEN 'pending'
    WHEN NOT b."lastRunOk" THEN CASE WHEN b."consecutiveFailures" >= 2 THEN 'down' ELSE 'degraded' END
    WHEN b.state = 'half_open' OR (b.runs > 0 AND b.failures::float8 / b.runs > ${DEGRADED_ERROR_RATE}::float8) THEN 'degraded'
    ELSE 'healthy' END`;

const RANK_SQL = Prisma.sql`CASE s.status ${Prisma.join(
  OVERVIEW_STATUSES.map((st, k) => Prisma.sql`WHEN ${st} THEN ${k}::int`),
  " ",
)} END`;

/** Every integration matching the search, kind and tag, with its status and 24-hour error rate: the base of both queries. */
function statusRows(q: OverviewQuery, now: number): Prisma.Sql {
  const { since, through } = summaryWindow(now);
  const where: Prisma.Sql[] = [];
  if (q.q) {
    const p = containsPattern(q.q);
    where.push(Prisma.sql`(i.name ILIKE ${p} OR i.config::text ILIKE ${p} OR array_to_string(i.tags, ' ') ILIKE ${p})`);
  }
  if (q.kind) where.push(Prisma.sql`i.kind::text = ${q.kind}`);
  if (q.tag) where.push(Prisma.sql`i.tags @> ARRAY[${q.tag}]::text[]`);
  return Prisma.sql`
    b AS (
      SELECT i.id, i.name, i.kind, i.enabled, c.state::text AS state, c."lastRunOk", coalesce(c."consecutiveFailures", 0) AS "consecutiveFailures",
        c."lastRunAt", d."integrationId" IS NOT NULL AS summarized,
        coalesce(d.count, 0) + coalesce(r.count, 0) AS runs, coalesce(d.failures, 0) + coalesce(r.failures, 0) AS failures
      FROM "Integration" i
      LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
      LEFT JOIN "ProbeDaySummary" d ON d."integrationId" = i.id AND d."fromHour" = ${new Date(since)}::timestamp AND d."throughHour" = ${new Date(through)}::timestamp
      LEFT JOIN (
        SELECT "integrationId", sum(count)::int AS count, sum(failures)::int AS failures FROM "ProbeRollupHour"
        WHERE bucket >= ${new Date(through)}::timestamp GROUP BY 1
      ) r ON r."integrationId" = i.id
      ${where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ),
    s AS (SELECT b.*, ${STATUS_SQL} AS status, CASE WHEN b.runs > 0 THEN b.failures::float8 / b.runs END AS "errorRate" FROM b)`;
}

type PageRow = {
  id: string;
  total: number;
  name: string;
  kind: string;
  config: unknown;
  enabled: boolean;
  tags: string[];
  intervalSeconds: number;
  nextRunAt: Date;
  circuitState: CircuitStateKind | null;
  consecutiveFailures: number | null;
  lastRunAt: Date | null;
  lastRunOk: boolean | null;
  lastRunError: string | null;
};

type CountRow = { all: number; pendingSummaries: number; kinds: string[] | null; tags: string[] | null } & Record<HealthStatus, number>;

export async function listOverview(db: Db, q: OverviewQuery, now = Date.now()): Promise<OverviewPage> {
  const statusFilter = q.status === "all" ? Prisma.empty : Prisma.sql`WHERE s.status = ${q.status}`;
  // Both statements start at once, on two connections of the pool.
  const countsP = db.$queryRaw<CountRow[]>`
    WITH ${statusRows(q, now)}
    SELECT count(*)::int AS "all", ${Prisma.join(
      OVERVIEW_STATUSES.map((st) => Prisma.sql`(count(*) FILTER (WHERE s.status = ${st}))::int AS ${Prisma.raw(`"${st}"`)}`),
      ", ",
    )},
      (count(*) FILTER (WHERE NOT s.summarized))::int AS "pendingSummaries",
      (SELECT array_agg(DISTINCT kind::text ORDER BY kind::text) FROM "Integration") AS kinds,
      (SELECT array_agg(DISTINCT t ORDER BY t) FROM "Integration", unnest(tags) AS t) AS tags
    FROM s`.then((r) => r);
  const pageP = db.$queryRaw<PageRow[]>`
    WITH ${statusRows(q, now)},
    f AS (SELECT s.*, ${RANK_SQL} AS "statusRank", count(*) OVER () AS total FROM s ${statusFilter}),
    p AS (SELECT * FROM f ORDER BY ${orderBy(q, "f")} LIMIT ${q.pageSize}::int OFFSET ${(q.page - 1) * q.pageSize}::int)
    SELECT p.id::text AS id, p.total::int AS total, i.name, i.kind::text AS kind, i.config, i.enabled, i.tags, i."intervalSeconds", i."nextRunAt",
      c.state::text AS "circuitState", c."consecutiveFailures", c."lastRunAt", c."lastRunOk", c."lastRunError"
    FROM p JOIN "Integration" i ON i.id = p.id LEFT JOIN "CircuitState" c ON c."integrationId" = p.id
    ORDER BY ${orderBy(q, "p")}`.then((r) => r);
  const readingsP = providerIndicators(db);
  // The page's rows in full; the ids are known only once the page is read.
  const statsP = pageP.then((rows) =>
    dayStats(
      db,
      rows.map((r) => r.id),
      now,
    ),
  );
  for (const p of [countsP, statsP, readingsP]) p.catch(() => undefined); // reported by the Promise.all below
  const [[counts], rows, stats, readings] = await Promise.all([countsP, pageP, statsP, readingsP]);
  const byStatus = Object.fromEntries(OVERVIEW_STATUSES.map((st) => [st, counts?.[st] ?? 0])) as Record<HealthStatus, number>;
  const total = rows[0]?.total ?? (q.status === "all" ? (counts?.all ?? 0) : byStatus[q.status]);
  return {
    items: rows.map(({ circuitState, consecutiveFailures, lastRunAt, lastRunOk, lastRunError, total: _t, ...r }) =>
      summarize(
        {
          ...r,
          kind: r.kind as IntegrationKind,
          config: r.config as Prisma.JsonValue,
          circuit: circuitState ? { state: circuitState, consecutiveFailures: consecutiveFailures ?? 0, lastRunAt, lastRunOk, lastRunError } : null,
        },
        stats.get(r.id),
        readings,
      ),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
    pages: pageCount(total, q.pageSize),
    counts: { all: counts?.all ?? 0, byStatus },
    facets: { kinds: (counts?.kinds ?? []) as IntegrationKind[], tags: counts?.tags ?? [] },
    summariesPending: counts?.pendingSummaries ?? 0,
  };
}
