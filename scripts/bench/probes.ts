// `npm run bench:probes`: how many probes the real Worker sustains against a local HTTP target that answers in a
// fixed few ms, and how late it starts them. Phases, on a scratch database:
//   1. steady: N integrations spread over one interval; after a warm-up, a quiet window measures probes/s (runs
//      started in the window / window), schedule lag (ProbeRun.startedAt - scheduledFor, p50/p99, from the
//      database) and worker CPU per probe (process.cpuUsage() over the window / probes);
//   2. dashboards: the same, while another process loads the overview (`listIntegrations`) in a loop;
//   3. cold restart: 1,000 integrations all overdue, a fresh worker process (the built one `npm run worker` runs);
//      time until each has a run;
//   4. ceiling: a bare undici `request` loop at the same concurrency against the same target.
// Only the Worker runs in this process (the harness sleeps through the windows), so this process's CPU is the
// worker's; the target and the dashboard load are child programs (scripts/bench/probes/).
// Prints figures against the targets and exits 0 whatever they are: a benchmark reports, it does not gate CI.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { createDb, type Db } from "../../lib/db/client";
import { summarize } from "../../lib/domain/percentiles";
import { createLogger } from "../../lib/observability/logger";
import { Worker } from "../../lib/scheduler/worker";
import { benchArgs, positive } from "./kit/args";
import { forkChild, killAll } from "./kit/children";
import { CpuMeter, postgresSessions, processId } from "./kit/cpu";
import { fmt, loadAverage, table, verdict } from "./kit/report";
import { openBenchDatabase } from "./kit/scratch-db";
import type { FromLoad, ToLoad } from "./probes/overview-load";
import type { FromTarget } from "./probes/http-target";

const opts = benchArgs({
  // 220 probes/s of demand: a worker that keeps up shows more than the 200/s target, not a coin flip around it.
  integrations: positive(3300),
  /** Seconds between an integration's runs. */
  interval: positive(15),
  /** Seconds of the quiet measuring window, rounded up to whole intervals. */
  window: positive(45),
  // Whole intervals before the window: the first lets every integration run once, the second lets a worker that
  // started behind (a machine busy starting the other processes) catch up, so the window shows the steady state.
  "warmup-intervals": positive(2),
  /** Seconds of the window with the overview loading. */
  "dashboard-window": positive(15),
  "dashboard-concurrency": positive(2),
  // Probes started or waiting for their due time (claimed up to 1.2 s ahead): above demand x 1.2 s.
  concurrency: positive(320),
  pool: positive(10),
  /** Milliseconds the HTTP target takes to answer. */
  "target-delay": positive(3),
  cold: positive(1000),
  /** Seconds of the bare undici loop. */
  ceiling: positive(10),
});

const TARGETS = { probesPerSecond: 200, cpuMsPerProbe: 2, lagP99Ms: 250 };

/** Counts the worker's warnings and errors by message instead of printing thousands of lines mid-table. */
class LogTally {
  readonly counts = new Map<string, number>();
  total = 0;
  readonly logger = createLogger("worker", "warn", (line) => this.add(line));
  add(line: string): void {
    const key = line.replace(/^\S+\s+/, "").replace(/ (integration|worker)=\S+/g, "");
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }
}

/** A child program of this benchmark (scripts/bench/probes/), with the environment it needs and nothing else. */
const childEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? "", NODE_ENV: "production", TETHER_LOG_LEVEL: "warn", ...env });

/**
 * A freshly started worker process, as after a deploy or a crash: the real one, as `npm run worker` runs it (the
 * bundle from `npm run build:worker`, built before the timing starts). Resolves when it logs that it started; its
 * warnings and errors are counted.
 */
async function startColdWorker(env: Record<string, string>, logs: LogTally): Promise<{ child: ChildProcess; startedAt: number }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("../../node_modules/.cache/tether/worker.mjs", import.meta.url))], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", TETHER_LOG_LEVEL: "info", TETHER_WORKER_CONCURRENCY: String(opts.concurrency), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let resolveStarted: (at: number) => void;
  const started = new Promise<number>((r) => (resolveStarted = r));
  const lines = createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    if (/ INFO  \[worker\] started /.test(line)) resolveStarted(Date.now());
    else if (/ (WARN|ERROR) /.test(line)) logs.add(line);
  });
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
  return { child, startedAt: await started };
}

