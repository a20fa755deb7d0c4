// The overview at any size: one page of integrations, filtered, searched and sorted in PostgreSQL, with the status
// counts of the whole filtered set beside it, both by the stored status's indexes (lib/db/overview-rows.ts). Only the page's rows are read in full (histograms,
// hourly cells) and summarized as the full list summarizes them. Never writes: the worker builds the day summaries.
import type { Db } from "../db/client";
import { overviewPage } from "../db/overview-rows";
import { dayStats } from "../db/rollups";
import { HEALTH_ORDER, type HealthStatus } from "../domain/health";
import { providerIndicators } from "../providers/status/poll-job";
import type { IntegrationKind } from "../probes/kinds";
import { summarize } from "./crud";
import { containsPattern, orderTerms, pageCount, type OverviewQuery } from "./overview-query";
import type { OverviewPage } from "./types";

export type { OverviewPage };

export async function listOverview(db: Db, q: OverviewQuery, now = Date.now()): Promise<OverviewPage> {
  const filter = { pattern: q.q ? containsPattern(q.q) : undefined, kind: q.kind, tag: q.tag };
  // The page and the counts in one statement; the page's figures need its ids.
  const pageP = overviewPage(
    db,
    { ...filter, status: q.status === "all" ? undefined : q.status, order: orderTerms(q.sort, q.dir), limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    now,
  );
  const statsP = pageP.then(({ rows }) =>
    dayStats(
      db,
      rows.map((r) => r.id),
      now,
    ),
  );
  const readingsP = providerIndicators(db);
  for (const p of [statsP, readingsP]) p.catch(() => undefined); // reported by the Promise.all below
  const [{ rows, counts }, stats, readings] = await Promise.all([pageP, statsP, readingsP]);
  const byStatus = Object.fromEntries(HEALTH_ORDER.map((st) => [st, counts[st]])) as Record<HealthStatus, number>;
  // A page past the end has no row to carry the total: the counts know it.
  const total = rows[0]?.total ?? (q.status === "all" ? counts.all : byStatus[q.status]);
  return {
    items: rows.map(({ circuitState, consecutiveFailures, lastRunAt, lastRunOk, lastRunError, total: _total, ...r }) =>
      summarize(
        {
          ...r,
          kind: r.kind as IntegrationKind,
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
    counts: { all: counts.all, byStatus },
    facets: { kinds: counts.kinds as IntegrationKind[], tags: counts.tags },
    summariesPending: counts.pendingSummaries,
  };
}
