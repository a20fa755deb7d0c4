// `npm run bench:metrics`: how long a GET /metrics scrape takes at 1,000 and 10,000 integrations, against a baseline
// of the same SQL alone, for the served path (the worker's stored render, one read) and the render itself. Per size, a scratch database is seeded in SQL (generate_series): HTTP integrations with one
// run a minute as hour rollups for `--hour-days` (sparse histograms of ~12 buckets), circuit rows carrying the
// readings the scrape exposes (rate-limit headroom, credential expiry; TLS expiry on every tenth), webhook sources
// with events, open incidents and worker heartbeats. Timed, interleaved: each path (served, render) and the very statements it
// issued (captured from Prisma's query log), replayed one after another with plain `pg` on one connection. The target: a scrape of 1,000 integrations under 100 ms.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createDb, type Db } from "../../lib/db/client";
import { PrismaClient } from "../../lib/db/generated/client";
import { summarize } from "../../lib/domain/percentiles";
import { collectMetricFamilies } from "../../lib/metrics/scrape";
import { exposedText, renderAndStore, servedExposition } from "../../lib/metrics/exposition-cache";
import { cpus } from "node:os";
import { benchArgs, flag, positiveList, whole } from "./kit/args";
import { fmt, int, loadAverage, table, verdict } from "./kit/report";
import { openBenchDatabase } from "./kit/scratch-db";

const opts = benchArgs({
  sizes: positiveList("1000,10000"),
  // The scrape reads today's hour rollups (and the overview's 24 h): older hours only make the table realistic.
  "hour-days": whole(7),
  runs: whole(30),
  "render-runs": whole(10),
  keep: flag(),
});
const TARGET_MS = 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function seed(pool: pg.Pool, integrations: number, now: number): Promise<void> {
  const hourEnd = Math.floor(now / HOUR_MS) * HOUR_MS;
  await pool.query(
    `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "nextRunAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'service-' || lpad(g::text, 5, '0'), CASE WHEN g % 10 = 0 THEN 'tls' ELSE 'http' END::"IntegrationKind", '{}'::jsonb, 60, 5000,
       $1::timestamp, $1::timestamp, $1::timestamp
     FROM generate_series(1, $2::int) g`,
    [iso(now + 30_000), integrations],
  );
  await pool.query(
    `INSERT INTO "CircuitState" ("integrationId", state, "consecutiveFailures", "lastRunAt", "lastRunOk", "lastDetails", "lastDetailsAt", "updatedAt")
     SELECT id, CASE WHEN abs(hashtext(id::text)) % 50 = 0 THEN 'open' ELSE 'closed' END::"CircuitStateKind", 0, $1::timestamp, abs(hashtext(id::text)) % 50 <> 0,
       CASE WHEN kind = 'tls' THEN jsonb_build_object('validTo', $2::text)
            ELSE jsonb_build_object('rateLimit', jsonb_build_object('headroom', (abs(hashtext(id::text)) % 100) / 100.0, 'remaining', 10, 'limit', 100),
                                    'credential', jsonb_build_object('expiresAt', $2::text)) END,
       $1::timestamp, $1::timestamp
     FROM "Integration"`,
    [iso(now), iso(now + 30 * DAY_MS)],
  );
  // 60 runs an hour: latency bucket 17-26 spread over ~12 sparse buckets, 0.5% failures.
  await pool.query(
    `INSERT INTO "ProbeRollupHour" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p95Ms", "histIdx", "histCnt")
     SELECT i.id, h, 60, (abs(hashtext(i.id::text || h::text)) % 200 = 0)::int, 60 * 80.0, 250, 200,
       ARRAY[15,16,17,18,19,20,21,22,23,24,25,26], ARRAY[2,4,6,8,8,8,8,6,4,3,2,1]
     FROM "Integration" i CROSS JOIN generate_series($1::timestamp, $2::timestamp, interval '1 hour') h`,
    [iso(hourEnd - opts.hourDays * DAY_MS), iso(hourEnd)],
  );
  await pool.query(
    `INSERT INTO "WebhookSource" (id, slug, name, scheme, "updatedAt") SELECT gen_random_uuid(), 'source-' || g, 'Source ' || g, 'standard', $1::timestamp FROM generate_series(1, 20) g`,
    [iso(now)],
  );
  await pool.query(
    `INSERT INTO "WebhookEvent" ("sourceId", "receivedAt", headers, body, verified, "verificationDetail", status)
     SELECT s.id, $1::timestamp - make_interval(secs => g * 30), '{}'::jsonb, '\\x7b7d'::bytea, g % 50 <> 0, 'bench',
       (CASE WHEN g % 50 = 0 THEN 'rejected_signature' ELSE 'processed' END)::"WebhookEventStatus"
     FROM "WebhookSource" s CROSS JOIN generate_series(1, 2000) g`,
    [iso(now)],
  );
  await pool.query(
    `INSERT INTO "Incident" (id, "ruleName", "conditionKind", "integrationId", severity, status, "startedAt", summary, unit)
     SELECT gen_random_uuid(), 'bench', 'consecutive_failures', id, 'critical', 'open', $1::timestamp, 'bench', 'runs' FROM "Integration" WHERE abs(hashtext(id::text)) % 50 = 0`,
    [iso(now)],
  );
  await pool.query(
    `INSERT INTO "WorkerHeartbeat" (id, hostname, pid, "startedAt", "lastSeenAt", concurrency, "inFlight", current)
     SELECT 'worker-' || g, 'host', g, $1::timestamp, $1::timestamp, 100, 0, '[]'::jsonb FROM generate_series(1, 4) g`,
    [iso(now)],
  );
  await pool.query(`VACUUM (ANALYZE) "Integration", "CircuitState", "ProbeRollupHour", "WebhookEvent", "Incident"`);
}

