// The overview's two statements at any size: the status counts of a filtered set (one aggregate query) and one page of
// it in a given order. Status is derived in SQL by the rules of lib/domain/health.ts (healthOf), from the circuit row
// and the 24-hour error rate of the worker-built day summary plus the hour rollups since (lib/db/rollups.ts).
// Never writes. Which columns may order the page is a closed list, so no caller text reaches the SQL unbound.
import type { Db } from "./client";
import { Prisma, type CircuitStateKind } from "./generated/client";
import { summaryWindow } from "./rollups";
import { DEGRADED_ERROR_RATE, HEALTH_ORDER, type HealthStatus } from "../domain/health";

export type OrderColumn = "statusRank" | "name" | "kind" | "errorRate" | "lastRunAt" | "id";
export interface OrderTerm {
  column: OrderColumn;
  dir: "asc" | "desc";
}

/** Which integrations: a LIKE pattern over name, config and tags, a kind, a tag. */
export interface OverviewFilter {
  pattern?: string;
  kind?: string;
  tag?: string;
}

const ORDER_SQL: Record<OrderColumn, string> = {
  statusRank: `"statusRank"`,
  name: `name`,
  kind: `kind::text`,
  errorRate: `"errorRate"`,
  lastRunAt: `"lastRunAt"`,
  id: `id`,
};

/** ORDER BY over the columns of CTE `alias`; rows without a value (never probed, no runs) go last either way. */
const orderBy = (terms: OrderTerm[], alias: string): Prisma.Sql =>
  Prisma.raw(terms.map((t) => `${alias}.${ORDER_SQL[t.column]} ${t.dir === "asc" ? "ASC" : "DESC"} NULLS LAST`).join(", "));

/** healthOf, in SQL. */
const STATUS_SQL = Prisma.sql`CASE
    WHEN NOT b.enabled THEN 'paused'
    WHEN b.state = 'open' THEN 'down'
    WHEN b."lastRunOk" IS NULL THEN 'pending'
    WHEN NOT b."lastRunOk" THEN CASE WHEN b."consecutiveFailures" >= 2 THEN 'down' ELSE 'degraded' END
    WHEN b.state = 'half_open' OR (b.runs > 0 AND b.failures::float8 / b.runs > ${DEGRADED_ERROR_RATE}::float8) THEN 'degraded'
    ELSE 'healthy' END`;

const RANK_SQL = Prisma.sql`CASE s.status ${Prisma.join(
  HEALTH_ORDER.map((st, k) => Prisma.sql`WHEN ${st} THEN ${k}::int`),
  " ",
)} END`;

