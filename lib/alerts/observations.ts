// Loads what every enabled rule measures, for every enabled integration in its scope, in a handful of
// batched queries (one per data source, whatever the number of rules and integrations): circuit rows and
// latest runs, rollup windows, the last M runs, webhook activity. Reads only; the evaluator judges.
import type { Db } from "../db/client";
import { minuteWindowHistograms, minuteWindowTotals, type WindowTotals } from "../db/rollups";
import { histogramOf, histogramQuantile, emptyHistogram } from "../domain/latency-histogram";
import { Prisma } from "../db/generated/client";
import type { CredentialSignal } from "../probes/http/provider-signals";
import { fastBucketLimit, goodOf } from "../slo/budget";
import { sliSchema, sloCovers, sloScopeSchema, type Sli, type SloScope } from "../slo/slo";
import type { Observation, SliTotals, ToolVersionReading } from "./evaluator";
import { quorumNeeded, quorumReading, quorumStreak } from "../domain/quorum";
import { inScope, type LoadedRule, type ScopedIntegration } from "./stored-rule";

/** A transaction client or the pool: both can run these reads. */
export type Reader = Pick<Db, "$queryRaw" | "integration">;

export interface Target {
  integration: ScopedIntegration;
  observation: Observation;
}

export interface RuleTargets {
  rule: LoadedRule;
  targets: Target[];
}

const DAY_MS = 86_400_000;
export const QUANTILE = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/** Enabled integrations, for scope resolution. */
export async function enabledIntegrations(db: Reader): Promise<ScopedIntegration[]> {
  return db.integration.findMany({ where: { enabled: true }, select: { id: true, name: true, tags: true }, orderBy: { name: "asc" } });
}

type Key = string;
const key = (id: string, n: number): Key => `${id}|${n}`;

/** (integration, number) pairs as two parallel arrays, de-duplicated. */
function pairs(list: { id: string; n: number }[]): { ids: string[]; ns: number[] } {
  const seen = new Map<Key, { id: string; n: number }>();
  for (const p of list) seen.set(key(p.id, p.n), p);
  return { ids: [...seen.values()].map((p) => p.id), ns: [...seen.values()].map((p) => p.n) };
}

/** Rollup totals and (for latency rules) histograms per (integration, window in minutes), keyed by pair. */
async function rollupWindows(db: Reader, list: { id: string; n: number }[], histList: { id: string; n: number }[], now: Date) {
  const totals = new Map<Key, WindowTotals>();
  const hists = new Map<Key, number[]>();
  if (list.length === 0) return { totals, hists };
  const { ids, ns } = pairs(list);
  const h = pairs(histList);
  // Sequential: these run inside the evaluation transaction, one connection.
  const rows = await minuteWindowTotals(db, ids, ns, now);
  // Latency histograms only where a latency rule needs them.
  const buckets = await minuteWindowHistograms(db, h.ids, h.ns, now);
  for (const r of rows) totals.set(key(r.integrationId, r.w), r);
  for (const b of buckets) {
    const k = key(b.integrationId, b.w);
    const hist = hists.get(k) ?? emptyHistogram();
    if (b.idx >= 0 && b.idx < hist.length) hist[b.idx]! += b.n;
    hists.set(k, hist);
  }
  return { totals, hists };
}

/** Failures among the last M runs per (integration, M). */
async function lastRuns(db: Reader, list: { id: string; n: number }[]) {
  const out = new Map<Key, { runs: number; failures: number }>();
  if (list.length === 0) return out;
  const { ids, ns } = pairs(list);
  const rows = await db.$queryRaw<{ integrationId: string; m: number; runs: number; failures: number }[]>`
    SELECT p.id::text AS "integrationId", p.m, count(l.ok)::int AS runs, count(*) FILTER (WHERE l.ok = false)::int AS failures
    FROM unnest(${ids}::uuid[], ${ns}::int[]) AS p(id, m)
    CROSS JOIN LATERAL (SELECT ok FROM "ProbeRun" WHERE "integrationId" = p.id ORDER BY "startedAt" DESC LIMIT p.m) l
    GROUP BY p.id, p.m`;
  for (const r of rows) out.set(key(r.integrationId, r.m), r);
  return out;
}

interface CircuitRow {
  integrationId: string;
  state: "closed" | "open" | "half_open";
  consecutiveFailures: number;
  openedAt: Date | null;
  lastDetails: Record<string, unknown> | null;
  lastError: string | null;
  leftClosedAt: Date | null;
}

