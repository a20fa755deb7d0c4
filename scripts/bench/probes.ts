// `npm run bench:probes`: how many probes the real Worker sustains against a local HTTP target that answers in a
// fixed few ms, what each costs in CPU (the worker's and PostgreSQL's), and how late it starts them. Phases, each a
// function below, on one scratch database (each phase's integrations are paused when it ends):
//   1. light: Uptime Kuma's workload, 1,000 integrations every 20 s (50 probes/s): CPU per probe when the fixed
//      per-second work (claims, periodic jobs) is shared by few probes;
//   2. ramp: steps of rising demand (probes/s = integrations / interval); each step, after a warm-up, a quiet window
//      measures probes/s (runs started in the window / window), schedule lag (ProbeRun.startedAt - scheduledFor,
//      p50/p99, from the database) and CPU per probe (this process and the bench database's PostgreSQL backends);
//      the knee is the highest step sustained (>= 95% of demand) with lag p99 < 250 ms. The ramp stops at the first
//      step it does not sustain. The 1,000/s step (--target-rate) also runs a window with dashboards loading (the
//      unpaged list of every integration back to back, a heavier read than the paged overview; probes/overview-load.ts);
//   3. cold restart: 1,000 integrations all overdue, a fresh worker process (the built one `npm run worker` runs);
//      time until each has a run;
//   4. ceiling: a bare undici `request` loop against the same target, in the same run, as the yardstick: flat out,
//      then paced at the light rate (one request at a time every 20 ms), what a request costs when they come slowly;
//   5. memory: the whole `npm start` stack's RSS at 1,000 integrations (scripts/bench/probes/memory.ts).
// Only the Worker runs in this process (the harness sleeps through the windows, but for the event-loop delay
// sampler's timer, about 1 ms of CPU a second), so this process's CPU is the worker's; the target and the dashboard load are child programs (scripts/bench/probes/). The machine is shared:
// the load average is printed, and throughput is also given as a ratio to the ceiling measured in the same run.
// Prints figures against the targets and exits 0 whatever they are: a benchmark reports, it does not gate CI.
// The worker runs as production runs it. By default (`npm run bench:probes`) as `npm run worker` (the scale-out
// worker) does: V8's own settings. `npm run bench:probes:start` runs it as `npm start`'s one process does
// (package.json's "start": scripts/server-v8-flags, a 1 MB semi-space and MALLOC_ARENA_MAX=2, chosen for memory at
// the 50/s of 1,000 integrations); ./probes/flags.ts sets the V8 flags then. At 1,000/s those cost the worker 0.2-0.5
// ms a probe (0.68-1.03 against 0.52-0.61, its event loop up to 100% busy; 2026-12-07, alternating at load 2-5); at
// 50/s the two are within the noise. The header line says which way a run was made.
import "./probes/flags";
import { readFileSync } from "node:fs";
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
import { benchArgs, flag, positive, positiveList, type Option } from "./kit/args";
import { forkChild, killAll } from "./kit/children";
import { CpuMeter, parseProcStat, postgresSessions, processId, TICK_MS } from "./kit/cpu";
import { fmt, loadAverage, table, verdict } from "./kit/report";
import { AS_START, START_SEMI_SPACE } from "./probes/flags";
import { openBenchDatabase } from "./kit/scratch-db";
import type { FromLoad, ToLoad } from "./probes/overview-load";
import type { FromTarget } from "./probes/http-target";

const PHASES = ["ceiling", "light", "ramp", "cold", "memory"] as const;
type Phase = (typeof PHASES)[number];
const phaseList: Option<Phase[]> = {
  type: "string",
  default: PHASES.join(","),
  read: (value, name) => {
    const list = String(value).split(",").filter(Boolean);
    const bad = list.find((p) => !(PHASES as readonly string[]).includes(p));
    if (bad) throw new Error(`--${name}: unknown phase "${bad}" (phases: ${PHASES.join(", ")})`);
    return list as Phase[];
  },
};

