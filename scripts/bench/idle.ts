// `npm run bench:idle`: what the worker costs when nothing is due, the fixed part of bench:probes' light figure
// (at 50 probes/s the budget is ~30 ms of CPU a second for worker and PostgreSQL together). 1,000 HTTP integrations
// whose next slot is hours away; a real Worker with its periodic jobs runs for a window after a warm-up (its first
// turn runs every job at once), and the script prints the worker's and the bench database's PostgreSQL CPU per
// second and the statements the worker sent, by statement. The baseline, in the same run: the same Worker with every
// periodic job turned off (the slot and queue loops alone); and a third window with GET /metrics scraped (workers
// render only while something scrapes). Exits 0 whatever the figures are.
import { setTimeout as sleep } from "node:timers/promises";
import { createDb, type Db } from "../../lib/db/client";
import { createLogger } from "../../lib/observability/logger";
import { PERIODIC_JOBS_OFF, Worker, type WorkerOptions } from "../../lib/scheduler/worker";
import { servedExposition } from "../../lib/metrics/exposition-cache";
import { benchArgs, positive } from "./kit/args";
import { CpuMeter, postgresSessions } from "./kit/cpu";
import { fmt, loadAverage, table } from "./kit/report";
import { openBenchDatabase } from "./kit/scratch-db";
import { countStatements, type StatementCounter } from "../../lib/testing/statements";

const opts = benchArgs({
  integrations: positive(1000),
  /** Seconds of each measured window. */
  window: positive(60),
  /** Seconds after start before the window opens. */
  warmup: positive(15),
});

/** Every statement this process sends (the harness sleeps through the windows, so they are the worker's). */
let counter: StatementCounter | null = null;

interface IdleResult {
  label: string;
  seconds: number;
  workerMsPerS: number;
  postgresMsPerS: number;
  statementsPerS: number;
  top: [string, number][];
}

async function idleWindow(dbName: string, dbUrl: string, label: string, extra: Partial<WorkerOptions>, scrape = false): Promise<IdleResult> {
  const workerDb = createDb(dbUrl, { max: 10 });
  const worker = new Worker({ db: workerDb, concurrency: 320, logger: createLogger("worker", "warn"), ...extra });
  // Prometheus every 15 s: a scrape is one read (and a small stamp every half minute); the worker then renders.
  const scraper = scrape ? setInterval(() => void servedExposition(workerDb).catch(() => undefined), 15_000) : null;
  if (scrape) await servedExposition(workerDb);
  try {
    worker.start();
    await sleep(opts.warmup * 1000);
    counter = countStatements();
    const meter = new CpuMeter({ postgres: postgresSessions(dbName) }, { sampleEveryMs: null });
    const from = Date.now();
    await sleep(opts.window * 1000);
    const use = meter.stop();
    counter.stop();
    const seconds = (Date.now() - from) / 1000;
    const sent = new Map<string, number>();
    for (const text of counter.texts) sent.set(text.slice(0, 90), (sent.get(text.slice(0, 90)) ?? 0) + 1);
    const total = counter.texts.length;
    return {
      label,
      seconds,
      workerMsPerS: use.self.ms / seconds,
      postgresMsPerS: use.groups.postgres / seconds,
      statementsPerS: total / seconds,
      top: [...sent].sort((a, b) => b[1] - a[1]).slice(0, 12),
    };
  } finally {
    if (scraper) clearInterval(scraper);
    await worker.stop();
    await workerDb.$disconnect();
  }
}

async function seed(db: Db, count: number): Promise<void> {
  const config = JSON.stringify({ method: "GET", url: "http://127.0.0.1:9/health", headers: [], expectedStatus: "2xx" });
  // Due in six hours: no slot falls in the windows, so what runs is the fixed work alone.
  await db.$executeRaw`
    INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "retryAttempts", "nextRunAt", "updatedAt")
    SELECT gen_random_uuid(), 'idle-' || lpad(g::text, 5, '0'), 'http', ${config}::jsonb, 20, 2000, 0,
      now() + interval '6 hours' + make_interval(secs => g * 0.02), now()
    FROM generate_series(0, ${count}::int - 1) AS g`;
}

async function main(): Promise<void> {
  console.log(
    `bench:idle  ${opts.integrations} integrations, none due; windows of ${opts.window} s after ${opts.warmup} s; load average at start ${loadAverage()}`,
  );
  const t = await openBenchDatabase("tether_bench_idle");
  const db = createDb(t.url);
  try {
    await seed(db, opts.integrations);
    const baseline = await idleWindow(t.name, t.url, "slot + queue loops only (periodic jobs off)", PERIODIC_JOBS_OFF);
    const jobs = await idleWindow(t.name, t.url, "worker with its periodic jobs", {});
    const scraped = await idleWindow(t.name, t.url, "the same, GET /metrics scraped every 15 s", {}, true);
    console.log(
      table([
        ["window", "worker CPU ms/s", "PostgreSQL CPU ms/s", "total ms/s", "statements/s"],
        ...[baseline, jobs, scraped].map((r) => [
          r.label,
          fmt(r.workerMsPerS, 2),
          fmt(r.postgresMsPerS, 2),
          fmt(r.workerMsPerS + r.postgresMsPerS, 2),
          fmt(r.statementsPerS, 2),
        ]),
      ]),
    );
    for (const r of [baseline, jobs, scraped]) {
      console.log(`\n${r.label}: statements in ${fmt(r.seconds)} s`);
      for (const [text, n] of r.top) console.log(`  ${String(n).padStart(5)}  ${text}`);
    }
    console.log(`\nload average at end ${loadAverage()}`);
  } finally {
    await db.$disconnect();
    await t.close();
  }
}

await main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
process.exit();
