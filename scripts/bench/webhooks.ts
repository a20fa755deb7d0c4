// `npm run bench:webhooks`: how many signed webhooks the production server verifies and commits per second, and how
// fast it acknowledges them. Starts the real server (`scripts/start.ts`, web + worker) on a scratch database, sends
// Standard Webhooks requests open-loop at fixed rates (each send is scheduled at its time whatever the earlier ones
// are doing, and latency is counted from that scheduled time, so a stalled server cannot hide its own queue), then
// counts the committed rows. The ceiling, on the same database in the same run, is a bare single-row INSERT loop of
// the very statement the receiver issues, into a copy of its table, with plain `pg`: what is left over is server cost.
import { randomBytes } from "node:crypto";
import { setMaxListeners } from "node:events";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { Pool } from "undici";
import { createDb } from "../../lib/db/client";
import { summarize } from "../../lib/domain/percentiles";
import { benchArgs, flag, positive, positiveList } from "./kit/args";
import { CpuMeter, postgresSessions, processGroup, type CpuUse } from "./kit/cpu";
import { freePort, spawnProductionServer, stopServer, untilReady, type ProductionServer } from "./kit/production-server";
import { fmt, int, loadAverage, table, verdict } from "./kit/report";
import { openBenchDatabase, type BenchDatabase } from "./kit/scratch-db";
import { newSecret, signedHeaders } from "./kit/standard-webhooks";

const opts = benchArgs({
  rate: positive(500),
  seconds: positive(20),
  // Each ramp step runs only if the one before kept up: past the knee every step is slower to drain than the last.
  ramp: positiveList("1000,1500,2000"),
  "ramp-seconds": positive(10),
  connections: positive(256),
  // The server's Prisma pool holds 10 connections (lib/db/client.ts), so the ceiling gets as many.
  "ceiling-concurrency": positive(10),
  "ceiling-seconds": positive(8),
  keep: flag(),
});
const SLUG = "bench";
const SECRET = newSecret();

const TARGETS = { sustainedPerS: 1_500, p99Ms: 50 };
/** "Kept up" at a rate: every send committed, no errors, throughput within 5% of the rate, p99 under this. A queue
 *  growing for even a few seconds puts p99 in the seconds, so 4x the 500/s target separates the two cleanly. */
const SANE_P99_MS = 200;
const REQUEST_TIMEOUT_MS = 30_000;
/** How long a step waits for answers after its last send was due; what is still unanswered then is an error. */
const DRAIN_MS = 15_000;
const WARMUP_REQUESTS = 500;
const LOOP_IN_FLIGHT = 64;

const ms = (n: number | null): string => (n === null ? "n/a" : n === Infinity ? "no ack" : n >= 1000 ? `${fmt(n / 1000, 2)} s` : `${fmt(n)} ms`);

// ---- CPU accounting: on two cores, who used them matters as much as how fast the server was ----

type Cpu = CpuUse<"server" | "postgres">;

/**
 * The server's process group, the PostgreSQL sessions on the scratch database, this process (the load generator),
 * and the rest of the machine, sampled every half second so a process that exits mid-step (a pool's idle backend)
 * counts up to its last sample.
 */
const cpuMeter = (serverPgid: number | null, database: string) => new CpuMeter({ server: processGroup(serverPgid), postgres: postgresSessions(database) });

/** Percent of one core each used, e.g. "srv 96 pg 55 gen 21 oth 8" (two cores: 200 in all). pg: our sessions only. */
const cpuText = (c: Cpu): string => {
  const pct = (used: number) => fmt((used * 100) / c.wallMs, 0);
  return `srv ${pct(c.groups.server)} pg ${pct(c.groups.postgres)} gen ${pct(c.self.ms)} oth ${pct(c.otherMs)}`;
};

// ---- load ----