async function circuits(db: Reader, ids: string[]): Promise<Map<string, CircuitRow>> {
  const out = new Map<string, CircuitRow>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<CircuitRow[]>`
    SELECT c."integrationId"::text AS "integrationId", c.state::text AS state, c."consecutiveFailures", c."openedAt", c."lastDetails",
           (SELECT coalesce(r."errorMessage", r."errorClass") FROM "ProbeRun" r WHERE r."integrationId" = c."integrationId" ORDER BY r."startedAt" DESC LIMIT 1) AS "lastError",
           (SELECT t.at FROM "CircuitTransition" t WHERE t."integrationId" = c."integrationId" AND t."from" = 'closed' ORDER BY t.at DESC LIMIT 1) AS "leftClosedAt"
    FROM "CircuitState" c WHERE c."integrationId" = ANY(${ids}::uuid[])`;
  for (const r of rows) out.set(r.integrationId, r);
  return out;
}

/**
 * For integrations probed from listed locations: the quorum-shared run of failures (lib/domain/quorum.ts), from each
 * location's failures since its latest passing run (counted up to 1,000). Unlocated integrations are left out.
 */
async function locatedStreaks(db: Reader, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ id: string; locations: string[]; quorum: number | null; location: string; streak: number }[]>`
    SELECT i.id::text AS id, i.locations, i.quorum, l.location, s.streak
    FROM "Integration" i CROSS JOIN LATERAL unnest(i.locations) AS l(location)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS streak FROM (
        SELECT 1 FROM "ProbeRun" r
        WHERE r."integrationId" = i.id AND r.location = l.location
          AND r."startedAt" > coalesce((SELECT max(p."startedAt") FROM "ProbeRun" p WHERE p."integrationId" = i.id AND p.location = l.location AND p.ok), '-infinity')
        LIMIT 1000) f
    ) s
    WHERE i.id = ANY(${ids}::uuid[]) AND cardinality(i.locations) > 0`;
  const byId = new Map<string, { locations: string[]; quorum: number | null; streaks: Map<string, number> }>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? { locations: r.locations, quorum: r.quorum, streaks: new Map() };
    entry.streaks.set(r.location, r.streak);
    byId.set(r.id, entry);
  }
  for (const [id, e] of byId) out.set(id, quorumStreak(e.locations, e.streaks, e.quorum));
  return out;
}

interface Located<T> {
  locations: string[];
  quorum: number | null;
  /** One reading per listed location. */
  readings: Map<string, T>;
}

type LocatedCounts = Located<{ runs: number; failures: number }>;

/**
 * For integrations probed from listed locations: one row per (integration, number, listed location), its columns
 * `select` over the runs `join` finds for that location (`p.id`, `p.n`: the integration and its window or count;
 * `l.location`), read from the runs (the rollups are per integration, their locations mixed). Unlocated ones are left
 * out. `reading` turns a row into the location's reading.
 */
async function perLocation<Row, T>(
  db: Reader,
  list: { id: string; n: number }[],
  select: Prisma.Sql,
  join: Prisma.Sql,
  reading: (row: Row) => T,
): Promise<Map<Key, Located<T>>> {
  const out = new Map<Key, Located<T>>();
  if (list.length === 0) return out;
  const { ids, ns } = pairs(list);
  const rows = await db.$queryRaw<(Row & { id: string; n: number; locations: string[]; quorum: number | null; location: string })[]>(Prisma.sql`
    SELECT i.id::text AS id, p.n, i.locations, i.quorum, l.location, ${select}
    FROM unnest(${ids}::uuid[], ${ns}::int[]) AS p(id, n)
    JOIN "Integration" i ON i.id = p.id AND cardinality(i.locations) > 0
    CROSS JOIN LATERAL unnest(i.locations) AS l(location)
    ${join}
    GROUP BY 1, 2, 3, 4, 5`);
  for (const r of rows) {
    const k = key(r.id, r.n);
    const entry = out.get(k) ?? { locations: r.locations, quorum: r.quorum, readings: new Map<string, T>() };
    entry.readings.set(r.location, reading(r));
    out.set(k, entry);
  }
  return out;
}

