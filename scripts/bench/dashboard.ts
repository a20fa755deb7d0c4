// `npm run bench:dashboard`: how fast the dashboard's heaviest reads answer on a realistically sized database, and how
// soon the overview page is usable in Chromium (scripts/bench/dashboard-browser.ts; needs `npm run build`).
// Seeds a scratch database in SQL (generate_series, never row by row): 1,000 HTTP integrations with one run a
// minute, as minute rollups (dense latencyHist), hour rollups aggregated from them (sparse histIdx/histCnt) and raw
// runs, then times the paged overview API's function (`listOverview`, one page of 100 in four variants), the unpaged
// list (`listIntegrations`, what the overview used to fetch) and the 7-day detail (`getIntegration` +
// `getSeries(id, "7d")`), p50/p95 over repeated calls. The baseline, in the same loop, is the very SQL those calls
// issued (captured from Prisma's query log) replayed with plain `pg` on one connection: the rest is client cost.
// How much history is seeded is configurable; the defaults, and why, are printed with the results.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createDb, type Db } from "../../lib/db/client";
import { partitionName, utcDay } from "../../lib/db/probe-run-partitions";
import { PrismaClient } from "../../lib/db/generated/client";
import { summarize } from "../../lib/domain/percentiles";
import { getIntegration, listIntegrations } from "../../lib/integrations/crud";
import { getSeries } from "../../lib/integrations/series";
import { listOverview } from "../../lib/integrations/overview";
import { parseOverviewQuery } from "../../lib/integrations/overview-query-schema";
import { buildDaySummaries } from "../../lib/db/rollups";
import { refreshStatement, refreshStatuses } from "../../lib/db/integration-status";
import { timeInBrowser } from "./dashboard-browser";
import { benchArgs, flag, whole } from "./kit/args";
import { fmt, loadAverage, table, verdict } from "./kit/report";
import { openBenchDatabase } from "./kit/scratch-db";

const args = benchArgs({
  integrations: whole(1000),
  // Neither timed API reads minute rollups (the overview and the 7-day series read hour rollups); only the 1h and
  // 24h charts do. Seeding them costs ~30 s and ~640 MB a day here (30 days: ~15 min, ~19 GB), so 2 by default.
  "minute-days": whole(2),
  "hour-days": whole(30),
  // The overview reads only the latest raw run per integration; the detail reads the latest run with details,
  // which walks back through an integration's history, so the sampled integrations get the full 14 days.
  "raw-days": whole(1),
  "deep-raw-days": whole(14),
  deep: whole(50),
  "overview-runs": whole(80),
  "legacy-runs": whole(20),
  "http-runs": whole(80),
  "browser-loads": whole(5),
  "no-browser": flag(),
  "detail-runs": whole(150),
  parallel: whole(2),
  explain: flag(),
  keep: flag(),
});
const opts = { ...args, deep: Math.min(args.deep, args.integrations), parallel: Math.max(1, args.parallel) };

const TARGET_P95_MS = 100;
const TARGET_INTERACTIVE_MS = 1_500;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const iso = (ms: number): string => new Date(ms).toISOString();

// ---- seeding ----

/**
 * One probe run per integration per minute, deterministic from (integration, minute): latency 20-140 ms with a
 * 2% tail up to ~1.1 s, 0.5% failures. Minute rollups, hour rollups and raw runs all read this, so they agree.
 * `idx` is the latency's bucket in lib/domain/latency-histogram.ts (upper bounds 1.25^i ms).
 */
const GENERATOR = `
  CREATE FUNCTION bench_minutes(from_ts timestamp, to_ts timestamp, only_ids uuid[] DEFAULT NULL)
  RETURNS TABLE ("integrationId" uuid, bucket timestamp, lat int, idx int, failed boolean)
  LANGUAGE sql STABLE AS $$
    SELECT i.id, m.bucket, l.lat, least(63, greatest(0, ceil(ln(l.lat) / ln(1.25))::int)), l.failed
    FROM "Integration" i
    CROSS JOIN generate_series(from_ts, to_ts - interval '1 minute', interval '1 minute') AS m(bucket)
    CROSS JOIN LATERAL (SELECT abs(hashtext(i.id::text || m.bucket::text)) AS h) r
    CROSS JOIN LATERAL (
      SELECT 20 + (r.h % 120) + CASE WHEN r.h % 50 = 0 THEN (r.h / 50) % 1000 ELSE 0 END AS lat,
             (r.h / 7) % 200 = 0 AS failed
    ) l
    WHERE only_ids IS NULL OR i.id = ANY(only_ids)
  $$`;

