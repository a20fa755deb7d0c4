// The overview's two statements at any size: the status counts of a filtered set (one aggregate query) and one page of
// it in a given order. Status is the stored one (Integration.status, kept by lib/db/integration-status.ts by the rules
// of lib/domain/health.ts), so filtering, ordering and counting by it use the (status, name, id) index and a page of
// 100 reads about 100 rows; the "errors" order has its own index. Search and the tag filter read IntegrationSearch
// (name, config and tags as one text, kept by a trigger; trigram-indexed where pg_trgm exists), never Integration's
// config, and the tags facet reads IntegrationTag (the tags in use, kept by the same trigger). Never writes. Which columns may order the page is a closed list, so no caller text reaches the SQL unbound.
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

/** The filter over i (Integration): search and tag through IntegrationSearch's indexes, kind on Integration's. */
function filterSql(f: OverviewFilter): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  const search: Prisma.Sql[] = [];
  if (f.pattern) search.push(Prisma.sql`s.text ILIKE ${f.pattern}`);
  if (f.tag) search.push(Prisma.sql`s.tags @> ARRAY[${f.tag}]::text[]`);
  // The matching ids, found first (an initplan) by the trigram or tags index: as a join, the planner would rather walk
  // the page's order and probe each row, reading most of the table when the matches sort late.
  if (search.length > 0) where.push(Prisma.sql`i.id = ANY(ARRAY(SELECT s."integrationId" FROM "IntegrationSearch" s WHERE ${Prisma.join(search, " AND ")}))`);
  if (f.kind) where.push(Prisma.sql`i.kind = ${f.kind}::"IntegrationKind"`);
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
  // Unfiltered: the statuses counted on the (status, name, id) index and the summaries of the window on theirs.
  // Filtered: the matching rows (found by the filter's indexes) counted with their summaries in one pass.
  // (Joined by the primary key, the window checked after: one summary per integration, and the window's index is
  // a trap for a join, since its statistics say no row has the hour's new window until the next ANALYZE.)
  const groups = filtered
    ? Prisma.sql`SELECT i.status, count(*)::int AS n, (count(*) FILTER (WHERE ${inWindow}))::int AS summarized FROM "Integration" i
        LEFT JOIN "ProbeDaySummary" d ON d."integrationId" = i.id WHERE ${filterSql(f)} GROUP BY 1`
    : Prisma.sql`SELECT status, count(*)::int AS n, 0 AS summarized FROM "Integration" GROUP BY 1`;
  const [row] = await db.$queryRaw<
    { byStatus: Record<string, [number, number]> | null; summarized: number | null; kinds: string[] | null; tags: string[] | null }[]
  >`
    SELECT (SELECT json_object_agg(status, json_build_array(n, summarized)) FROM (${groups}) g) AS "byStatus",
      ${filtered ? Prisma.sql`NULL::int` : Prisma.sql`(SELECT count(*)::int FROM "ProbeDaySummary" d WHERE ${inWindow})`} AS summarized,
      -- One index probe per kind the schema knows, not a scan of every integration.
      (SELECT array_agg(k::text ORDER BY k::text) FROM unnest(enum_range(NULL::"IntegrationKind")) k WHERE EXISTS (SELECT 1 FROM "Integration" WHERE kind = k)) AS kinds,
      -- Every tag in use, counted by a trigger as integrations gain and lose them: a few rows, not every integration.
      (SELECT array_agg(tag ORDER BY tag) FROM "IntegrationTag") AS tags`;
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
  // The page's ids first, then their rows: an order without an index (the last run is on the circuit row, rewritten
  // by every run, so it has none) sorts narrow tuples, not whole rows with their config.
  const rowsP = db.$queryRaw<Omit<OverviewPageRow, "total">[]>`
    SELECT i.id::text AS id, i.name, i.kind::text AS kind, i.config, i.enabled, i.tags, i."intervalSeconds", i."nextRunAt",
      c.state::text AS "circuitState", c."consecutiveFailures", c."lastRunAt", c."lastRunOk", c."lastRunError"
    FROM (
      SELECT i.id FROM "Integration" i LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
      WHERE ${filterSql(f)} ${f.status ? Prisma.sql`AND i.status = ${f.status}::"HealthStatus"` : Prisma.empty}
      ORDER BY ${orderBy(f.order)} LIMIT ${f.limit}::int OFFSET ${f.offset}::int
    ) p
    JOIN "Integration" i ON i.id = p.id LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
    ORDER BY ${orderBy(f.order)}`;
  const countsP = overviewCounts(db, f, now);
  rowsP.catch(() => undefined); // reported by the Promise.all below
  const [rows, counts] = await Promise.all([rowsP, countsP]);
  const total = f.status ? counts[f.status] : counts.all;
  return { rows: rows.map((r) => ({ ...r, total })), counts };
}