const COUNTS = Prisma.sql`count(r.ok)::int AS runs, count(*) FILTER (WHERE r.ok = false)::int AS failures`;
const counts = (r: { runs: number; failures: number }) => ({ runs: r.runs, failures: r.failures });
const inWindow = (now: Date) =>
  Prisma.sql`LEFT JOIN "ProbeRun" r ON r."integrationId" = p.id AND r.location = l.location AND r."startedAt" >= ${now}::timestamp - make_interval(mins => p.n)`;

/** Each location's runs and failures within each (integration, window in minutes). */
const locatedWindows = (db: Reader, list: { id: string; n: number }[], now: Date): Promise<Map<Key, LocatedCounts>> =>
  perLocation(db, list, COUNTS, inWindow(now), counts);

/** Failures among each location's last M runs, per (integration, M). */
const locatedLastRuns = (db: Reader, list: { id: string; n: number }[]): Promise<Map<Key, LocatedCounts>> =>
  perLocation(
    db,
    list,
    COUNTS,
    Prisma.sql`LEFT JOIN LATERAL (SELECT ok FROM "ProbeRun" WHERE "integrationId" = p.id AND location = l.location ORDER BY "startedAt" DESC LIMIT p.n) r ON true`,
    counts,
  );

interface LatencyReading {
  samples: number;
  valueMs: number | null;
}

/**
 * Each location's latency percentile within each (integration, window in minutes), read from the same log-scale
 * histogram the rollups keep (lib/domain/latency-histogram.ts), so a located reading and an unlocated one agree.
 */
const locatedLatencies = (db: Reader, list: { id: string; n: number; q: number }[], now: Date): Promise<Map<Key, Located<LatencyReading>>> => {
  const quantile = new Map(list.map((p) => [key(p.id, p.n), p.q]));
  return perLocation(
    db,
    list,
    Prisma.sql`coalesce(array_agg(r."latencyMs") FILTER (WHERE r."latencyMs" IS NOT NULL), '{}') AS latencies`,
    inWindow(now),
    (r: { id: string; n: number; latencies: number[] }) => {
      const max = r.latencies.reduce((m, l) => Math.max(m, l), 0);
      return { samples: r.latencies.length, valueMs: histogramQuantile(histogramOf(r.latencies), quantile.get(key(r.id, r.n)) ?? 0.95, max) };
    },
  );
};

const quorumNeededOf = (l: Located<unknown>) => quorumNeeded(l.locations.length, l.quorum);

/** Of two locations' counts, the worse first: the higher error rate, then the more runs (the firmer reading). */
const worseRate = (a: { runs: number; failures: number }, b: { runs: number; failures: number }) =>
  b.failures * a.runs - a.failures * b.runs || b.runs - a.runs;
/** Of two locations' last runs, the worse first: more failures, then more runs. */
const worseCount = (a: { runs: number; failures: number }, b: { runs: number; failures: number }) => b.failures - a.failures || b.runs - a.runs;
/** Of two locations' latencies, the slower first. */
const worseLatency = (a: LatencyReading, b: LatencyReading) => (b.valueMs ?? 0) - (a.valueMs ?? 0);

async function webhookActivity(db: Reader, ids: string[]) {
  const out = new Map<string, { sources: number; lastActivityAt: number | null }>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ integrationId: string; sources: number; created: Date | null; last: Date | null }[]>`
    SELECT s."integrationId"::text AS "integrationId", count(*)::int AS sources, min(s."createdAt") AS created, max(l."receivedAt") AS last
    FROM "WebhookSource" s
    LEFT JOIN LATERAL (SELECT "receivedAt" FROM "WebhookEvent" e WHERE e."sourceId" = s.id AND e.status <> 'rejected_signature' ORDER BY "receivedAt" DESC LIMIT 1) l ON true
    WHERE s."integrationId" = ANY(${ids}::uuid[]) AND s.enabled
    GROUP BY 1`;
  // Never having received anything counts from when the first source was made.
  for (const r of rows) out.set(r.integrationId, { sources: r.sources, lastActivityAt: (r.last ?? r.created)?.getTime() ?? null });
  return out;
}