/** Minute rollups for [from, to): the dense 64-bucket histogram holds the minute's one run. */
const INSERT_MINUTES = `
  WITH hist AS (SELECT k AS idx, array_fill(0, ARRAY[k]) || 1 || array_fill(0, ARRAY[63 - k]) AS h FROM generate_series(0, 63) k)
  INSERT INTO "ProbeRollupMinute" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p50Ms", "p95Ms", "p99Ms", "latencyHist")
  SELECT m."integrationId", m.bucket, 1, m.failed::int, m.lat, m.lat, m.lat, m.lat, m.lat, hist.h
  FROM bench_minutes($1::timestamp, $2::timestamp) m JOIN hist USING (idx)`;

/**
 * Hour rollups from per-minute rows (`source` yields integrationId, bucket, idx, count, failures, sum, mx):
 * counts and sums add up, the sparse histogram is the per-bucket sum, and p95 is read from it as
 * histogramQuantile does (upper bound of the bucket holding the 95th percentile, clamped to the max).
 */
const insertHours = (source: string) => `
  INSERT INTO "ProbeRollupHour" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p95Ms", "histIdx", "histCnt")
  SELECT "integrationId", hour, sum(n)::int, sum(f)::int, sum(s), max(mx),
    least(max(mx), round(power(1.25, min(idx) FILTER (WHERE cum >= ceil(0.95 * tot)))::numeric, 2)::float8),
    array_agg(idx ORDER BY idx), array_agg(n ORDER BY idx)
  FROM (
    SELECT g.*, sum(n) OVER (PARTITION BY "integrationId", hour ORDER BY idx) AS cum, sum(n) OVER (PARTITION BY "integrationId", hour) AS tot
    FROM (
      SELECT "integrationId", date_trunc('hour', bucket) AS hour, idx, sum(count)::int AS n, sum(failures)::int AS f, sum(s) AS s, max(mx) AS mx
      FROM (${source}) src GROUP BY 1, 2, 3
    ) g
  ) c
  GROUP BY 1, 2`;

// Every seeded minute holds exactly one run, so its histogram's only non-zero bucket is where the 1 is.
const HOURS_FROM_MINUTES = insertHours(`
  SELECT "integrationId", bucket, array_position("latencyHist", 1) - 1 AS idx, count, failures, "latencySumMs" AS s, "latencyMaxMs" AS mx
  FROM "ProbeRollupMinute" WHERE bucket >= $1::timestamp AND bucket < $2::timestamp`);
// Older than the kept minute rollups: the same minutes, generated and aggregated without being stored.
const HOURS_FROM_GENERATOR = insertHours(`
  SELECT "integrationId", bucket, idx, 1 AS count, failed::int AS failures, lat::float8 AS s, lat::float8 AS mx
  FROM bench_minutes($1::timestamp, $2::timestamp)`);

const INSERT_RUNS = `
  INSERT INTO "ProbeRun" ("integrationId", "scheduledFor", "startedAt", "finishedAt", "latencyMs", ok, "httpStatus", "errorClass", "errorMessage",
    attempts, "circuitState", trigger, "workerId", trace)
  SELECT m."integrationId", m.bucket, m.bucket + interval '4 ms', m.bucket + interval '4 ms' + make_interval(secs => m.lat / 1000.0), m.lat, NOT m.failed,
    CASE WHEN m.failed THEN 503 ELSE 200 END, CASE WHEN m.failed THEN 'http_status' END, CASE WHEN m.failed THEN 'HTTP 503, expected 2xx' END,
    1, 'closed', 'scheduled', 'bench-seed',
    jsonb_build_object('circuitBefore', 'closed', 'circuitAdmission', 'allowed', 'totalMs', m.lat,
      'policy', '{"retries":0,"timeoutMs":5000,"breakerThreshold":5,"breakerCooldownMs":60000}'::jsonb,
      'attempts', jsonb_build_array(jsonb_build_object('attempt', 1, 'startedAtMs', 0, 'durationMs', m.lat, 'ok', NOT m.failed,
        'status', CASE WHEN m.failed THEN 503 ELSE 200 END, 'headers', '{"content-type":"application/json","server":"nginx"}'::jsonb,
        'bodyExcerpt', '{"status":"ok","version":"2.14.1"}')))
  FROM bench_minutes($1::timestamp, $2::timestamp, $3::uuid[]) m`;