/** A Standard Webhooks delivery, signed as a sender would, independently of the code under test. */
function signedRequest(id: string, n: number) {
  const body = JSON.stringify({
    id,
    type: "invoice.paid",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `in_${n.toString(36).padStart(12, "0")}`,
        object: "invoice",
        amount_due: 1200 + (n % 5000),
        amount_paid: 1200 + (n % 5000),
        currency: "eur",
        customer: `cus_${(n % 997).toString(36).padStart(10, "0")}`,
        status: "paid",
        lines: [{ description: "Pro plan, monthly", amount: 1200, quantity: 1, period: { start: 1_764_000_000, end: 1_766_592_000 } }],
        metadata: { order: String(100_000 + n), region: "eu-west-1" },
      },
    },
  });
  return { body, headers: { ...signedHeaders(SECRET, id, body), "user-agent": "Svix-Webhooks/1.0" } };
}

interface Step {
  rate: number;
  seconds: number;
  sent: number;
  acked: number;
  /** Sends that never got a 202: by error code or status, including those still unanswered at the deadline. */
  errors: Map<string, number>;
  committed: number;
  /** Acknowledged with a 202 and yet not in the database: must be 0 whatever the load. */
  ackedNotCommitted: number;
  /** Committed events per second, from the first scheduled send to the last acknowledgement. */
  throughput: number;
  /** Acknowledgement latency over every send; one never acknowledged counts as infinitely late. */
  latency: { p50: number; p99: number; max: number };
  sendLagP99: number | null;
  cpu: Cpu;
  keptUp: boolean;
}

const errorCount = (s: Step) => [...s.errors.values()].reduce((a, b) => a + b, 0);

/**
 * Sends `rate * seconds` signed deliveries open-loop. Sends still unanswered `DRAIN_MS` after the last one was due
 * are aborted, so an overloaded step ends in bounded time (and counts them as errors, never as fast).
 */
async function runStep(http: Pool, check: pg.Pool, server: ProductionServer, database: string, rate: number, seconds: number): Promise<Step> {
  const total = Math.round(rate * seconds);
  const prefix = `r${rate}-${randomBytes(3).toString("hex")}-`;
  // Signed before the clock starts, so signing costs the generator nothing while it must keep time.
  const requests = Array.from({ length: total }, (_, i) => signedRequest(`${prefix}${i}`, i));
  const latencies: number[] = [];
  const ackedIds: string[] = [];
  const lags: number[] = [];
  const errors = new Map<string, number>();
  const failed = (key: string) => errors.set(key, (errors.get(key) ?? 0) + 1);
  const inFlight: Promise<void>[] = [];
  const abort = new AbortController();
  let lastAck = 0;
  const cpu = cpuMeter(server.pgid, database);
  setMaxListeners(total + 10, abort.signal); // one listener per request in flight
  const t0 = performance.now() + 20;
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    for (; next < due; next++) {
      const scheduled = t0 + (next * 1000) / rate;
      lags.push(performance.now() - scheduled);
      const { body, headers } = requests[next]!;
      inFlight.push(
        http.request({ path: `/api/webhooks/in/${SLUG}`, method: "POST", headers, body, signal: abort.signal }).then(
          async (res) => {
            await res.body.dump();
            const done = performance.now();
            if (res.statusCode !== 202) return void failed(`HTTP ${res.statusCode}`);
            latencies.push(done - scheduled);
            ackedIds.push(headers["webhook-id"]);
            lastAck = Math.max(lastAck, done);
          },
          (err: unknown) =>
            void failed(abort.signal.aborted ? "no answer by the deadline" : ((err as { code?: string }).code ?? (err instanceof Error ? err.name : "error"))),
        ),
      );
    }
    await sleep(1);
  }
  const deadline = setTimeout(() => abort.abort(), DRAIN_MS);
  await Promise.all(inFlight);
  clearTimeout(deadline);
  const cpuUse = cpu.stop();
  // An aborted request the server had already read may still commit: give it a moment before counting.
  if (abort.signal.aborted) await sleep(2_000);
  const { rows } = await check.query<{ n: string }>(`SELECT count(*) AS n FROM "WebhookEvent" WHERE "externalId" LIKE $1 AND verified`, [`${prefix}%`]);
  const committed = Number(rows[0]!.n);
  const { rows: found } = await check.query<{ n: string }>(`SELECT count(*) AS n FROM "WebhookEvent" WHERE "externalId" = ANY($1::text[])`, [ackedIds]);
  const ackedNotCommitted = ackedIds.length - Number(found[0]!.n);
  const sorted = [...latencies].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.max(1, Math.ceil(q * total)) - 1] ?? Infinity;
  const latency = { p50: at(0.5), p99: at(0.99), max: latencies.length === total ? sorted[sorted.length - 1]! : Infinity };
  const throughput = committed / ((Math.max(lastAck, t0 + 1) - t0) / 1000);
  const step: Step = {
    rate,
    seconds,
    sent: total,
    acked: latencies.length,
    errors,
    committed,
    ackedNotCommitted,
    throughput,
    latency,
    sendLagP99: summarize(lags).p99,
    cpu: cpuUse,
    keptUp: false,
  };
  step.keptUp = committed === total && errorCount(step) === 0 && throughput >= rate * 0.95 && latency.p99 < SANE_P99_MS;
  return step;
}