async function webhookWindows(db: Reader, list: { id: string; n: number }[], now: Date) {
  const out = new Map<Key, { events: number; failed: number }>();
  if (list.length === 0) return out;
  const { ids, ns } = pairs(list);
  const rows = await db.$queryRaw<{ integrationId: string; w: number; events: number; failed: number }[]>`
    SELECT p.id::text AS "integrationId", p.w, count(e.id)::int AS events,
           count(e.id) FILTER (WHERE e.status IN ('failed', 'dead_lettered'))::int AS failed
    FROM unnest(${ids}::uuid[], ${ns}::int[]) AS p(id, w)
    JOIN "WebhookSource" s ON s."integrationId" = p.id
    LEFT JOIN "WebhookEvent" e ON e."sourceId" = s.id AND e."receivedAt" >= ${now}::timestamp - make_interval(mins => p.w) AND e.status <> 'rejected_signature'
    GROUP BY p.id, p.w`;
  for (const r of rows) out.set(key(r.integrationId, r.w), r);
  return out;
}

/** The latest tool version of each MCP integration, with its breaking changes. */
async function latestToolVersions(db: Reader, ids: string[]): Promise<Map<string, ToolVersionReading>> {
  const out = new Map<string, ToolVersionReading>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ integrationId: string; seq: number; breaking: number; changes: { impact: string; tool: string; what: string }[] }[]>`
    SELECT DISTINCT ON ("integrationId") "integrationId"::text AS "integrationId", seq, breaking, changes
    FROM "McpToolVersion" WHERE "integrationId" = ANY(${ids}::uuid[])
    ORDER BY "integrationId", seq DESC`;
  for (const r of rows)
    out.set(r.integrationId, {
      seq: r.seq,
      breaking: r.breaking,
      changes: (Array.isArray(r.changes) ? r.changes : []).filter((c) => c.impact === "breaking").map((c) => ({ tool: c.tool, what: c.what })),
    });
  return out;
}

/**
 * Per rule x integration, the newest tool version acknowledged: the last one first seen before someone last
 * acknowledged an incident of this rule for it. A version seen after that is news again.
 */
async function acknowledgedToolVersions(db: Reader, ruleIds: string[]): Promise<Map<Key, number>> {
  const out = new Map<Key, number>();
  if (ruleIds.length === 0) return out;
  const rows = await db.$queryRaw<{ ruleId: string; integrationId: string; seq: number | null }[]>`
    SELECT a."ruleId"::text AS "ruleId", a."integrationId"::text AS "integrationId",
           (SELECT max(v.seq) FROM "McpToolVersion" v WHERE v."integrationId" = a."integrationId" AND v."firstSeenAt" <= a.at)::int AS seq
    FROM (
      SELECT "ruleId", "integrationId", max("acknowledgedAt") AS at FROM "Incident"
      WHERE "ruleId" = ANY(${ruleIds}::uuid[]) AND "conditionKind" = 'mcp_breaking_change' AND "acknowledgedAt" IS NOT NULL
      GROUP BY 1, 2
    ) a`;
  for (const r of rows) if (r.seq !== null) out.set(`${r.ruleId}|${r.integrationId}`, r.seq);
  return out;
}

/**
 * Runs per (integration, window in minutes) that recorded a breaking contract change: a response-shape break
 * (`details.shapeChange.breaking`, lib/probes/shared/shape) or a GraphQL schema break (`details.schemaChange.breaking`,
 * lib/probes/graphql/schema-drift.ts); with the latest one's first break, for the incident's words.
 */
async function contractBreaks(db: Reader, list: { id: string; n: number }[], now: Date) {
  const out = new Map<Key, { runs: number; latest: string | null }>();
  if (list.length === 0) return out;
  const { ids, ns } = pairs(list);
  const rows = await db.$queryRaw<{ integrationId: string; w: number; runs: number; latest: string | null }[]>`
    SELECT p.id::text AS "integrationId", p.w, count(b."startedAt")::int AS runs,
           (array_agg(b.first ORDER BY b."startedAt" DESC))[1] AS latest
    FROM unnest(${ids}::uuid[], ${ns}::int[]) AS p(id, w)
    LEFT JOIN LATERAL (
      SELECT r."startedAt",
             coalesce(r.details->'schemaChange'->'breaking'->0->>'description',
                      (r.details->'shapeChange'->'breaking'->0->>'path') || ' ' ||
                      CASE r.details->'shapeChange'->'breaking'->0->>'change' WHEN 'removed' THEN 'is gone' ELSE 'changed type' END) AS first
      FROM "ProbeRun" r
      WHERE r."integrationId" = p.id AND r."startedAt" >= ${now}::timestamp - make_interval(mins => p.w)
        AND (jsonb_array_length(coalesce(r.details->'shapeChange'->'breaking', '[]'::jsonb)) > 0
          OR jsonb_array_length(coalesce(r.details->'schemaChange'->'breaking', '[]'::jsonb)) > 0)
    ) b ON true
    GROUP BY p.id, p.w`;
  for (const r of rows) out.set(key(r.integrationId, r.w), { runs: r.runs, latest: r.latest });
  return out;
}