// ---- measurement helpers ----

interface RunStats {
  runs: number;
  failures: number;
  errorClasses: string | null;
  lagP50: number | null;
  lagP99: number | null;
  lagMax: number | null;
  /** Lag beyond the next whole second (the worker ticks once a second): the part that is not tick granularity. */
  pastTickP50: number | null;
  pastTickP99: number | null;
}

async function runStats(db: Db, from: number, to: number): Promise<RunStats> {
  const [row] = await db.$queryRaw<RunStats[]>`
    SELECT count(*)::int AS runs,
      count(*) FILTER (WHERE NOT ok)::int AS failures,
      string_agg(DISTINCT "errorClass", ',') AS "errorClasses",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS "lagP50",
      percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS "lagP99",
      max(lag) AS "lagMax",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY past_tick) AS "pastTickP50",
      percentile_cont(0.99) WITHIN GROUP (ORDER BY past_tick) AS "pastTickP99"
    FROM (
      SELECT ok, "errorClass",
        (extract(epoch FROM "startedAt" - "scheduledFor") * 1000)::float8 AS lag,
        (extract(epoch FROM "startedAt" - date_trunc('second', "scheduledFor" + interval '999 milliseconds')) * 1000)::float8 AS past_tick
      FROM "ProbeRun"
      WHERE "startedAt" >= ${new Date(from)}::timestamp AND "startedAt" < ${new Date(to)}::timestamp AND "scheduledFor" IS NOT NULL
    ) r`;
  return row!;
}

async function seedIntegrations(
  db: Db,
  opts: { prefix: string; count: number; url: string; intervalS: number; firstDue: number; spreadMs: number },
): Promise<void> {
  const config = JSON.stringify({ method: "GET", url: opts.url, headers: [], expectedStatus: "2xx" });
  // Slots spread evenly over `spreadMs` at millisecond precision, as integrations created through the API are.
  await db.$executeRaw`
    INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "retryAttempts", "nextRunAt", "updatedAt")
    SELECT gen_random_uuid(), ${opts.prefix} || lpad(g::text, 5, '0'), 'http', ${config}::jsonb, ${opts.intervalS}::int, 2000, 0,
      ${new Date(opts.firstDue)}::timestamp + make_interval(secs => (g * ${opts.spreadMs}::float8 / ${opts.count}) / 1000.0),
      ${new Date()}::timestamp
    FROM generate_series(0, ${opts.count}::int - 1) AS g`;
}

// ---- main ----