// ---- the receiver's own ceiling ----

/**
 * Closed loop, `inFlight` requests at a time for `seconds`: how many answers a second the server gives on one path.
 * Run against the receiver (verified, committed: 202) and against the same route at an unknown address (404 from
 * the source cache: no body read, no verification, no database), the second is what the HTTP layer itself allows
 * (under `npm start` that is the node:http fast path in front of Next, lib/http/webhook-fast-path.ts).
 */
async function closedLoop(
  http: Pool,
  server: ProductionServer,
  database: string,
  path: (i: number) => string,
  seconds: number,
  inFlight: number,
): Promise<{ answered: number; perSecond: number; statuses: Map<number, number>; cpu: Cpu }> {
  const statuses = new Map<number, number>();
  const prefix = randomBytes(3).toString("hex");
  const requests = Array.from({ length: 2_000 }, (_, i) => signedRequest(`loop-${prefix}-${i}`, i));
  let answered = 0;
  let n = 0;
  const cpu = cpuMeter(server.pgid, database);
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        const i = n++;
        // A fresh id per send (signed ahead, reused past 2,000 with a suffix the signature does not cover is not an
        // option), so the receiver path never turns into duplicate acknowledgements.
        const { body, headers } = i < requests.length ? requests[i]! : signedRequest(`loop-${prefix}-${i}`, i);
        const res = await http.request({ path: path(i), method: "POST", headers, body }).catch(() => null);
        if (!res) continue;
        await res.body.dump();
        answered++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  return { answered, perSecond: (answered * 1000) / elapsed, statuses, cpu: cpu.stop() };
}

// ---- ceiling ----

/** The receiver's INSERT (lib/webhooks/ingest.ts), verbatim but for the table. */
const INSERT = `
  INSERT INTO "BenchCeiling" ("sourceId", "receivedAt", "externalId", "eventType", headers, body, "contentType", verified, "verificationDetail", status, "nextAttemptAt")
  VALUES ($1::uuid, $2::timestamp, $3, $4, $5::jsonb, decode($6, 'hex'), $7, $8, $9, $10::"WebhookEventStatus", $11::timestamp)
  ON CONFLICT ("sourceId", "externalId") DO NOTHING
  RETURNING id`;