const opts = benchArgs({
  /** Which phases run (a comma-separated subset, for profiling one). */
  phases: phaseList,
  /** Turn the worker's periodic jobs off (metrics render, status pages, summaries, alerts, provider status), to see the probe path alone. */
  "no-jobs": flag(),
  /** Demand of each ramp step, probes/s; the steps run in order and stop at the first not sustained. */
  ramp: positiveList("500,1000,1500,2000,3000"),
  /** The step that is measured longer, with the dashboard window after it (the issue's 1,000 probes/s). */
  "target-rate": positive(1000),
  /** Seconds between an integration's runs in the ramp (integrations = rate x interval). */
  interval: positive(5),
  /** Seconds of each ramp step's quiet window (the target step's is twice as long). */
  window: positive(10),
  /** Whole intervals of warm-up before each window (every integration runs once, JIT warm, backlog gone). */
  "warmup-intervals": positive(1),
  /** The light phase: integrations every interval (1,000 every 20 s is 50 probes/s), and its window in seconds. */
  "light-integrations": positive(1000),
  "light-interval": positive(20),
  "light-window": positive(40),
  /** Seconds of the target step's window with the overview loading. */
  "dashboard-window": positive(15),
  "dashboard-concurrency": positive(2),
  /** Worker concurrency: probes running, and as many slots held for their due time (claimed ~1.25 s ahead); at least demand x 1.6. */
  concurrency: positive(320),
  pool: positive(10),
  /** Milliseconds the HTTP target takes to answer. */
  "target-delay": positive(3),
  cold: positive(1000),
  /** Seconds of the bare undici loop. */
  ceiling: positive(10),
});

const TARGETS = { probesPerSecond: 1000, cpuMsPerProbe: 0.6, lagP99Ms: 250 };
/** The event-loop delay histogram's sampling period (see measureWindow). */
const LOOP_DELAY_RESOLUTION_MS = 50;
/** A step is sustained when it runs this share of its demand. */
const SUSTAINED = 0.95;

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
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      TETHER_LOG_LEVEL: "info",
      TETHER_WORKER_CONCURRENCY: String(opts.concurrency),
      ...env,
    },
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
}

