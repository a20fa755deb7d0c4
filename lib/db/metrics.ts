// The reads behind GET /metrics: a handful of batched queries over the whole fleet's tables (never per
// integration), so any instance answers for every worker. Rows only; lib/metrics maps them to samples.
import type { Db } from "./client";
import { dayStats, type DayStats } from "./rollups";

export interface IntegrationMetricRow {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  circuit: "closed" | "open" | "half_open" | null;
  consecutiveFailures: number;
  lastRunOk: boolean | null;
  /** From the latest run's readings (CircuitState.lastDetails): rateLimit.headroom, validTo, credential.expiresAt. */
  rateLimitHeadroom: number | null;
  tlsValidTo: Date | null;
  credentialExpiresAt: Date | null;
  nextRunAt: Date;
}

/** Today's (UTC) hour rollups of one integration, summed: the counters reset at midnight. */
export interface RunTotalsRow {
  integrationId: string;
  count: number;
  failures: number;
  latencySumMs: number;
  histIdx: number[];
  histCnt: number[];
}

/** Today's failures of one integration by error class (hour rollups' errorClasses, summed). */
export interface ErrorClassRow {
  integrationId: string;
  errorClass: string;
  failures: number;
}

export interface WebhookMetricRow {
  source: string;
  status: string;
  events: number;
  lastReceivedAt: Date | null;
}

export interface MetricsSnapshot {
  integrations: IntegrationMetricRow[];
  runTotals: RunTotalsRow[];
  errorClasses: ErrorClassRow[];
  /** The overview's 24-hour figures (error rate for the health verdict), keyed by integration id. */
  day: Map<string, DayStats>;
  webhooks: WebhookMetricRow[];
  sources: { slug: string }[];
  incidentsOpen: { severity: string; count: number }[];
  workers: { id: string; lastSeenAt: Date; stoppedAt: Date | null }[];
}

const DAY_MS = 86_400_000;
const isoOrNull = (v: string | null): Date | null => {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};
const ints = (text: string): number[] => (text === "" ? [] : text.split(",").map(Number));

export async function readMetricsSnapshot(db: Db, now: Date): Promise<MetricsSnapshot> {
  const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  // A settled promise, not Prisma's lazy one: the day figures wait on the same ids without a second query.
  const integrations = Promise.resolve(db.$queryRaw<
    (Omit<IntegrationMetricRow, "tlsValidTo" | "credentialExpiresAt" | "rateLimitHeadroom"> & {
      headroom: string | null;
      validTo: string | null;
      credentialExpiresAt: string | null;
    })[]
  >`
    SELECT i.id::text AS id, i.name, i.kind::text AS kind, i.enabled, i."nextRunAt",
      c.state::text AS circuit, coalesce(c."consecutiveFailures", 0) AS "consecutiveFailures", c."lastRunOk",
      c."lastDetails"->'rateLimit'->>'headroom' AS headroom,
      c."lastDetails"->>'validTo' AS "validTo",
      c."lastDetails"->'credential'->>'expiresAt' AS "credentialExpiresAt"
    FROM "Integration" i LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
    ORDER BY i.name`);
  const runTotals = db.$queryRaw<{ integrationId: string; count: number; failures: number; latencySumMs: number; idx: string; cnt: string }[]>`
    SELECT h."integrationId"::text AS "integrationId", sum(h.count)::int AS count, sum(h.failures)::int AS failures,
      sum(h."latencySumMs")::float8 AS "latencySumMs",
      string_agg(array_to_string(h."histIdx", ','), ',') FILTER (WHERE cardinality(h."histIdx") > 0) AS idx,
      string_agg(array_to_string(h."histCnt", ','), ',') FILTER (WHERE cardinality(h."histCnt") > 0) AS cnt
    FROM "ProbeRollupHour" h
    WHERE h.bucket >= ${dayStart}::timestamp
    GROUP BY h."integrationId"`;
  const errorClasses = db.$queryRaw<ErrorClassRow[]>`
    SELECT h."integrationId"::text AS "integrationId", e.key AS "errorClass", sum(e.value::int)::int AS failures
    FROM "ProbeRollupHour" h CROSS JOIN LATERAL jsonb_each_text(h."errorClasses") e
    WHERE h.bucket >= ${dayStart}::timestamp AND h."errorClasses" <> '{}'::jsonb
    GROUP BY 1, 2`;
  const webhooks = db.$queryRaw<WebhookMetricRow[]>`
    SELECT s.slug AS source, e.status::text AS status, count(*)::int AS events, max(e."receivedAt") AS "lastReceivedAt"
    FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
    GROUP BY s.slug, e.status`;
  const sources = db.webhookSource.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  const incidentsOpen = db.$queryRaw<{ severity: string; count: number }[]>`
    SELECT severity::text AS severity, count(*)::int AS count FROM "Incident" WHERE status <> 'resolved' GROUP BY severity`;
  const workers = db.workerHeartbeat.findMany({
    where: { lastSeenAt: { gte: new Date(now.getTime() - DAY_MS) } },
    select: { id: true, lastSeenAt: true, stoppedAt: true },
    orderBy: { id: "asc" },
  });
  const [rows, totals, classes, hooks, sourceRows, incidents, workerRows, day] = await Promise.all([
    integrations,
    runTotals,
    errorClasses,
    webhooks,
    sources,
    incidentsOpen,
    workers,
    dayStats(
      db,
      null,
      now.getTime(),
      integrations.then((r) => r.map((i) => i.id)),
    ),
  ]);
  return {
    integrations: rows.map(({ headroom, validTo, credentialExpiresAt, ...r }) => ({
      ...r,
      rateLimitHeadroom: headroom === null || !Number.isFinite(Number(headroom)) ? null : Number(headroom),
      tlsValidTo: isoOrNull(validTo),
      credentialExpiresAt: isoOrNull(credentialExpiresAt),
    })),
    runTotals: totals.map(({ idx, cnt, ...r }) => ({ ...r, histIdx: ints(idx ?? ""), histCnt: ints(cnt ?? "") })),
    errorClasses: classes,
    day,
    webhooks: hooks,
    sources: sourceRows,
    incidentsOpen: incidents,
    workers: workerRows,
  };
}