interface SeedStep {
  label: string;
  rows: number;
  ms: number;
}

/** Runs `jobs` on `parallel` connections, one statement each; returns rows inserted. */
async function runChunks(pool: pg.Pool, jobs: { sql: string; params: unknown[] }[]): Promise<number> {
  let next = 0;
  let rows = 0;
  await Promise.all(
    Array.from({ length: opts.parallel }, async () => {
      for (let job = jobs[next++]; job; job = jobs[next++]) {
        const { rowCount } = await pool.query(job.sql, job.params);
        rows += rowCount ?? 0;
      }
    }),
  );
  return rows;
}

/** [from, to) day slices from `toMs` back to `fromMs`, newest first. */
function daySlices(fromMs: number, toMs: number): [string, string][] {
  const out: [string, string][] = [];
  for (let end = toMs; end > fromMs; end -= DAY_MS) out.push([iso(Math.max(fromMs, end - DAY_MS)), iso(end)]);
  return out;
}

async function seed(pool: pg.Pool, now: number): Promise<{ steps: SeedStep[]; deepIds: string[] }> {
  const steps: SeedStep[] = [];
  const step = async (label: string, fn: () => Promise<number>) => {
    const t0 = performance.now();
    const rows = await fn();
    const s = { label, rows, ms: performance.now() - t0 };
    steps.push(s);
    console.log(`  seeded ${label}: ${s.rows.toLocaleString("en")} rows in ${fmt(s.ms / 1000)} s`);
  };
  const minuteEnd = Math.floor(now / 60_000) * 60_000; // runs so far, up to the current minute
  const hourEnd = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS; // slices end on an hour: no hour spans two slices
  const minuteFrom = hourEnd - opts.minuteDays * DAY_MS;
  const at = (ms: number) => iso(Math.min(ms, minuteEnd));

  await pool.query(GENERATOR);
  await step(`${opts.integrations} integrations, circuit states, ~20 transitions each`, async () => {
    const config = JSON.stringify({ method: "GET", url: "https://api.example.com/health", headers: [], expectedStatus: "2xx" });
    const created = await pool.query(
      `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", tags, "nextRunAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'service-' || lpad(g::text, 5, '0'), 'http', $1::jsonb, 60, 5000, ARRAY['bench', 'team-' || (g % 7)],
         $2::timestamp, $3::timestamp, $3::timestamp
       FROM generate_series(1, $4::int) g`,
      [config, iso(minuteEnd + 60_000), iso(now - 40 * DAY_MS), opts.integrations],
    );
    const circuits = await pool.query(
      `INSERT INTO "CircuitState" ("integrationId", state, "consecutiveFailures", "updatedAt") SELECT id, 'closed', 0, $1::timestamp FROM "Integration"`,
      [iso(now)],
    );
    const transitions = await pool.query(
      `INSERT INTO "CircuitTransition" ("integrationId", "from", "to", reason, at)
       SELECT i.id, (ARRAY['closed', 'open', 'half_open']::"CircuitStateKind"[])[k % 3 + 1], (ARRAY['open', 'half_open', 'closed']::"CircuitStateKind"[])[k % 3 + 1],
         'bench', $1::timestamp - make_interval(hours => k * 36 + abs(hashtext(i.id::text)) % 24)
       FROM "Integration" i CROSS JOIN generate_series(0, 19) k`,
      [iso(now)],
    );
    return (created.rowCount ?? 0) + (circuits.rowCount ?? 0) + (transitions.rowCount ?? 0);
  });
  await step(`minute rollups, ${opts.minuteDays} days`, () =>
    runChunks(
      pool,
      daySlices(minuteFrom, hourEnd).map(([from, to]) => ({ sql: INSERT_MINUTES, params: [from, at(Date.parse(to))] })),
    ),
  );
  await step(`hour rollups, ${opts.hourDays} days (from the minute rollups; older from the same generator)`, () =>
    runChunks(
      pool,
      daySlices(hourEnd - opts.hourDays * DAY_MS, hourEnd).map(([from, to]) => ({
        sql: Date.parse(from) >= minuteFrom ? HOURS_FROM_MINUTES : HOURS_FROM_GENERATOR,
        params: [from, Date.parse(from) >= minuteFrom ? to : at(Date.parse(to))],
      })),
    ),
  );
  const { rows: deep } = await pool.query<{ id: string }>(`SELECT id FROM "Integration" ORDER BY name LIMIT $1`, [opts.deep]);
  const deepIds = deep.map((r) => r.id);
  // One partition per day of seeded runs, as a running worker would have made them, so the default partition stays empty.
  for (let day = utcDay(hourEnd - Math.max(opts.rawDays, opts.deepRawDays) * DAY_MS); day < hourEnd; day += DAY_MS)
    await pool.query(`CREATE TABLE IF NOT EXISTS "${partitionName(day)}" PARTITION OF "ProbeRun" FOR VALUES FROM ('${iso(day)}') TO ('${iso(day + DAY_MS)}')`);
  await step(`raw runs, ${opts.rawDays} day(s) for all`, () =>
    runChunks(
      pool,
      daySlices(hourEnd - opts.rawDays * DAY_MS, hourEnd).map(([from, to]) => ({ sql: INSERT_RUNS, params: [from, at(Date.parse(to)), null] })),
    ),
  );
  if (opts.deepRawDays > opts.rawDays && deepIds.length > 0) {
    await step(`raw runs, days ${opts.rawDays + 1}-${opts.deepRawDays} for the ${deepIds.length} integrations the detail benchmark reads`, () =>
      runChunks(
        pool,
        daySlices(hourEnd - opts.deepRawDays * DAY_MS, hourEnd - opts.rawDays * DAY_MS).map(([from, to]) => ({
          sql: INSERT_RUNS,
          params: [from, to, deepIds],
        })),
      ),
    );
  }
  // The recorder keeps each integration's latest run on its circuit row.
  if (opts.rawDays === 0) {
    await step("latest run on each circuit row (no raw runs seeded: from the generator's last minute)", async () => {
      const { rowCount } = await pool.query(
        `UPDATE "CircuitState" c SET ("lastRunAt", "lastRunOk", "lastRunError", "lastRunLatencyMs") = (
          SELECT m.bucket, NOT m.failed, CASE WHEN m.failed THEN 'HTTP 503, expected 2xx' END, m.lat FROM bench_minutes($1::timestamp, $2::timestamp) m
          WHERE m."integrationId" = c."integrationId")`,
        [iso(minuteEnd - 60_000), iso(minuteEnd)],
      );
      return rowCount ?? 0;
    });
  } else
    await step("latest run on each circuit row", async () => {
      const { rowCount } = await pool.query(`
      UPDATE "CircuitState" c SET ("lastRunAt", "lastRunOk", "lastRunError", "lastRunLatencyMs") = (
        SELECT r."startedAt", r.ok, r."errorMessage", r."latencyMs" FROM "ProbeRun" r
        WHERE r."integrationId" = c."integrationId" ORDER BY r."startedAt" DESC LIMIT 1)`);
      return rowCount ?? 0;
    });
  // Seeded around the recorder: the stored statuses decided as the worker's sweep would.
  await step("stored statuses (the worker's sweep, lib/db/integration-status.ts)", async () => {
    const q = refreshStatement(null, now);
    return (await pool.query(q.text, q.values)).rowCount ?? 0;
  });
  // What autovacuum would have done by the time such a database exists: statistics and the visibility map.
  await step("VACUUM ANALYZE", async () => {
    await pool.query(
      `VACUUM (ANALYZE) "Integration", "IntegrationSearch", "IntegrationTag", "CircuitState", "CircuitTransition", "ProbeRollupMinute", "ProbeRollupHour", "ProbeRun"`,
    );
    return 0;
  });
  return { steps, deepIds };
}

