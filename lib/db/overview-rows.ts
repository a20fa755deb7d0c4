// The overview's two statements at any size: the status counts of a filtered set (one aggregate query) and one page of
// it in a given order. Status is the stored one (Integration.status, kept by lib/db/integration-status.ts by the rules
// of lib/domain/health.ts), so filtering, ordering and counting by it use the (status, name, id) index and a page of
// 100 reads about 100 rows. Never writes. Which columns may order the page is a closed list, so no caller text reaches the SQL unbound.
import type { Db } from "./client";
import { Prisma, type CircuitStateKind } from "./generated/client";
import { summaryWindow } from "./rollups";
import { HEALTH_ORDER, type HealthStatus } from "../domain/health";

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

// The HealthStatus enum is declared worst first, so its order is the rank (HEALTH_ORDER).
const ORDER_SQL: Record<OrderColumn, string> = {
  statusRank: `i.status`,
  name: `i.name`,
  kind: `i.kind::text`,
  errorRate: `i."errorRate"`,
  lastRunAt: `c."lastRunAt"`,
  id: `i.id`,
};

/** ORDER BY over i (Integration) and c (CircuitState); rows without a value (never probed, no runs) go last either way. */
const orderBy = (terms: OrderTerm[]): Prisma.Sql =>
  Prisma.raw(
    terms
      .map((t) => `${ORDER_SQL[t.column]} ${t.dir === "asc" ? "ASC" : "DESC"}${t.column === "errorRate" || t.column === "lastRunAt" ? " NULLS LAST" : ""}`)
      .join(", "),
  );

/** The filter over i (Integration). */
function filterSql(f: OverviewFilter): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (f.pattern) where.push(Prisma.sql`(i.name ILIKE ${f.pattern} OR i.config::text ILIKE ${f.pattern} OR array_to_string(i.tags, ' ') ILIKE ${f.pattern})`);
  if (f.kind) where.push(Prisma.sql`i.kind::text = ${f.kind}`);
  if (f.tag) where.push(Prisma.sql`i.tags @> ARRAY[${f.tag}]::text[]`);
  return where.length > 0 ? Prisma.join(where, " AND ") : Prisma.sql`true`;
}

export type OverviewCountsRow = Record<HealthStatus, number> & {
  all: number;
  /** Matching integrations whose day summary is not built for the current window. */
  pendingSummaries: number;
  /** Across all integrations, for the filters' choices. */
  kinds: string[];
  tags: string[];
};

/** The counts of the filtered set, per status (one GROUP BY over the stored status), in one statement. */
export async function overviewCounts(db: Db, f: OverviewFilter, now: number): Promise<OverviewCountsRow> {
  const { since, through } = summaryWindow(now);
  const filtered = Boolean(f.pattern || f.kind || f.tag);
  const inWindow = Prisma.sql`d."fromHour" = ${new Date(since)}::timestamp AND d."throughHour" = ${new Date(through)}::timestamp`;
  // Every integration grouped by (status, tags) in one pass: the tags facet, and the status counts when unfiltered.
  // Unfiltered, the summaries of the window are counted on their own index; filtered, in the same pass as the statuses.
  const groups = filtered
    ? Prisma.sql`SELECT i.status, count(*)::int AS n, count(d."integrationId")::int AS summarized FROM "Integration" i
        LEFT JOIN "ProbeDaySummary" d ON d."integrationId" = i.id AND ${inWindow} WHERE ${filterSql(f)} GROUP BY 1`
    : Prisma.sql`SELECT status, sum(n)::int AS n, 0 AS summarized FROM t GROUP BY 1`;
  const [row] = await db.$queryRaw<
    { byStatus: Record<string, [number, number]> | null; summarized: number | null; kinds: string[] | null; tags: string[] | null }[]
  >`
    WITH t AS (SELECT status, tags, count(*)::int AS n FROM "Integration" GROUP BY 1, 2)
    SELECT (SELECT json_object_agg(status, json_build_array(n, summarized)) FROM (${groups}) g) AS "byStatus",
      ${filtered ? Prisma.sql`NULL::int` : Prisma.sql`(SELECT count(*)::int FROM "ProbeDaySummary" d WHERE ${inWindow})`} AS summarized,
      -- One index probe per kind the schema knows, not a scan of every integration.
      (SELECT array_agg(k::text ORDER BY k::text) FROM unnest(enum_range(NULL::"IntegrationKind")) k WHERE EXISTS (SELECT 1 FROM "Integration" WHERE kind = k)) AS kinds,
      (SELECT array_agg(tag ORDER BY tag) FROM (SELECT DISTINCT unnest(tags) AS tag FROM t) u) AS tags`;
  const byStatus = Object.fromEntries(HEALTH_ORDER.map((st) => [st, row?.byStatus?.[st]?.[0] ?? 0])) as Record<HealthStatus, number>;
  const all = HEALTH_ORDER.reduce((n, st) => n + byStatus[st], 0);
  const summarized = row?.summarized ?? HEALTH_ORDER.reduce((n, st) => n + (row?.byStatus?.[st]?.[1] ?? 0), 0);
  return { ...byStatus, all, pendingSummaries: Math.max(0, all - summarized), kinds: row?.kinds ?? [], tags: row?.tags ?? [] };
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

/**
 * One page of the filtered set (and of one status, when given) in the given order, and the counts of the whole
 * filtered set, side by side: the page is an index scan of its order (about `limit` rows read), the counts one
 * aggregate. The set's size is in the counts.
 */
export async function overviewPage(
  db: Db,
  f: OverviewFilter & { status?: HealthStatus; order: OrderTerm[]; limit: number; offset: number },
  now: number,
): Promise<{ rows: OverviewPageRow[]; counts: OverviewCountsRow }> {
  const rowsP = db.$queryRaw<Omit<OverviewPageRow, "total">[]>`
    SELECT i.id::text AS id, i.name, i.kind::text AS kind, i.config, i.enabled, i.tags, i."intervalSeconds", i."nextRunAt",
      c.state::text AS "circuitState", c."consecutiveFailures", c."lastRunAt", c."lastRunOk", c."lastRunError"
    FROM "Integration" i LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
    WHERE ${filterSql(f)} ${f.status ? Prisma.sql`AND i.status = ${f.status}::"HealthStatus"` : Prisma.empty}
    ORDER BY ${orderBy(f.order)} LIMIT ${f.limit}::int OFFSET ${f.offset}::int`;
  const countsP = overviewCounts(db, f, now);
  rowsP.catch(() => undefined); // reported by the Promise.all below
  const [rows, counts] = await Promise.all([rowsP, countsP]);
  const total = f.status ? counts[f.status] : counts.all;
  return { rows: rows.map((r) => ({ ...r, total })), counts };
}