interface SloTarget {
  scope: SloScope;
  objectivePct: number;
  sli: Sli;
}

/** The SLOs burn-rate rules name, read through their schemas (a row that no longer parses counts as missing). */
async function slosById(db: Reader, ids: string[]): Promise<Map<string, SloTarget>> {
  const out = new Map<string, SloTarget>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ id: string; scope: unknown; objectivePct: number; sli: unknown }[]>`
    SELECT id::text AS id, scope, "objectivePct", sli FROM "Slo" WHERE id = ANY(${ids}::uuid[])`;
  for (const r of rows) {
    const scope = sloScopeSchema.safeParse(r.scope);
    const sli = sliSchema.safeParse(r.sli);
    if (scope.success && sli.success) out.set(r.id, { scope: scope.data, objectivePct: r.objectivePct, sli: sli.data });
  }
  return out;
}

/** Good and all events of an SLI over each (integration, window in minutes), from the minute rollups. */
async function sliWindows(db: Reader, list: { id: string; n: number; sli: Sli }[], now: Date): Promise<Map<string, SliTotals>> {
  const out = new Map<string, SliTotals>();
  if (list.length === 0) return out;
  const { ids, ns } = pairs(list);
  const totals = await minuteWindowTotals(db, ids, ns, now);
  // Histograms only for latency SLIs; one bound per (integration, window) is enough (the tightest asked).
  const latency = list.filter((p) => p.sli.kind === "latency");
  const h = pairs(latency);
  const buckets = await minuteWindowHistograms(db, h.ids, h.ns, now);
  const hists = new Map<string, { idx: number; n: number }[]>();
  for (const b of buckets) hists.set(key(b.integrationId, b.w), [...(hists.get(key(b.integrationId, b.w)) ?? []), b]);
  const byKey = new Map(totals.map((t) => [key(t.integrationId, t.w), t]));
  for (const p of list) {
    const k = key(p.id, p.n);
    const t = byKey.get(k);
    const limit = p.sli.kind === "latency" ? fastBucketLimit(p.sli.thresholdMs) : -1;
    const fast = (hists.get(k) ?? []).filter((b) => b.idx <= limit).reduce((sum, b) => sum + b.n, 0);
    const counts = { start: 0, count: t?.runs ?? 0, failures: t?.failures ?? 0, fast };
    out.set(`${k}|${p.sli.kind === "latency" ? p.sli.thresholdMs : "a"}`, { total: counts.count, good: goodOf(counts, p.sli) });
  }
  return out;
}

/** Days left on the certificate from the latest TLS readings, counted from now (readings age). */
export function tlsDaysLeft(details: Record<string, unknown> | null, now: number): number | null {
  if (!details) return null;
  if (typeof details.validTo === "string") {
    const t = Date.parse(details.validTo);
    if (Number.isFinite(t)) return Math.floor((t - now) / DAY_MS);
  }
  return typeof details.daysLeft === "number" ? details.daysLeft : null;
}

/**
 * Days left on the credential in the latest run's `credential` reading (lib/probes/http/provider-signals.ts), counted
 * from now; null when there is no reading a person acts on. Only credentials someone renews count: the provider's own
 * token expiry (`token_expiration`, GitHub's header) and any reading marked `renewable`. An OAuth2 access token
 * (`oauth2_access_token`) lives minutes to hours and is minted afresh by the probe itself, so its expiry is no
 * warning; a token step that fails already fails the run (`auth_token`), which the failure rules catch.
 */
export function credentialDaysLeft(details: Record<string, unknown> | null, now: number): number | null {
  const credential = details?.credential;
  if (!credential || typeof credential !== "object") return null;
  const c = credential as Partial<Record<keyof CredentialSignal, unknown>>;
  if (c.source !== "token_expiration" && c.renewable !== true) return null;
  if (typeof c.expiresAt === "string") {
    const t = Date.parse(c.expiresAt);
    if (Number.isFinite(t)) return Math.floor((t - now) / DAY_MS);
  }
  return typeof c.daysLeft === "number" ? c.daysLeft : null;
}