// ---- timing ----

interface Captured {
  sql: string;
  params: unknown[];
}

/** A second client that logs every statement, to learn what SQL a lib call issues (used untimed). */
function capturingClient(url: string): { db: Db; take: () => Captured[] } {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log: [{ emit: "event", level: "query" }] });
  let log: Captured[] = [];
  db.$on("query", (e) => log.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
  return {
    db,
    take: () => {
      const out = log;
      log = [];
      return out;
    },
  };
}

async function capture(c: ReturnType<typeof capturingClient>, call: (db: Db) => Promise<unknown>): Promise<Captured[]> {
  c.take();
  await call(c.db);
  await new Promise((r) => setImmediate(r));
  return c.take();
}

/** Replays captured statements one after another on one connection; returns each statement's time. */
async function replay(client: pg.Client, statements: Captured[]): Promise<number[]> {
  const times: number[] = [];
  for (const s of statements) {
    const t0 = performance.now();
    await client.query(s.sql, s.params);
    times.push(performance.now() - t0);
  }
  return times;
}

const shortSql = (sql: string): string =>
  sql
    .replace(/"public"\./g, "")
    .replace(/\s+/g, " ")
    .replace(/\$\d+(,\$\d+){5,}/g, "$1,...")
    .trim()
    .slice(0, 110);