async function runStats(db: Db, from: number, to: number): Promise<RunStats> {
  const [row] = await db.$queryRaw<RunStats[]>`
    SELECT count(*)::int AS runs,
      count(*) FILTER (WHERE NOT ok)::int AS failures,
      string_agg(DISTINCT "errorClass", ',') AS "errorClasses",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS "lagP50",
      percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS "lagP99",
      max(lag) AS "lagMax"
    FROM (
      SELECT ok, "errorClass",
        (extract(epoch FROM "startedAt" - "scheduledFor") * 1000)::float8 AS lag
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

// ---- phases ----

/** What every phase shares: the scratch database, the HTTP target, the child programs. */
interface Bench {
  db: Db;
  dbName: string;
  dbUrl: string;
  url: string;
  targetPid: number | undefined;
  children: ChildProcess[];
  dbEnv: Record<string, string>;
  logs: LogTally;
}

interface CpuPerProbe {
  workerMs: number | null;
  workerUserMs: number | null;
  /** The worker's JavaScript thread alone; the rest of workerMs is V8's GC and compiler threads and libuv's pool. */
  mainThreadMs: number | null;
  postgresMs: number | null;
  targetMs: number | null;
  /** Worker + PostgreSQL. */
  totalMs: number | null;
  machineBusy: number;
  workerCoreShare: number;
}

interface WindowResult {
  label: string;
  demand: number;
  probesPerS: number;
  stats: RunStats;
  cpu: CpuPerProbe;
  elu: number;
  loopDelayP99Ms: number;
  sustained: boolean;
  lagOk: boolean;
  warnings: number;
}

interface SteadyResult {
  quiet: WindowResult;
  /** The window with the overview loading, when asked for. */
  loaded: (WindowResult & { overviewP50: number | null; overviewP95: number | null; overviewLoads: number }) | null;
}

/**
 * One demand level: `count` integrations every `intervalS`, a fresh Worker sized for it, a warm-up of whole intervals,
 * then a quiet window (and optionally one with the overview loading). Pauses its integrations when done.
 */
async function steadyPhase(
  b: Bench,
  p: { label: string; prefix: string; count: number; intervalS: number; windowS: number; warmupIntervals: number; dashboardWindowS?: number },
): Promise<SteadyResult> {
  const intervalMs = p.intervalS * 1000;
  const demand = p.count / p.intervalS;
  // Whole intervals, so every integration is due the same number of times in the window.
  const windowMs = Math.ceil((p.windowS * 1000) / intervalMs) * intervalMs;
  const firstDue = Date.now() + 2_000;
  await seedIntegrations(b.db, { prefix: p.prefix, count: p.count, url: b.url, intervalS: p.intervalS, firstDue, spreadMs: intervalMs });
  const dashboard = p.dashboardWindowS
    ? forkChild<ToLoad, FromLoad>(
        new URL("./probes/overview-load.ts", import.meta.url),
        ["--concurrency", String(opts.dashboardConcurrency)],
        childEnv(b.dbEnv),
      )
    : null;
  if (dashboard) b.children.push(dashboard.child);
  const workerDb = createDb(b.dbUrl, { max: opts.pool });
  const off = opts.noJobs
    ? { metricsRenderEveryMs: 0, statusSnapshotEveryMs: 0, daySummariesEveryMs: 0, alertEvaluationEveryMs: 0, providerStatusEveryMs: 0 }
    : {};
  const worker = new Worker({ db: workerDb, concurrency: Math.max(opts.concurrency, Math.ceil(demand * 1.6)), logger: b.logs.logger, ...off });
  try {
    worker.start();
    if (dashboard) await dashboard.next("ready");
    await sleep(firstDue + p.warmupIntervals * intervalMs + 2_000 - Date.now());
    const quiet = await measureWindow(b, p.label, demand, windowMs);
    let loaded: SteadyResult["loaded"] = null;
    if (dashboard && p.dashboardWindowS) {
      const result = dashboard.next("result");
      dashboard.send({ kind: "go" });
      const w = await measureWindow(b, `${p.label}, dashboards loading`, demand, p.dashboardWindowS * 1000);
      dashboard.send({ kind: "stop" });
      const d = summarize((await result).latencies);
      loaded = { ...w, overviewLoads: d.count, overviewP50: d.p50, overviewP95: d.p95 };
    }
    return { quiet, loaded };
  } finally {
    await worker.stop();
    await workerDb.$disconnect();
    await b.db.$executeRaw`UPDATE "Integration" SET enabled = false WHERE name LIKE ${p.prefix + "%"}`;
  }
}

/** This process's main thread's CPU ticks (its task id is the process id). */
const mainThreadTicks = () => parseProcStat(process.pid, readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8")).ticks;

/** A window of `ms` in which the harness stays idle: only the worker runs in this process. */
async function measureWindow(b: Bench, label: string, demand: number, ms: number): Promise<WindowResult> {
  // Sampled every 50 ms: the sampler is a timer in this process, so its wakeups count as the worker's CPU. Every
  // 10 ms it cost 5.3 ms of CPU a second (0.1 ms a probe at 50 probes/s); every 50 ms about 1 ms a second.
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  // Sampled at the window's ends only: a sampler running meanwhile would bill its own reads to the worker.
  const meter = new CpuMeter({ postgres: postgresSessions(b.dbName), target: processId(b.targetPid) }, { sampleEveryMs: null });
  const mainBefore = mainThreadTicks();
  const from = Date.now();
  const eluBefore = performance.eventLoopUtilization();
  const warningsBefore = b.logs.total;
  loopDelay.enable();
  await sleep(ms);
  loopDelay.disable();
  const use = meter.stop();
  const mainMs = (mainThreadTicks() - mainBefore) * TICK_MS;
  const to = Date.now();
  const elu = performance.eventLoopUtilization(eluBefore).utilization;
  const stats = await runStats(b.db, from, to);
  const seconds = (to - from) / 1000;
  const per = (x: number) => (stats.runs > 0 ? x / stats.runs : null);
  const probesPerS = stats.runs / seconds;
  return {
    label,
    demand,
    probesPerS,
    stats,
    cpu: {
      workerMs: per(use.self.ms),
      workerUserMs: per(use.self.userMs),
      mainThreadMs: per(mainMs),
      postgresMs: per(use.groups.postgres),
      targetMs: per(use.groups.target),
      totalMs: per(use.self.ms + use.groups.postgres),
      machineBusy: use.machine.busyMs / use.machine.totalMs,
      workerCoreShare: use.self.ms / (to - from),
    },
    elu,
    // The histogram holds the time between its timer's turns: what is beyond the period is the loop's delay.
    loopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS),
    sustained: probesPerS >= SUSTAINED * demand,
    lagOk: stats.lagP99 !== null && stats.lagP99 < TARGETS.lagP99Ms,
    warnings: b.logs.total - warningsBefore,
  };
}

/** The light phase: Uptime Kuma's 1,000 integrations every 20 s. */
const lightPhase = (b: Bench) =>
  steadyPhase(b, {
    label: `light ${fmt(opts.lightIntegrations / opts.lightInterval)}/s`,
    prefix: "light-",
    count: opts.lightIntegrations,
    intervalS: opts.lightInterval,
    windowS: opts.lightWindow,
    warmupIntervals: 1,
  });

/** Rising demand until a step is not sustained; the target step runs twice as long and with the dashboard window. */
async function rampPhase(b: Bench): Promise<{ steps: WindowResult[]; target: SteadyResult | null }> {
  const steps: WindowResult[] = [];
  let target: SteadyResult | null = null;
  for (const [i, rate] of opts.ramp.entries()) {
    const isTarget = rate === opts.targetRate;
    const r = await steadyPhase(b, {
      label: `ramp ${rate}/s`,
      prefix: `ramp${i}-`,
      count: Math.round(rate * opts.interval),
      intervalS: opts.interval,
      windowS: isTarget ? opts.window * 2 : opts.window,
      warmupIntervals: opts.warmupIntervals,
      dashboardWindowS: isTarget ? opts.dashboardWindow : undefined,
    });
    steps.push(r.quiet);
    if (isTarget) target = r;
    console.log(
      `  ${r.quiet.label}: ${fmt(r.quiet.probesPerS)} probes/s, lag p99 ${fmt(r.quiet.stats.lagP99)} ms, CPU/probe ${fmt(r.quiet.cpu.totalMs, 3)} ms; load ${loadAverage()}`,
    );
    if (!r.quiet.sustained || !r.quiet.lagOk) break;
  }
  return { steps, target };
}

interface ColdResult {
  n: number;
  probed: number;
  deadlineS: number;
  upAfterS: number;
  firstMs: number | null;
  p50Ms: number | null;
  lastMs: number | null;
  within: number;
  drainPerS: number | null;
  intervalMs: number;
  logs: LogTally;
}

/** Cold restart: `cold` integrations all overdue (missed while no worker ran) and a fresh worker process. */
async function coldPhase(b: Bench): Promise<ColdResult> {
  const intervalMs = 15_000;
  const restartAt = Date.now();
  await seedIntegrations(b.db, { prefix: "cold-", count: opts.cold, url: b.url, intervalS: 15, firstDue: restartAt - intervalMs, spreadMs: intervalMs });
  const logs = new LogTally();
  const spawnAt = Date.now();
  const { child, startedAt } = await startColdWorker(b.dbEnv, logs);
  b.children.push(child);
  const deadline = spawnAt + 3 * intervalMs + 10_000;
  let probed = 0;
  while (Date.now() < deadline) {
    const [row] = await b.db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT r."integrationId")::int AS n FROM "ProbeRun" r JOIN "Integration" i ON i.id = r."integrationId"
      WHERE i.name LIKE 'cold-%'`;
    probed = row!.n;
    if (probed >= opts.cold) break;
    await sleep(250);
  }
  const [cold] = await b.db.$queryRaw<{ n: number; firstMs: number | null; p50Ms: number | null; lastMs: number | null; within: number }[]>`
    SELECT count(*)::int AS n, min(ms) AS "firstMs", percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS "p50Ms", max(ms) AS "lastMs",
      count(*) FILTER (WHERE ms <= ${intervalMs})::int AS within
    FROM (
      SELECT (extract(epoch FROM min(r."startedAt") - ${new Date(spawnAt)}::timestamp) * 1000)::float8 AS ms
      FROM "ProbeRun" r JOIN "Integration" i ON i.id = r."integrationId"
      WHERE i.name LIKE 'cold-%' GROUP BY r."integrationId"
    ) f`;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  await b.db.$executeRaw`UPDATE "Integration" SET enabled = false WHERE name LIKE 'cold-%'`;
  const drainPerS =
    cold && cold.firstMs !== null && cold.lastMs !== null && cold.lastMs > cold.firstMs ? (cold.n - 1) / ((cold.lastMs - cold.firstMs) / 1000) : null;
  return {
    n: cold?.n ?? 0,
    probed,
    deadlineS: (deadline - spawnAt) / 1000,
    upAfterS: (startedAt - spawnAt) / 1000,
    firstMs: cold?.firstMs ?? null,
    p50Ms: cold?.p50Ms ?? null,
    lastMs: cold?.lastMs ?? null,
    within: cold?.within ?? 0,
    drainPerS,
    intervalMs,
    logs,
  };
}