async function ceiling(
  url: string,
  database: string,
  sourceId: string,
): Promise<{ rows: number; perSecond: number; latency: ReturnType<typeof summarize>; cpu: Cpu }> {
  const pool = new pg.Pool({ connectionString: url, max: opts.ceilingConcurrency });
  try {
    // Same columns, defaults, indexes and unique constraint; LIKE copies no foreign key, so it is added as the real one.
    await pool.query(`CREATE TABLE "BenchCeiling" (LIKE "WebhookEvent" INCLUDING ALL)`);
    await pool.query(`ALTER TABLE "BenchCeiling" ADD FOREIGN KEY ("sourceId") REFERENCES "WebhookSource"(id) ON DELETE CASCADE`);
    // One row's bytes, built once: the loop should spend its time in PostgreSQL, not in JSON or HMAC.
    const sample = signedRequest("ceiling", 0);
    const bodyHex = Buffer.from(sample.body).toString("hex");
    const headers = JSON.stringify(sample.headers);
    const latencies: number[] = [];
    let n = 0;
    const cpu = cpuMeter(null, database);
    const t0 = performance.now();
    const end = t0 + opts.ceilingSeconds * 1000;
    await Promise.all(
      Array.from({ length: opts.ceilingConcurrency }, async () => {
        while (performance.now() < end) {
          const i = n++;
          const now = new Date();
          const started = performance.now();
          await pool.query(INSERT, [
            sourceId,
            now,
            `ceiling-${i}`,
            "invoice.paid",
            headers,
            bodyHex,
            "application/json",
            true,
            "Verified with standard_webhooks",
            "received",
            now,
          ]);
          latencies.push(performance.now() - started);
        }
      }),
    );
    const ms = performance.now() - t0;
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "BenchCeiling"`);
    return { rows: Number(rows[0]!.n), perSecond: (Number(rows[0]!.n) * 1000) / ms, latency: summarize(latencies), cpu: cpu.stop() };
  } finally {
    await pool.end();
  }
}

// ---- main ----

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `bench:webhooks  ${opts.rate}/s for ${opts.seconds} s, then ${opts.ramp.join(", ")}/s for ${opts.rampSeconds} s each; load average ${loadAverage()}`,
  );
  let scratch: BenchDatabase | null = null;
  let server: ProductionServer | null = null;
  let http: Pool | null = null;
  let check: pg.Pool | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await http?.destroy().catch(() => undefined);
      if (server) await stopServer(server).catch(() => undefined);
      await check?.end().catch(() => undefined);
      await scratch?.close();
    })());
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal, and relayed by the tsx CLI), and a
  // second signal without a handler would kill it before it has stopped the server and dropped the database.
  const interrupted = (signal: string) => {
    if (cleaning) return;
    console.log(`\n${signal}: stopping the server and dropping the scratch database`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", () => interrupted("SIGINT"));
  process.on("SIGTERM", () => interrupted("SIGTERM"));

  try {
    // The reaper drops it, and stops the server, even if this process is killed before it can clean up.
    scratch = await openBenchDatabase("tether_bench_webhooks", { keep: opts.keep, reaper: true });
    const env = {
      DATABASE_URL: scratch.url,
      TETHER_DEMO: "off",
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      NEXT_TELEMETRY_DISABLED: "1",
      TETHER_LOG_LEVEL: "warn",
    };
    // The source's secret is sealed under the server's key, so this process uses the same one.
    Object.assign(process.env, { TETHER_ENCRYPTION_KEY: env.TETHER_ENCRYPTION_KEY });
    const db = createDb(scratch.url, { max: 2 });
    const { createSource } = await import("../../lib/webhooks/sources");
    const source = await createSource(db, { name: "Bench", slug: SLUG, scheme: "standard_webhooks", secret: SECRET }, { principal: null });
    await db.$disconnect();
    check = new pg.Pool({ connectionString: scratch.url, max: 2 });

    console.log(`ceiling: bare INSERT loop, ${opts.ceilingConcurrency} connections, ${opts.ceilingSeconds} s (server not running yet)`);
    const ceil = await ceiling(scratch.url, scratch.name, source.id);
    console.log(
      `  ${int(ceil.rows)} rows, ${int(ceil.perSecond)}/s, INSERT p50 ${fmt(ceil.latency.p50, 2)} ms p99 ${fmt(ceil.latency.p99, 2)} ms; CPU % of a core: ${cpuText(ceil.cpu)} (${fmt((ceil.cpu.groups.postgres / ceil.rows) * 1000, 0)} µs of PostgreSQL CPU an insert)`,
    );

    const serverStart = performance.now();
    // Kept in `server` at once, so an interrupt while it is still starting stops it too.
    server = spawnProductionServer({ port: await freePort(), env, keepLines: 200 });
    scratch.guard(server.pgid);
    await untilReady(server, 90_000);
    const startedAt = Date.now();
    console.log(`server up on ${server.origin} in ${fmt((performance.now() - serverStart) / 1000)} s (pid ${server.pgid})`);
    http = new Pool(server.origin, { connections: opts.connections, pipelining: 1, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });

    const steps: Step[] = [];
    const run = async (rate: number, seconds: number) => {
      const step = await runStep(http!, check!, server!, scratch!.name, rate, seconds);
      steps.push(step);
      const errs = [...step.errors].map(([k, v]) => `${k} x${int(v)}`).join(", ") || "none";
      console.log(
        `  ${rate}/s x ${seconds} s: ${int(step.sent)} sent, ${int(step.acked)} acked, ${int(step.committed)} committed (${int(step.throughput)}/s); ack p50 ${ms(step.latency.p50)} p99 ${ms(step.latency.p99)}; errors ${errs}; CPU % of a core: ${cpuText(step.cpu)}, server ${fmt(step.cpu.groups.server / step.committed, 2)} ms an event${step.keptUp ? "" : "  <- did not keep up"}`,
      );
      await sleep(1_000);
      return step;
    };
    // A fresh server loads the receiver's modules and compiles on first use: warm it with a short closed loop,
    // so the first timed step measures the server, not its start-up.
    const warm = performance.now();
    let warmed = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = warmed++; i < WARMUP_REQUESTS; i = warmed++) {
          const { body, headers } = signedRequest(`warmup-${i}`, i);
          await (await http!.request({ path: `/api/webhooks/in/${SLUG}`, method: "POST", headers, body })).body.dump();
        }
      }),
    );
    console.log(`warm-up (not counted): ${WARMUP_REQUESTS} requests, 8 at a time, in ${fmt((performance.now() - warm) / 1000)} s`);
    await sleep(1_000);
    console.log(`fixed rate: ${opts.rate}/s for ${opts.seconds} s`);
    const base = await run(opts.rate, opts.seconds);
    if (base.keptUp) {
      console.log(`ramp: ${opts.ramp.join(", ")}/s for ${opts.rampSeconds} s each, until one does not keep up`);
      for (const rate of opts.ramp) if (!(await run(rate, opts.rampSeconds)).keptUp) break;
    } else {
      // Overloaded at the base rate: its throughput is about the server's capacity, so look for the sustained
      // rate just under it instead.
      const capacity = base.throughput;
      const rates = [0.9, 0.7, 0.5, 0.3].map((f) => Math.max(10, Math.round((capacity * f) / 10) * 10));
      console.log(
        `search below: ${opts.rate}/s overloaded the server at ~${int(capacity)}/s; trying ${rates.join(", ")}/s for ${opts.rampSeconds} s each until one keeps up`,
      );
      for (const rate of rates) if ((await run(rate, opts.rampSeconds)).keptUp) break;
    }

    console.log(`receiver ceiling: closed loop, ${LOOP_IN_FLIGHT} in flight, ${opts.ceilingSeconds} s each`);
    const loopIngest = await closedLoop(http, server, scratch.name, () => `/api/webhooks/in/${SLUG}`, opts.ceilingSeconds, LOOP_IN_FLIGHT);
    const loopEmpty = await closedLoop(http, server, scratch.name, () => "/api/webhooks/in/no-such-source", opts.ceilingSeconds, LOOP_IN_FLIGHT);
    for (const [label, r] of [
      ["receiver (202)", loopIngest],
      ["same route, unknown source (404, no DB)", loopEmpty],
    ] as const) {
      console.log(
        `  ${label}: ${int(r.perSecond)}/s (${[...r.statuses].map(([k, v]) => `${k} x${int(v)}`).join(", ")}); CPU % of a core: ${cpuText(r.cpu)}, server ${fmt(r.cpu.groups.server / Math.max(1, r.answered), 2)} ms a request`,
      );
    }

    const { rows: queue } = await check.query<{ status: string; n: string }>(`SELECT status::text, count(*) AS n FROM "WebhookEvent" GROUP BY 1 ORDER BY 1`);
    const processed = Number(queue.find((r) => r.status === "processed")?.n ?? 0);
    const drainPerS = processed / ((Date.now() - startedAt) / 1000);

    // ---- report ----
    const sustained = steps.filter((s) => s.keptUp).reduce<Step | null>((best, s) => (!best || s.rate > best.rate ? s : best), null);
    const peak = steps.reduce((best, s) => (s.throughput > best.throughput ? s : best), steps[0]!);
    console.log("");
    console.log(
      table([
        [
          "offered",
          "sent",
          "acked",
          "errors",
          "committed",
          "committed/s",
          "ack p50",
          "ack p99",
          "ack max",
          "send lag p99",
          "CPU % of a core",
          "server CPU/event",
          "kept up",
        ],
        ...steps.map((s) => [
          `${s.rate}/s x ${s.seconds} s`,
          int(s.sent),
          int(s.acked),
          int(errorCount(s)),
          int(s.committed),
          int(s.throughput),
          ms(s.latency.p50),
          ms(s.latency.p99),
          ms(s.latency.max),
          ms(s.sendLagP99),
          cpuText(s.cpu),
          `${fmt(s.cpu.groups.server / s.committed, 2)} ms`,
          s.keptUp ? "yes" : "no",
        ]),
      ]),
    );
    console.log("");
    console.log(
      table([
        ["figure", "value", "target", "verdict"],
        [`ack latency p50 at ${opts.rate}/s`, ms(base.latency.p50), "-", "info"],
        [`ack latency p99 at ${opts.rate}/s`, ms(base.latency.p99), `< ${TARGETS.p99Ms} ms`, verdict(base.latency.p99 < TARGETS.p99Ms)],
        [`committed == sent at ${opts.rate}/s`, `${int(base.committed)} / ${int(base.sent)}`, "all", verdict(base.committed === base.sent)],
        [
          "acknowledged (202) but not committed, all steps",
          int(steps.reduce((n, s) => n + s.ackedNotCommitted, 0)),
          "0",
          verdict(steps.every((s) => s.ackedNotCommitted === 0)),
        ],
        [
          `sustained rate (all committed, p99 < ${SANE_P99_MS} ms)`,
          sustained ? `${int(sustained.rate)}/s` : `< ${int(Math.min(...steps.map((s) => s.rate)))}/s`,
          `>= ${int(TARGETS.sustainedPerS)}/s`,
          verdict(!!sustained && sustained.rate >= TARGETS.sustainedPerS),
        ],
        ["peak verified+committed events/s", `${int(peak.throughput)}/s (at ${int(peak.rate)}/s offered)`, "-", "info"],
        [`ceiling: bare INSERT loop, ${opts.ceilingConcurrency} connections`, `${int(ceil.perSecond)}/s`, "-", "info"],
        ["server / ceiling", `${fmt((peak.throughput / ceil.perSecond) * 100, 0)}%`, "-", "info"],
        [
          `receiver, closed loop (${LOOP_IN_FLIGHT} in flight)`,
          `${int(loopIngest.perSecond)}/s, ${fmt(loopIngest.cpu.groups.server / Math.max(1, loopIngest.answered), 2)} ms server CPU each`,
          "-",
          "info",
        ],
        [
          `receiver ceiling: same address, unknown source (404, no DB)`,
          `${int(loopEmpty.perSecond)}/s, ${fmt(loopEmpty.cpu.groups.server / Math.max(1, loopEmpty.answered), 2)} ms server CPU each`,
          "-",
          "info",
        ],
        ["queue drain by the worker meanwhile (no relay: settled in bulk, up to 5,000 a tick)", `${fmt(drainPerS)}/s`, "-", "info"],
      ]),
    );
    if (steps.some((s) => s.errors.has("no answer by the deadline"))) {
      console.log(
        `\n"no answer by the deadline": still unanswered ${DRAIN_MS / 1000} s after the step's last send was due, so abandoned by this benchmark (a sender would retry); not refused by the server.`,
      );
    }
    console.log(`\nqueue at end: ${queue.map((r) => `${r.status} ${int(Number(r.n))}`).join(", ")}`);
    console.log(`load average at end ${loadAverage()}; total runtime ${fmt((Date.now() - started) / 1000)} s`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