interface ApiResult {
  label: string;
  lib: number[];
  libJson: number[];
  sql: number[];
  perStatement: Map<string, number[]>;
  statements: Captured[];
}

async function timeApi(
  label: string,
  runs: number,
  client: pg.Client,
  cap: ReturnType<typeof capturingClient>,
  pick: (i: number) => { call: (db: Db) => Promise<unknown>; key: string },
  db: Db,
): Promise<ApiResult> {
  const captures = new Map<string, Captured[]>();
  const result: ApiResult = { label, lib: [], libJson: [], sql: [], perStatement: new Map(), statements: [] };
  const warmup = 3;
  for (let i = 0; i < runs + warmup; i++) {
    const { call, key } = pick(i);
    let statements = captures.get(key);
    if (!statements) captures.set(key, (statements = await capture(cap, call)));
    // Interleaved, so both sides see the same machine load.
    const t0 = performance.now();
    const value = await call(db);
    const t1 = performance.now();
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    const t2 = performance.now();
    const times = await replay(client, statements);
    if (i < warmup) continue;
    result.lib.push(t1 - t0);
    result.libJson.push(t2 - t0);
    result.sql.push(times.reduce((s, n) => s + n, 0));
    // Keyed by text (parallel statements arrive in varying order); a repeated text is numbered.
    const seen = new Map<string, number>();
    statements.forEach((s, k) => {
      const text = shortSql(s.sql);
      const nth = (seen.get(text) ?? 0) + 1;
      seen.set(text, nth);
      const name = nth > 1 ? `${text} (#${nth})` : text;
      const list = result.perStatement.get(name) ?? [];
      list.push(times[k]!);
      result.perStatement.set(name, list);
    });
    result.statements = statements;
  }
  return result;
}