/** Every enabled rule with the integrations in its scope and what was measured for each. */
export async function loadObservations(db: Reader, rules: LoadedRule[], integrations: ScopedIntegration[], now: Date): Promise<RuleTargets[]> {
  const slos = await slosById(db, [...new Set(rules.flatMap((r) => (r.condition.kind === "slo_burn_rate" ? [r.condition.sloId] : [])))]);
  // A burn-rate rule watches the integrations its SLO covers, within its own scope.
  const sloOf = (rule: LoadedRule) => (rule.condition.kind === "slo_burn_rate" ? slos.get(rule.condition.sloId) : undefined);
  const scoped = rules.map((rule) => {
    const slo = sloOf(rule);
    return { rule, integrations: integrations.filter((i) => inScope(rule.scope, i) && (!slo || sloCovers(slo.scope, i))) };
  });
  const need = (kinds: string[]) => scoped.filter((s) => kinds.includes(s.rule.condition.kind));
  const windowsOf = (kinds: string[]) =>
    need(kinds).flatMap((s) => s.integrations.map((i) => ({ id: i.id, n: (s.rule.condition as { windowMinutes: number }).windowMinutes })));
  const idsOf = (kinds: string[]) => [...new Set(need(kinds).flatMap((s) => s.integrations.map((i) => i.id)))];

  const rollups = await rollupWindows(db, windowsOf(["error_rate", "latency"]), windowsOf(["latency"]), now);
  const runs = await lastRuns(
    db,
    need(["failures_of_last"]).flatMap((s) => s.integrations.map((i) => ({ id: i.id, n: (s.rule.condition as { of: number }).of }))),
  );
  const located = await locatedWindows(db, windowsOf(["error_rate"]), now);
  const locatedLatency = await locatedLatencies(
    db,
    need(["latency"]).flatMap((s) => {
      const c = s.rule.condition as Extract<LoadedRule["condition"], { kind: "latency" }>;
      return s.integrations.map((i) => ({ id: i.id, n: c.windowMinutes, q: QUANTILE[c.percentile] }));
    }),
    now,
  );
  const locatedRuns = await locatedLastRuns(
    db,
    need(["failures_of_last"]).flatMap((s) => s.integrations.map((i) => ({ id: i.id, n: (s.rule.condition as { of: number }).of }))),
  );
  const circuitRows = await circuits(db, idsOf(["consecutive_failures", "circuit_open", "tls_expiry", "credential_expiry"]));
  const streaks = await locatedStreaks(db, idsOf(["consecutive_failures"]));
  const activity = await webhookActivity(db, idsOf(["webhook_silence"]));
  const webhookRates = await webhookWindows(db, windowsOf(["webhook_failure_rate"]), now);
  const burnPairs = need(["slo_burn_rate"]).flatMap((s) => {
    const slo = sloOf(s.rule);
    const c = s.rule.condition as Extract<LoadedRule["condition"], { kind: "slo_burn_rate" }>;
    if (!slo) return [];
    return s.integrations.flatMap((i) => c.windows.flatMap((w) => [w.longMinutes, w.shortMinutes].map((n) => ({ id: i.id, n, sli: slo.sli }))));
  });
  const sliTotals = await sliWindows(db, burnPairs, now);
  const toolVersions = await latestToolVersions(db, idsOf(["mcp_breaking_change"]));
  const acknowledged = await acknowledgedToolVersions(
    db,
    need(["mcp_breaking_change"]).map((s) => s.rule.id),
  );
  const breaks = await contractBreaks(db, windowsOf(["contract_breaking_change"]), now);

  const observe = (rule: LoadedRule, id: string): Observation => {
    const c = rule.condition;
    switch (c.kind) {
      case "consecutive_failures": {
        const row = circuitRows.get(id);
        // A located integration counts the failures its quorum of locations share, not the shared circuit's.
        return { kind: c.kind, failures: streaks.get(id) ?? row?.consecutiveFailures ?? 0, lastError: row?.lastError ?? null };
      }
      case "error_rate": {
        const l = located.get(key(id, c.windowMinutes));
        if (l) {
          // A located integration: the quorum of locations must each be above the rate, with enough runs of their own.
          const q = quorumReading(l.locations, l.readings, l.quorum, worseRate, (r) => r.runs >= c.minSamples);
          if (!q)
            return { kind: "no_data", reason: `fewer than ${quorumNeededOf(l)} of ${l.locations.length} locations have ${c.minSamples} runs in the window` };
          return { kind: c.kind, ...q.reading, quorum: { needed: q.needed, listed: l.locations.length } };
        }
        const t = rollups.totals.get(key(id, c.windowMinutes));
        return { kind: c.kind, runs: t?.runs ?? 0, failures: t?.failures ?? 0 };
      }
      case "latency": {
        const l = locatedLatency.get(key(id, c.windowMinutes));
        if (l) {
          // A located integration: the quorum of locations must each be slower than the threshold, with enough samples of their own.
          const q = quorumReading(l.locations, l.readings, l.quorum, worseLatency, (r) => r.samples >= c.minSamples && r.valueMs !== null);
          if (!q)
            return {
              kind: "no_data",
              reason: `fewer than ${quorumNeededOf(l)} of ${l.locations.length} locations have ${c.minSamples} latency samples in the window`,
            };
          return { kind: c.kind, ...q.reading, quorum: { needed: q.needed, listed: l.locations.length } };
        }
        const hist = rollups.hists.get(key(id, c.windowMinutes)) ?? emptyHistogram();
        const samples = hist.reduce((s, n) => s + n, 0);
        const maxMs = rollups.totals.get(key(id, c.windowMinutes))?.maxMs ?? 0;
        return { kind: c.kind, samples, valueMs: histogramQuantile(hist, QUANTILE[c.percentile], maxMs) };
      }
      case "failures_of_last": {
        const l = locatedRuns.get(key(id, c.of));
        if (l) {
          // A located integration: the quorum of locations must each have failed that many of their own last runs.
          const q = quorumReading(l.locations, l.readings, l.quorum, worseCount, (r) => r.runs > 0);
          if (!q) return { kind: "no_data", reason: `fewer than ${quorumNeededOf(l)} of ${l.locations.length} locations have run it` };
          return { kind: c.kind, ...q.reading, quorum: { needed: q.needed, listed: l.locations.length } };
        }
        const r = runs.get(key(id, c.of));
        return { kind: c.kind, runs: r?.runs ?? 0, failures: r?.failures ?? 0 };
      }
      case "circuit_open": {
        const row = circuitRows.get(id);
        // The circuit row's openedAt restarts with every failed trial; "stuck open" counts from leaving closed.
        const state = row?.state ?? "closed";
        const since = state === "closed" ? null : (row?.leftClosedAt ?? row?.openedAt ?? null);
        return { kind: c.kind, state, openedAt: since?.getTime() ?? null };
      }
      case "tls_expiry":
        return { kind: c.kind, daysLeft: tlsDaysLeft(circuitRows.get(id)?.lastDetails ?? null, now.getTime()) };
      case "credential_expiry":
        return { kind: c.kind, daysLeft: credentialDaysLeft(circuitRows.get(id)?.lastDetails ?? null, now.getTime()) };
      case "contract_breaking_change": {
        const b = breaks.get(key(id, c.windowMinutes));
        return { kind: c.kind, runs: b?.runs ?? 0, latest: b?.latest ?? null };
      }
      case "webhook_silence": {
        const a = activity.get(id);
        return { kind: c.kind, sources: a?.sources ?? 0, lastActivityAt: a?.lastActivityAt ?? null };
      }
      case "mcp_breaking_change":
        return { kind: c.kind, version: toolVersions.get(id) ?? null, acknowledgedSeq: acknowledged.get(`${rule.id}|${id}`) ?? null };
      case "webhook_failure_rate": {
        const w = webhookRates.get(key(id, c.windowMinutes));
        if (!w) return { kind: "no_data", reason: "no webhook source linked to this integration" };
        return { kind: c.kind, events: w.events, failed: w.failed };
      }
      case "slo_burn_rate": {
        const slo = slos.get(c.sloId);
        if (!slo) return { kind: "no_data", reason: "the SLO this rule watches was deleted" };
        const at = (n: number) => sliTotals.get(`${key(id, n)}|${slo.sli.kind === "latency" ? slo.sli.thresholdMs : "a"}`) ?? { good: 0, total: 0 };
        return { kind: c.kind, objectivePct: slo.objectivePct, windows: c.windows.map((w) => ({ long: at(w.longMinutes), short: at(w.shortMinutes) })) };
      }
    }
  };

  return scoped.map(({ rule, integrations: list }) => ({
    rule,
    targets: list.map((integration) => ({ integration, observation: observe(rule, integration.id) })),
  }));
}