type Captured = { sql: string; params: unknown[] };
type Timed = { p50: number | null; p95: number | null };

/** Runs `fn` and replays the statements it issued (captured once) with plain pg, interleaved; returns both timings. */
async function timeWithBaseline(
  runs: number,
  fn: () => Promise<unknown>,
  captured: () => Promise<Captured[]>,
  client: pg.Client,
): Promise<{ path: Timed; sql: Timed; statements: number }> {
  const statements = (await captured()).filter((s) => !/^(BEGIN|COMMIT|SAVEPOINT|RELEASE)/.test(s.sql));
  const path: number[] = [];
  const sql: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    await fn();
    const t1 = performance.now();
    for (const s of statements) await client.query(s.sql, s.params);
    const t2 = performance.now();
    if (i < 3) continue;
    path.push(t1 - t0);
    sql.push(t2 - t1);
  }
  return { path: summarize(path), sql: summarize(sql), statements: statements.length };
}

async function benchSize(integrations: number): Promise<string[][]> {
  const t = await openBenchDatabase("tether_bench_metrics", { keep: opts.keep });
  const pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const client = new pg.Client({ connectionString: t.url });
  const db: Db = createDb(t.url);
  const log: Captured[] = [];
  const capturing = new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, max: 2 }), log: [{ emit: "event", level: "query" }] });
  capturing.$on("query", (e) => log.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
  const capture = async (fn: (d: Db) => Promise<unknown>) => {
    log.length = 0;
    await fn(capturing as unknown as Db);
    await new Promise((r) => setImmediate(r));
    return [...log];
  };
  try {
    const seedStart = performance.now();
    await seed(pool, integrations, Date.now());
    console.log(`  ${int(integrations)} integrations seeded in ${fmt((performance.now() - seedStart) / 1000)} s; load average ${loadAverage()}`);
    await client.connect();
    // The first scrape of an hour writes the day summaries (as the overview's first load does); untimed.
    const first = await renderAndStore(db, { now: new Date(), renderedBy: "bench" });
    // The worker's job: collect (SQL), map, write the text, gzip, store. Fewer runs: it is seconds at 10,000.
    const render = await timeWithBaseline(
      opts.renderRuns,
      () => renderAndStore(db, { now: new Date(), renderedBy: "bench" }),
      () => capture((d) => collectMetricFamilies(d, new Date())),
      client,
    );
    // What GET /metrics does while the worker's render is fresh: one read by primary key (Prometheus takes gzip).
    const served = await timeWithBaseline(
      opts.runs,
      () => servedExposition(db),
      () => capture((d) => servedExposition(d)),
      client,
    );
    const plain = await timeWithBaseline(
      opts.runs,
      async () => exposedText(await servedExposition(db)),
      () => capture((d) => servedExposition(d)),
      client,
    );
    const row = (what: string, r: { path: Timed; sql: Timed; statements: number }, target: boolean) => [
      int(integrations),
      what,
      String(r.statements),
      fmt(r.path.p50),
      fmt(r.path.p95),
      fmt(r.sql.p50),
      fmt(r.sql.p95),
      target && integrations === 1000 ? verdict((r.path.p95 ?? Infinity) < TARGET_MS) : "",
    ];
    console.log(`  text ${fmt(first.bytes / 1024, 0)} KiB, stored gzipped ${fmt(first.gzip.length / 1024, 0)} KiB; load average ${loadAverage()}`);
    return [row("served (gzip)", served, true), row("served (plain)", plain, true), row("render + store", render, false)];
  } finally {
    await client.end().catch(() => undefined);
    await pool.end();
    await db.$disconnect();
    await capturing.$disconnect();
    await t.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:metrics  sizes ${opts.sizes.join(", ")}; ${opts.hourDays} days of hour rollups; ${opts.runs} timed scrapes and ${opts.renderRuns} renders each; ${cpus().length} cores; load average ${loadAverage()}`,
  );
  const rows = [["integrations", "path", "statements", "p50 ms", "p95 ms", "SQL alone p50 ms", "SQL alone p95 ms", `p95 < ${TARGET_MS} ms at 1,000`]];
  for (const size of opts.sizes) rows.push(...(await benchSize(size)));
  console.log("");
  console.log(table(rows));
  console.log(
    [
      "",
      "served (gzip) = GET /metrics' body while the worker's render is fresh: one read of the stored row, sent gzipped as Prometheus asks;",
      "served (plain) = the same, gunzipped for a client that does not take gzip;",
      "render + store = the worker's job every 15 s (and a scrape's when no render is fresh): batched SQL, mapping, text, gzip, upsert;",
      "SQL alone = the very statements each path issued (captured from Prisma's query log), replayed one by one with pg on one connection.",
      `load average at the end ${loadAverage()} (1, 5, 15 min) on ${cpus().length} cores: figures from a loaded machine are slower.`,
    ].join("\n"),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