// ---- main ----

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`bench:dashboard  ${opts.integrations} integrations, one run a minute; load average ${loadAverage()}`);
  const t = await openBenchDatabase("tether_bench_dashboard", { keep: opts.keep });
  const pool = new pg.Pool({ connectionString: t.url, max: opts.parallel });
  const client = new pg.Client({ connectionString: t.url });
  const cap = capturingClient(t.url);
  const db: Db = createDb(t.url);
  try {
    const now = Date.now();
    console.log(`seeding ${t.name} (${opts.parallel} statements in parallel):`);
    const seedStart = performance.now();
    const { steps, deepIds } = await seed(pool, now);
    const seedMs = performance.now() - seedStart;
    const { rows: sizes } = await pool.query<{ name: string; rows: string; size: string }>(
      // A partitioned table (ProbeRun) has no storage of its own: its partitions' rows and sizes are summed.
      `SELECT c.relname AS name, sum(greatest(p.reltuples, 0))::bigint::text AS rows, pg_size_pretty(sum(pg_total_relation_size(p.oid))) AS size
       FROM pg_class c JOIN pg_class p ON (c.relkind <> 'p' AND p.oid = c.oid) OR p.oid IN (SELECT relid FROM pg_partition_tree(c.oid) WHERE isleaf)
       WHERE c.relname IN ('ProbeRun', 'ProbeRollupMinute', 'ProbeRollupHour', 'CircuitTransition') GROUP BY c.relname ORDER BY c.relname`,
    );
    const {
      rows: [dbSize],
    } = await pool.query<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);

    await client.connect();
    // Before the worker has built the day summaries, a page is still answered (its rows merge their own hours).
    const unsummarized = await timeApi(
      "overview page, summaries not built yet",
      10,
      client,
      cap,
      () => ({ key: "first", call: (d) => listOverview(d, parseOverviewQuery({}), Date.now()) }),
      db,
    );
    // The worker's job, once an hour: never on a request.
    const summaryStart = performance.now();
    const summarized = await buildDaySummaries(db, Date.now());
    const summaryMs = performance.now() - summaryStart;
    // The same job then sweeps the stored statuses over the new window.
    const sweepStart = performance.now();
    const swept = await refreshStatuses(db, null, Date.now());
    const sweepMs = performance.now() - sweepStart;
    const sweepAgainStart = performance.now();
    await refreshStatuses(db, null, Date.now());
    const sweepAgainMs = performance.now() - sweepAgainStart;
    const variants = [{}, { sort: "errors", page: "3" }, { q: "service-09", sort: "name" }, { status: "degraded", sort: "lastRun" }];
    const paged = await timeApi(
      "overview page of 100: listOverview (4 variants, round robin)",
      opts.overviewRuns,
      client,
      cap,
      (i) => {
        const v = variants[i % variants.length]!;
        return { key: JSON.stringify(v), call: (d) => listOverview(d, parseOverviewQuery(v), Date.now()) };
      },
      db,
    );
    const overview = await timeApi(
      "unpaged list: listIntegrations (GET /api/integrations, the old overview)",
      opts.legacyRuns,
      client,
      cap,
      () => ({ key: "all", call: (d) => listIntegrations(d, Date.now()) }),
      db,
    );
    const detail = await timeApi(
      `detail: getIntegration + getSeries 7d (${deepIds.length} integrations, round robin)`,
      opts.detailRuns,
      client,
      cap,
      (i) => {
        const id = deepIds[i % deepIds.length]!;
        return { key: id, call: async (d) => [await getIntegration(d, id, Date.now()), await getSeries(d, id, "7d", Date.now())] };
      },
      db,
    );

    // ---- report ----
    const minuteStep = steps.find((s) => s.label.startsWith("minute"));
    const rawStep = steps.find((s) => s.label.startsWith("raw runs,") && s.label.includes("for all"));
    console.log("");
    console.log(`seeded in ${fmt(seedMs / 1000)} s; database ${dbSize?.size}:`);
    console.log(table([["table", "rows (est.)", "size"], ...sizes.map((s) => [s.name, Number(s.rows).toLocaleString("en"), s.size])]));
    if (minuteStep && opts.minuteDays > 0 && opts.minuteDays < 30) {
      console.log(
        `minute rollups: ${opts.minuteDays} of 30 days seeded (${fmt(minuteStep.ms / opts.minuteDays / 1000)} s/day here: 30 days would take ~${fmt(((minuteStep.ms / opts.minuteDays) * 30) / 60_000)} min). Neither timed API reads them.`,
      );
    }
    if (rawStep && opts.rawDays > 0 && opts.rawDays < 14) {
      console.log(
        `raw runs: ${opts.rawDays} of 14 days for all integrations (${fmt(rawStep.ms / opts.rawDays / 1000)} s/day here: 14 days would take ~${fmt(((rawStep.ms / opts.rawDays) * 14) / 60_000)} min); ${opts.deepRawDays} days for the ${deepIds.length} the detail timing reads.`,
      );
    }
    console.log("");
    const rows: string[][] = [["API", "lib p50 ms", "lib p95 ms", "lib+JSON p95", "SQL p50 ms", "SQL p95 ms", "lib/SQL p50", "target p95", "verdict"]];
    for (const r of [paged, unsummarized, overview, detail]) {
      const lib = summarize(r.lib);
      const json = summarize(r.libJson);
      const sql = summarize(r.sql);
      const pass = (lib.p95 ?? Infinity) < TARGET_P95_MS;
      rows.push([
        r.label,
        fmt(lib.p50),
        fmt(lib.p95),
        fmt(json.p95),
        fmt(sql.p50),
        fmt(sql.p95),
        `${fmt((lib.p50 ?? NaN) / (sql.p50 ?? NaN), 2)}x`,
        `< ${TARGET_P95_MS}`,
        verdict(pass),
      ]);
    }
    console.log(table(rows));
    console.log(`the worker's day-summary build (buildDaySummaries, once an hour, off the request path): ${summarized} summaries in ${fmt(summaryMs)} ms`);
    console.log(
      `the worker's status sweep (refreshStatuses, every 30 s, off the request path): ${swept} changed in ${fmt(sweepMs)} ms; again with nothing to change: ${fmt(sweepAgainMs)} ms`,
    );
    console.log(
      `runs: page ${paged.lib.length}, unpaged ${overview.lib.length}, detail ${detail.lib.length} (after 3 warm-up calls each); SQL = the captured statements replayed one by one on one pg connection (the lib runs some of them in parallel on a pool of 10)`,
    );
    console.log("");
    if (opts.noBrowser) console.log("browser: skipped (--no-browser)");
    else {
      const b = await timeInBrowser(db, t.url, { httpRuns: opts.httpRuns, loads: opts.browserLoads, search: "service-09" });
      if (b.skipped) console.log(`browser: skipped (${b.skipped})`);
      else {
        const http = summarize(b.http);
        const rows = summarize(b.rowsVisible);
        const ready = summarize(b.interactive);
        console.log(
          table([
            ["in the production server", "p50 ms", "p95 ms", "max ms", "target", "verdict"],
            [
              "GET /api/integrations/overview over HTTP (4 variants)",
              fmt(http.p50),
              fmt(http.p95),
              fmt(http.max),
              `p95 < ${TARGET_P95_MS}`,
              verdict((http.p95 ?? Infinity) < TARGET_P95_MS),
            ],
            ["Chromium: navigation to first rows visible", fmt(rows.p50), fmt(rows.p95), fmt(rows.max), "", ""],
            [
              'Chromium: navigation to interactive ("/" focuses search)',
              fmt(ready.p50),
              fmt(ready.p95),
              fmt(ready.max),
              `< ${TARGET_INTERACTIVE_MS}`,
              verdict((ready.max ?? Infinity) < TARGET_INTERACTIVE_MS),
            ],
          ]),
        );
        console.log(
          `browser: ${b.interactive.length} loads after one warm-up, fresh context each; ${b.rowsInDom} of 100 rows in the DOM (virtualised); HTTP runs ${b.http.length}`,
        );
        // Where a load's time goes, from the page's own timings (p50 over the counted loads).
        const p50 = (pick: (p: (typeof b.phases)[number]) => number | null) => summarize(b.phases.map(pick).filter((v): v is number => v !== null)).p50;
        const kb = (n: number | null) => (n === null ? "-" : `${fmt(n / 1024)} KB`);
        console.log(
          table([
            ["a load of / (p50)", "ms from navigation start"],
            ["HTML first byte (server render with the first page's data)", fmt(p50((p) => p.ttfb))],
            ["HTML last byte", fmt(p50((p) => p.htmlEnd))],
            ["first contentful paint", fmt(p50((p) => p.firstContentfulPaint))],
            ["last script loaded", fmt(p50((p) => p.scriptsEnd))],
            ["DOMContentLoaded", fmt(p50((p) => p.domContentLoaded))],
            [`long tasks before interactive (p50 count ${fmt(p50((p) => p.longTasks))})`, fmt(p50((p) => p.longTaskMs))],
          ]),
        );
        console.log(
          `scripts: ${fmt(p50((p) => p.scripts))} files, ${kb(p50((p) => p.scriptBytes))} over the wire (${kb(p50((p) => p.scriptDecodedBytes))} uncompressed); API calls after the HTML: ${fmt(p50((p) => p.apiCalls))}`,
        );
      }
    }
    for (const r of [paged, overview, detail]) {
      console.log("");
      console.log(`${r.label}: ${r.statements.length} statements, per-statement SQL time`);
      console.log(
        table([
          ["statement", "p50 ms", "p95 ms"],
          ...[...r.perStatement].map(([name, times]) => {
            const s = summarize(times);
            return [name, fmt(s.p50, 2), fmt(s.p95, 2)];
          }),
        ]),
      );
    }
    for (const r of [paged, detail]) {
      if ((summarize(r.lib).p95 ?? 0) >= TARGET_P95_MS) console.log(`FAIL ${r.label}: p95 ${fmt(summarize(r.lib).p95)} ms >= ${TARGET_P95_MS} ms`);
    }
    if (opts.explain) {
      for (const r of [paged, overview, detail]) {
        for (const s of r.statements) {
          const { rows: plan } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
          console.log(
            `\n${r.label}: ${shortSql(s.sql)}\n${plan.map((p) => (p["QUERY PLAN"].length > 200 ? `${p["QUERY PLAN"].slice(0, 200)}...` : p["QUERY PLAN"])).join("\n")}`,
          );
        }
      }
    }
    console.log(`\nload average at end ${loadAverage()}; total runtime ${fmt((Date.now() - started) / 1000)} s`);
  } finally {
    await client.end().catch(() => undefined);
    await pool.end();
    await cap.db.$disconnect();
    await db.$disconnect();
    await t.close();
  }
}

await main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