/** CTEs b and s: every integration matching the filter, with its status and 24-hour error rate. */
function statusRows(f: OverviewFilter, now: number): Prisma.Sql {
  const { since, through } = summaryWindow(now);
  const where: Prisma.Sql[] = [];
  if (f.pattern) where.push(Prisma.sql`(i.name ILIKE ${f.pattern} OR i.config::text ILIKE ${f.pattern} OR array_to_string(i.tags, ' ') ILIKE ${f.pattern})`);
  if (f.kind) where.push(Prisma.sql`i.kind::text = ${f.kind}`);
  if (f.tag) where.push(Prisma.sql`i.tags @> ARRAY[${f.tag}]::text[]`);
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

export type OverviewCountsRow = Record<HealthStatus, number> & {
  all: number;
  /** Matching integrations whose day summary is not built for the current window. */
  pendingSummaries: number;
  /** Across all integrations, for the filters' choices. */
  kinds: string[];
  tags: string[];
};

/** The counts of the filtered set, per status, in one statement. */
export async function overviewCounts(db: Db, f: OverviewFilter, now: number): Promise<OverviewCountsRow> {
  const [row] = await db.$queryRaw<(Omit<OverviewCountsRow, "kinds" | "tags"> & { kinds: string[] | null; tags: string[] | null })[]>`
    WITH ${statusRows(f, now)}
    SELECT count(*)::int AS "all", ${Prisma.join(
      HEALTH_ORDER.map((st) => Prisma.sql`(count(*) FILTER (WHERE s.status = ${st}))::int AS ${Prisma.raw(`"${st}"`)}`),
      ", ",
    )},
      (count(*) FILTER (WHERE NOT s.summarized))::int AS "pendingSummaries",
      (SELECT array_agg(DISTINCT kind::text ORDER BY kind::text) FROM "Integration") AS kinds,
      (SELECT array_agg(DISTINCT t ORDER BY t) FROM "Integration", unnest(tags) AS t) AS tags
    FROM s`;
  return { ...row!, kinds: row?.kinds ?? [], tags: row?.tags ?? [] };
}

/** A page row: what summarize() needs, and the filtered set's size. */
export type OverviewPageRow = {
  id: string;
  total: number;
  name: string;
  kind: string;
  config: Prisma.JsonValue;
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

const COUNT_COLUMNS = Prisma.join(
  [
    Prisma.sql`count(*) OVER () AS "all"`,
    ...HEALTH_ORDER.map((st) => Prisma.sql`count(*) FILTER (WHERE s.status = ${st}) OVER () AS ${Prisma.raw(`"${st}"`)}`),
    Prisma.sql`count(*) FILTER (WHERE NOT s.summarized) OVER () AS "pendingSummaries"`,
  ],
  ", ",
);

/**
 * One page of the filtered set (and of one status, when given) in the given order, and the counts of the whole
 * filtered set, in one statement: the counts ride on every row as window aggregates. A page past the end has no row
 * to carry them, so then (only) the counts are read on their own.
 */
export async function overviewPage(
  db: Db,
  f: OverviewFilter & { status?: HealthStatus; order: OrderTerm[]; limit: number; offset: number },
  now: number,
): Promise<{ rows: OverviewPageRow[]; counts: OverviewCountsRow }> {
  type Row = OverviewPageRow & Omit<OverviewCountsRow, "kinds" | "tags"> & { kinds: string[] | null; tags: string[] | null };
  const rows = await db.$queryRaw<Row[]>`
    WITH ${statusRows(f, now)},
    c AS (SELECT s.*, ${RANK_SQL} AS "statusRank", ${COUNT_COLUMNS} FROM s),
    f AS (SELECT c.*, count(*) OVER () AS total FROM c ${f.status ? Prisma.sql`WHERE c.status = ${f.status}` : Prisma.empty}),
    p AS (SELECT * FROM f ORDER BY ${orderBy(f.order, "f")} LIMIT ${f.limit}::int OFFSET ${f.offset}::int)
    SELECT p.id::text AS id, p.total::int AS total, i.name, i.kind::text AS kind, i.config, i.enabled, i.tags, i."intervalSeconds", i."nextRunAt",
      c.state::text AS "circuitState", c."consecutiveFailures", c."lastRunAt", c."lastRunOk", c."lastRunError",
      p."all"::int AS "all", ${Prisma.join(
        HEALTH_ORDER.map((st) => Prisma.raw(`p."${st}"::int AS "${st}"`)),
        ", ",
      )}, p."pendingSummaries"::int AS "pendingSummaries",
      (SELECT array_agg(DISTINCT kind::text ORDER BY kind::text) FROM "Integration") AS kinds,
      (SELECT array_agg(DISTINCT t ORDER BY t) FROM "Integration", unnest(tags) AS t) AS tags
    FROM p JOIN "Integration" i ON i.id = p.id LEFT JOIN "CircuitState" c ON c."integrationId" = p.id
    ORDER BY ${orderBy(f.order, "p")}`;
  const first = rows[0];
  if (!first) return { rows: [], counts: await overviewCounts(db, f, now) };
  const counts: OverviewCountsRow = {
    all: first.all,
    ...(Object.fromEntries(HEALTH_ORDER.map((st) => [st, first[st]])) as Record<HealthStatus, number>),
    pendingSummaries: first.pendingSummaries,
    kinds: first.kinds ?? [],
    tags: first.tags ?? [],
  };
  return {
    rows: rows.map((r) => ({
      id: r.id,
      total: r.total,
      name: r.name,
      kind: r.kind,
      config: r.config,
      enabled: r.enabled,
      tags: r.tags,
      intervalSeconds: r.intervalSeconds,
      nextRunAt: r.nextRunAt,
      circuitState: r.circuitState,
      consecutiveFailures: r.consecutiveFailures,
      lastRunAt: r.lastRunAt,
      lastRunOk: r.lastRunOk,
      lastRunError: r.lastRunError,
    })),
    counts,
  };
}