async function main(): Promise<void> {
  const started = Date.now();
  const intervalMs = opts.interval * 1000;
  // Whole intervals, so every integration is due the same number of times in the window.
  const windowMs = Math.ceil((opts.window * 1000) / intervalMs) * intervalMs;
  const demand = opts.integrations / opts.interval;
  console.log(
    `bench:probes  ${opts.integrations} integrations every ${opts.interval} s (demand ${fmt(demand)} probes/s), worker concurrency ${opts.concurrency}, pool ${opts.pool}, target delay ${opts.targetDelay} ms`,
  );
  console.log(`machine: 2-core budget, load average at start ${loadAverage()}`);

  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  // The cold-restart phase runs the built worker: build it now if stale, outside any timing.
  const build = spawnSync(process.execPath, [fileURLToPath(new URL("../build-worker.mjs", import.meta.url))], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build:worker failed: ${build.stderr}`);
  const t = await openBenchDatabase("tether_bench_probes");
  const db = createDb(t.url);
  const children: ChildProcess[] = [];
  const dbEnv = { DATABASE_URL: t.url, TETHER_ALLOW_PRIVATE_TARGETS: "true" };
  let worker: Worker | null = null;
  let workerDb: Db | null = null;
  try {
    const target = forkChild<never, FromTarget>(new URL("./probes/http-target.ts", import.meta.url), ["--delay", String(opts.targetDelay)], childEnv({}));
    children.push(target.child);
    const { port } = await target.next("ready");
    const url = `http://127.0.0.1:${port}/health`;

    // Steady phase: slots start a couple of seconds from now and spread over one interval (no initial burst).
    const firstDue = Date.now() + 2_000;
    await seedIntegrations(db, { prefix: "svc-", count: opts.integrations, url, intervalS: opts.interval, firstDue, spreadMs: intervalMs });
    const dashboard = forkChild<ToLoad, FromLoad>(
      new URL("./probes/overview-load.ts", import.meta.url),
      ["--concurrency", String(opts.dashboardConcurrency)],
      childEnv(dbEnv),
    );
    children.push(dashboard.child);
    workerDb = createDb(t.url, { max: opts.pool });
    const tally = new LogTally();
    worker = new Worker({ db: workerDb, concurrency: opts.concurrency, logger: tally.logger });
    worker.start();
    await dashboard.next("ready");
    // Warm-up: whole intervals, so every integration has run (circuit rows exist, JIT is warm) and any backlog is gone.
    await sleep(firstDue + opts.warmupIntervals * intervalMs + 2_000 - Date.now());

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    // Sampled at the window's ends only: a sampler running meanwhile would bill its own reads to the worker.
    const meter = new CpuMeter({ postgres: postgresSessions(t.name), target: processId(target.child.pid) }, { sampleEveryMs: null });
    const windowFrom = Date.now();
    const eluBefore = performance.eventLoopUtilization();
    const errorsBefore = tally.total;
    loopDelay.enable();
    await sleep(windowMs); // the harness stays idle: only the worker runs in this process
    loopDelay.disable();
    const cpu = meter.stop();
    const windowTo = Date.now();
    const elu = performance.eventLoopUtilization(eluBefore).utilization;
    const windowErrors = tally.total - errorsBefore;

    const dashStart = Date.now();
    dashboard.send({ kind: "go" });
    await sleep(opts.dashboardWindow * 1000);
    const dashEnd = Date.now();
    const dashResult = dashboard.next("result");
    dashboard.send({ kind: "stop" });
    const dashLatencies = (await dashResult).latencies;

    const quiet = await runStats(db, windowFrom, windowTo);
    const loaded = await runStats(db, dashStart, dashEnd);
    const [overdue] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Integration" WHERE enabled AND "nextRunAt" < ${new Date(Date.now() - 2_000)}::timestamp`;
    await worker.stop();
    worker = null;
    await workerDb.$disconnect();
    workerDb = null;

    const windowS = (windowTo - windowFrom) / 1000;
    const probesPerS = quiet.runs / windowS;
    const cpuMs = cpu.self.ms;
    const cpuMsPerProbe = quiet.runs > 0 ? cpuMs / quiet.runs : null;
    const machineBusy = cpu.machine.busyMs / cpu.machine.totalMs;
    const pgMsPerProbe = quiet.runs > 0 ? cpu.groups.postgres / quiet.runs : null;
    const targetMsPerProbe = quiet.runs > 0 ? cpu.groups.target / quiet.runs : null;
    const dash = summarize(dashLatencies);

    // Cold restart: the steady integrations are paused; `cold` integrations are all overdue (missed while no
    // worker ran) and a fresh worker process starts. Each must be probed within one interval of the restart.
    await db.$executeRaw`UPDATE "Integration" SET enabled = false`;
    const restartAt = Date.now();
    await seedIntegrations(db, { prefix: "cold-", count: opts.cold, url, intervalS: opts.interval, firstDue: restartAt - intervalMs, spreadMs: intervalMs });
    const coldLogs = new LogTally();
    const spawnAt = Date.now();
    const { child: coldWorker, startedAt: coldStartedAt } = await startColdWorker(dbEnv, coldLogs);
    children.push(coldWorker);
    const deadline = spawnAt + 3 * intervalMs + 10_000;
    let probed = 0;
    while (Date.now() < deadline) {
      const [row] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(DISTINCT r."integrationId")::int AS n FROM "ProbeRun" r JOIN "Integration" i ON i.id = r."integrationId"
        WHERE i.name LIKE 'cold-%'`;
      probed = row!.n;
      if (probed >= opts.cold) break;
      await sleep(250);
    }
    const [cold] = await db.$queryRaw<{ n: number; firstMs: number | null; p50Ms: number | null; lastMs: number | null; within: number }[]>`
      SELECT count(*)::int AS n, min(ms) AS "firstMs", percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS "p50Ms", max(ms) AS "lastMs",
        count(*) FILTER (WHERE ms <= ${intervalMs})::int AS within
      FROM (
        SELECT (extract(epoch FROM min(r."startedAt") - ${new Date(spawnAt)}::timestamp) * 1000)::float8 AS ms
        FROM "ProbeRun" r JOIN "Integration" i ON i.id = r."integrationId"
        WHERE i.name LIKE 'cold-%' GROUP BY r."integrationId"
      ) f`;
    const coldExited = new Promise((r) => coldWorker.once("exit", r));
    coldWorker.kill("SIGTERM");
    await coldExited;
    const allProbed = probed >= opts.cold;
    const drainPerS =
      cold && cold.firstMs !== null && cold.lastMs !== null && cold.lastMs > cold.firstMs ? (cold.n - 1) / ((cold.lastMs - cold.firstMs) / 1000) : null;

    // Ceiling: the same target through undici with nothing else, at the worker's concurrency.
    const ceilingCpu0 = process.cpuUsage();
    const ceilingEnd = Date.now() + opts.ceiling * 1000;
    let requests = 0;
    let requestErrors = 0;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (Date.now() < ceilingEnd) {
          try {
            const res = await request(url);
            await res.body.text();
            if (res.statusCode === 200) requests++;
            else requestErrors++;
          } catch {
            requestErrors++;
          }
        }
      }),
    );
    const ceilingCpu = process.cpuUsage(ceilingCpu0);
    const ceilingPerS = requests / opts.ceiling;
    const ceilingCpuMsPerReq = requests > 0 ? (ceilingCpu.user + ceilingCpu.system) / 1000 / requests : null;

    // ---- report ----
    console.log("");
    console.log(
      `steady window ${fmt(windowS)} s (after ${opts.warmupIntervals * opts.interval + 2} s warm-up); dashboard window ${fmt((dashEnd - dashStart) / 1000)} s with ${opts.dashboardConcurrency} overview loads in flight`,
    );
    console.log(
      table([
        ["figure", "value", "target", "verdict"],
        ["probes/s sustained (demand " + fmt(demand) + ")", fmt(probesPerS), `>= ${TARGETS.probesPerSecond}`, verdict(probesPerS >= TARGETS.probesPerSecond)],
        [
          "worker CPU ms per probe",
          fmt(cpuMsPerProbe, 2),
          `<= ${TARGETS.cpuMsPerProbe}`,
          verdict(cpuMsPerProbe === null ? null : cpuMsPerProbe <= TARGETS.cpuMsPerProbe),
        ],
        ["schedule lag p50 ms (quiet)", fmt(quiet.lagP50), "", ""],
        ["schedule lag p99 ms (quiet)", fmt(quiet.lagP99), `< ${TARGETS.lagP99Ms}`, verdict(quiet.lagP99 === null ? null : quiet.lagP99 < TARGETS.lagP99Ms)],
        ["schedule lag p50 ms (dashboards loading)", fmt(loaded.lagP50), "", ""],
        [
          "schedule lag p99 ms (dashboards loading)",
          fmt(loaded.lagP99),
          `< ${TARGETS.lagP99Ms}`,
          verdict(loaded.lagP99 === null ? null : loaded.lagP99 < TARGETS.lagP99Ms),
        ],
        [
          `cold restart: ${opts.cold} probed, last at s`,
          allProbed ? fmt((cold?.lastMs ?? NaN) / 1000) : `${probed}/${opts.cold} by ${fmt((deadline - spawnAt) / 1000)} s`,
          `<= ${opts.interval} (one interval)`,
          verdict(allProbed && (cold?.lastMs ?? Infinity) <= intervalMs),
        ],
        ["ceiling: bare undici req/s", fmt(ceilingPerS), "", ""],
        ["ratio sustained probes/s / ceiling", fmt(ceilingPerS > 0 ? probesPerS / ceilingPerS : null, 3), "", ""],
        ["ratio saturated probes/s (cold drain) / ceiling", fmt(drainPerS !== null && ceilingPerS > 0 ? drainPerS / ceilingPerS : null, 3), "", ""],
      ]),
    );
    console.log("");
    console.log("details");
    console.log(
      table([
        ["figure", "quiet", "dashboards loading"],
        ["runs started in window", String(quiet.runs), String(loaded.runs)],
        ["probes/s", fmt(probesPerS), fmt(loaded.runs / ((dashEnd - dashStart) / 1000))],
        ["failed runs (classes)", `${quiet.failures} (${quiet.errorClasses ?? "-"})`, `${loaded.failures} (${loaded.errorClasses ?? "-"})`],
        ["worker warnings/errors (e.g. runs not recorded)", String(windowErrors), "-"],
        ["lag max ms", fmt(quiet.lagMax), fmt(loaded.lagMax)],
        [
          "lag past the next 1-s tick p50/p99 ms",
          `${fmt(quiet.pastTickP50)} / ${fmt(quiet.pastTickP99)}`,
          `${fmt(loaded.pastTickP50)} / ${fmt(loaded.pastTickP99)}`,
        ],
        ["overview loads (p50/p95 ms)", "-", `${dash.count} (${fmt(dash.p50, 0)} / ${fmt(dash.p95, 0)})`],
      ]),
    );
    const userMsPerProbe = quiet.runs > 0 ? cpu.self.userMs / quiet.runs : null;
    console.log(
      `worker process: ${fmt(cpuMs / windowS / 10)}% of one core (per probe ${fmt(userMsPerProbe, 2)} ms user + ${fmt(cpuMsPerProbe !== null && userMsPerProbe !== null ? cpuMsPerProbe - userMsPerProbe : null, 2)} ms system), event-loop utilisation ${fmt(elu * 100)}%, loop delay p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms`,
    );
    console.log(
      `per probe, other processes: PostgreSQL backends ${fmt(pgMsPerProbe, 2)} ms CPU, HTTP target ${fmt(targetMsPerProbe, 2)} ms CPU; machine busy ${fmt(machineBusy * 100)}% of all cores during the window`,
    );
    console.log(`overdue by > 2 s at the end of the steady phase: ${overdue?.n ?? "n/a"} integrations`);
    console.log(
      `cold restart: worker process up after ${fmt((coldStartedAt - spawnAt) / 1000, 2)} s; first probe at ${fmt((cold?.firstMs ?? NaN) / 1000, 2)} s, median ${fmt((cold?.p50Ms ?? NaN) / 1000, 2)} s, last ${fmt((cold?.lastMs ?? NaN) / 1000, 2)} s; ${cold?.within ?? 0}/${opts.cold} within one interval; drain ${fmt(drainPerS)} probes/s`,
    );
    console.log(
      `ceiling: ${requests} requests in ${opts.ceiling} s at concurrency ${opts.concurrency} (${requestErrors} errors), ${fmt(ceilingCpuMsPerReq, 3)} ms CPU per request in this process`,
    );
    for (const [label, logs] of [
      ["steady worker", tally],
      ["cold worker", coldLogs],
    ] as const) {
      if (logs.total === 0) continue;
      console.log(`${label} logged ${logs.total} warnings/errors:`);
      for (const [line, n] of [...logs.counts].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${n} x ${line}`);
    }
    console.log(`load average at end ${loadAverage()}; total runtime ${fmt((Date.now() - started) / 1000)} s`);
  } finally {
    await worker?.stop().catch(() => undefined);
    await workerDb?.$disconnect().catch(() => undefined);
    killAll(children);
    await db.$disconnect();
    await t.close();
  }
}

await main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
// Memory of the production stack at 1,000 integrations (scripts/bench/probes/memory.ts; alone: `npm run bench:memory`).
const { memoryArgs, memoryPhase } = await import("./probes/memory");
await memoryPhase(memoryArgs([])).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
// Cached undici agents and pools would keep the process alive for their idle timeouts.
process.exit();