interface Ceiling {
  perS: number;
  cpuMsPerReq: number | null;
  requests: number;
  errors: number;
  /** The same requests one at a time at the light phase's rate: what a request costs when requests come slowly. */
  paced: { perS: number; cpuMsPerReq: number | null } | null;
}

/** Process CPU (all threads) per request, in ms. */
const cpuMsPer = (used: NodeJS.CpuUsage, n: number) => (n > 0 ? (used.user + used.system) / 1000 / n : null);

const NO_CEILING: Ceiling = { perS: 0, cpuMsPerReq: null, requests: 0, errors: 0, paced: null };

/**
 * The same target through undici with nothing else: flat out at the worker's default concurrency, then paced at the
 * light phase's rate (one request every 1/rate s, on an absolute schedule), each for `--ceiling` seconds.
 */
async function ceilingPhase(b: Bench): Promise<Ceiling> {
  const cpu0 = process.cpuUsage();
  const end = Date.now() + opts.ceiling * 1000;
  let requests = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (Date.now() < end) {
        try {
          const res = await request(b.url);
          await res.body.text();
          if (res.statusCode === 200) requests++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { perS: requests / opts.ceiling, cpuMsPerReq: cpuMsPer(cpu, requests), requests, errors, paced: await pacedCeiling(b) };
}

/** One undici request every 1/rate s for `--ceiling` seconds (the light phase's rate), timed by one timer. */
async function pacedCeiling(b: Bench): Promise<Ceiling["paced"]> {
  const everyMs = (1000 * opts.lightInterval) / opts.lightIntegrations;
  const from = performance.now();
  const end = from + opts.ceiling * 1000;
  const cpu0 = process.cpuUsage();
  let ok = 0;
  const inFlight = new Set<Promise<void>>();
  for (let at = from; at < end; at += everyMs) {
    await sleep(Math.max(0, at - performance.now()));
    const one: Promise<void> = request(b.url)
      .then(async (res) => {
        await res.body.text();
        if (res.statusCode === 200) ok++;
      })
      .catch(() => undefined)
      .finally(() => inFlight.delete(one));
    inFlight.add(one);
  }
  await Promise.all(inFlight);
  return { perS: ok / ((performance.now() - from) / 1000), cpuMsPerReq: cpuMsPer(process.cpuUsage(cpu0), ok) };
}

// ---- report ----

const cpuCell = (w: WindowResult | null | undefined) =>
  w ? `${fmt(w.cpu.totalMs, 3)} (worker ${fmt(w.cpu.workerMs, 3)} + PG ${fmt(w.cpu.postgresMs, 3)})` : "n/a";
const le = (x: number | null | undefined, max: number) => verdict(x === null || x === undefined ? null : x <= max);

function report(r: {
  light: SteadyResult | null;
  ramp: { steps: WindowResult[]; target: SteadyResult | null };
  cold: ColdResult | null;
  ceiling: Ceiling;
}): void {
  const { light, ramp, cold, ceiling } = r;
  const knee = ramp.steps.filter((s) => s.sustained && s.lagOk).at(-1) ?? null;
  const best = ramp.steps.reduce<WindowResult | null>((m, s) => (m === null || s.probesPerS > m.probesPerS ? s : m), null);
  const t = ramp.target?.quiet ?? null;
  const l = light?.quiet ?? null;
  const loaded = ramp.target?.loaded ?? null;
  const ratio = (x: number | null | undefined) => (x === null || x === undefined || ceiling.perS <= 0 ? null : x / ceiling.perS);
  console.log("");
  console.log(
    table([
      ["figure", "value", "target", "verdict"],
      [
        "highest rate sustained with lag p99 < 250 ms (knee), probes/s",
        knee ? fmt(knee.probesPerS) : "none",
        `>= ${TARGETS.probesPerSecond}`,
        verdict(knee ? knee.probesPerS >= SUSTAINED * TARGETS.probesPerSecond : false),
      ],
      [`CPU ms per probe at ${opts.targetRate}/s, worker + PostgreSQL`, cpuCell(t), `<= ${TARGETS.cpuMsPerProbe}`, le(t?.cpu.totalMs, TARGETS.cpuMsPerProbe)],
      [
        `CPU ms per probe at ${fmt(l?.demand)}/s (light), worker + PostgreSQL`,
        cpuCell(l),
        `<= ${TARGETS.cpuMsPerProbe}`,
        le(l?.cpu.totalMs, TARGETS.cpuMsPerProbe),
      ],
      [`schedule lag p99 ms at ${opts.targetRate}/s (quiet)`, fmt(t?.stats.lagP99), `< ${TARGETS.lagP99Ms}`, verdict(t ? t.lagOk : null)],
      [
        `schedule lag p99 ms at ${opts.targetRate}/s (dashboards loading)`,
        fmt(loaded?.stats.lagP99),
        `< ${TARGETS.lagP99Ms}`,
        verdict(loaded ? loaded.lagOk : null),
      ],
      [`schedule lag p99 ms at ${fmt(l?.demand)}/s (light)`, fmt(l?.stats.lagP99), `< ${TARGETS.lagP99Ms}`, verdict(l ? l.lagOk : null)],
      [
        `cold restart: ${opts.cold} probed, last at s`,
        !cold ? "n/a" : cold.probed >= opts.cold ? fmt((cold.lastMs ?? NaN) / 1000) : `${cold.probed}/${opts.cold} by ${fmt(cold.deadlineS)} s`,
        "<= 15 (one interval)",
        verdict(cold ? cold.probed >= opts.cold && (cold.lastMs ?? Infinity) <= cold.intervalMs : null),
      ],
      ["ceiling: bare undici req/s (same run)", fmt(ceiling.perS), "", ""],
      ["ratio knee probes/s / ceiling", fmt(ratio(knee?.probesPerS), 3), "", ""],
      ["ratio highest probes/s seen / ceiling", fmt(ratio(best?.probesPerS), 3), "", ""],
      [
        "ratio worker CPU per probe / undici CPU per request",
        fmt(t?.cpu.workerMs && ceiling.cpuMsPerReq ? t.cpu.workerMs / ceiling.cpuMsPerReq : null, 1),
        "",
        "",
      ],
      [`paced ceiling: bare undici CPU ms per request at ${fmt(ceiling.paced?.perS)}/s`, fmt(ceiling.paced?.cpuMsPerReq, 3), "", ""],
      [
        "ratio worker CPU per probe at light / paced undici CPU per request",
        fmt(l?.cpu.workerMs && ceiling.paced?.cpuMsPerReq ? l.cpu.workerMs / ceiling.paced.cpuMsPerReq : null, 1),
        "",
        "",
      ],
    ]),
  );
  console.log("");
  console.log("windows");
  const windows = [...(l ? [l] : []), ...ramp.steps, ...(loaded ? [loaded] : [])];
  console.log(
    table([
      [
        "window",
        "demand/s",
        "probes/s",
        "lag p50/p99/max ms",
        "worker ms/probe (user, main thread)",
        "PG ms/probe",
        "target ms/probe",
        "worker core %",
        "ELU %",
        "loop delay p99 ms",
        "machine busy %",
        "failed",
        "warnings",
      ],
      ...windows.map((w) => [
        w.label,
        fmt(w.demand),
        fmt(w.probesPerS),
        `${fmt(w.stats.lagP50)} / ${fmt(w.stats.lagP99)} / ${fmt(w.stats.lagMax)}`,
        `${fmt(w.cpu.workerMs, 3)} (${fmt(w.cpu.workerUserMs, 3)}, ${fmt(w.cpu.mainThreadMs, 3)})`,
        fmt(w.cpu.postgresMs, 3),
        fmt(w.cpu.targetMs, 3),
        fmt(w.cpu.workerCoreShare * 100),
        fmt(w.elu * 100),
        fmt(w.loopDelayP99Ms),
        fmt(w.cpu.machineBusy * 100),
        `${w.stats.failures}${w.stats.errorClasses ? ` (${w.stats.errorClasses})` : ""}`,
        String(w.warnings),
      ]),
    ]),
  );
  if (loaded)
    console.log(
      `dashboard load in that window: ${loaded.overviewLoads} unpaged lists of every integration (listIntegrations, GET /api/integrations; heavier than the paged overview the page loads) back to back on ${opts.dashboardConcurrency} loops (p50 ${fmt(loaded.overviewP50, 0)} ms, p95 ${fmt(loaded.overviewP95, 0)} ms)`,
    );
  if (cold)
    console.log(
      `cold restart: worker process up after ${fmt(cold.upAfterS, 2)} s; first probe at ${fmt((cold.firstMs ?? NaN) / 1000, 2)} s, median ${fmt((cold.p50Ms ?? NaN) / 1000, 2)} s, last ${fmt((cold.lastMs ?? NaN) / 1000, 2)} s; ${cold.within}/${opts.cold} within one interval; drain ${fmt(cold.drainPerS)} probes/s`,
    );
  console.log(
    `ceiling: ${ceiling.requests} requests in ${opts.ceiling} s at concurrency ${opts.concurrency} (${ceiling.errors} errors), ${fmt(ceiling.cpuMsPerReq, 3)} ms CPU per request in this process`,
  );
}

// ---- main ----

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `bench:probes  ramp ${opts.ramp.join(", ")} probes/s (interval ${opts.interval} s), light ${opts.lightIntegrations} every ${opts.lightInterval} s, pool ${opts.pool}, target delay ${opts.targetDelay} ms`,
  );
  console.log(`machine: 2-core budget, load average at start ${loadAverage()}`);
  console.log(
    AS_START
      ? `worker flags: as \`npm start\` runs it (server-v8-flags, ${START_SEMI_SPACE}, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? "unset"})`
      : "worker flags: as `npm run worker` runs it (V8's own settings)",
  );
  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  // The cold-restart phase runs the built worker: build it now if stale, outside any timing.
  const build = spawnSync(process.execPath, [fileURLToPath(new URL("../build-worker.mjs", import.meta.url))], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build:worker failed: ${build.stderr}`);
  const t = await openBenchDatabase("tether_bench_probes");
  const db = createDb(t.url);
  const children: ChildProcess[] = [];
  try {
    const target = forkChild<never, FromTarget>(new URL("./probes/http-target.ts", import.meta.url), ["--delay", String(opts.targetDelay)], childEnv({}));
    children.push(target.child);
    const { port } = await target.next("ready");
    const b: Bench = {
      db,
      dbName: t.name,
      dbUrl: t.url,
      url: `http://127.0.0.1:${port}/health`,
      targetPid: target.child.pid,
      children,
      dbEnv: { DATABASE_URL: t.url, TETHER_ALLOW_PRIVATE_TARGETS: "true" },
      logs: new LogTally(),
    };
    const on = (p: Phase) => opts.phases.includes(p);
    const ceiling = on("ceiling") ? await ceilingPhase(b) : NO_CEILING;
    if (on("ceiling")) console.log(`ceiling: ${fmt(ceiling.perS)} req/s; load ${loadAverage()}`);
    const light = on("light") ? await lightPhase(b) : null;
    if (light)
      console.log(`  ${light.quiet.label}: ${fmt(light.quiet.probesPerS)} probes/s, CPU/probe ${fmt(light.quiet.cpu.totalMs, 3)} ms; load ${loadAverage()}`);
    const ramp = on("ramp") ? await rampPhase(b) : { steps: [], target: null };
    const cold = on("cold") ? await coldPhase(b) : null;
    report({ light, ramp, cold, ceiling });
    for (const [label, logs] of [
      ["steady workers", b.logs],
      ["cold worker", cold?.logs ?? new LogTally()],
    ] as const) {
      if (logs.total === 0) continue;
      console.log(`${label} logged ${logs.total} warnings/errors:`);
      for (const [line, n] of [...logs.counts].sort((x, y) => y[1] - x[1]).slice(0, 5)) console.log(`  ${n} x ${line}`);
    }
    console.log(`load average at end ${loadAverage()}; total runtime ${fmt((Date.now() - started) / 1000)} s`);
  } finally {
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
if (opts.phases.includes("memory")) {
  const { memoryArgs, memoryPhase } = await import("./probes/memory");
  await memoryPhase(memoryArgs([])).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
// Cached undici agents and pools would keep the process alive for their idle timeouts.
process.exit();
