// `npm run bench:webhooks`: how many signed webhooks the production server verifies and commits per second, and how
// fast it acknowledges them. Starts the real server (`scripts/start.ts`, web + worker) on a scratch database, sends
// Standard Webhooks requests open-loop at fixed rates (each send is scheduled at its time whatever the earlier ones
// are doing, and latency is counted from that scheduled time, so a stalled server cannot hide its own queue), then
// counts the committed rows. The ceiling, on the same database in the same run, is a bare single-row INSERT loop of
// the very statement the receiver issues, into a copy of its table, with plain `pg`: what is left over is server cost.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { setMaxListeners } from "node:events";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { Pool, request } from "undici";
import { createDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/schema-engine";
import { summarize } from "../../lib/domain/percentiles";
import setupPostgres from "../../lib/testing/global-setup";
import { adminUrl, createScratchDatabase, MIGRATIONS_DIR, type ScratchDatabase } from "../../lib/testing/postgres";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "20" },
    // Each ramp step runs only if the one before kept up: past the knee every step is slower to drain than the last.
    ramp: { type: "string", default: "1000,1500,2000" },
    "ramp-seconds": { type: "string", default: "10" },
    connections: { type: "string", default: "256" },
    // The server's Prisma pool holds 10 connections (lib/db/client.ts), so the ceiling gets as many.
    "ceiling-concurrency": { type: "string", default: "10" },
    "ceiling-seconds": { type: "string", default: "8" },
    keep: { type: "boolean", default: false },
  },
});

const num = (name: keyof typeof args): number => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};

const opts = {
  rate: num("rate"),
  seconds: num("seconds"),
  ramp: String(args.ramp).split(",").filter(Boolean).map(Number),
  rampSeconds: num("ramp-seconds"),
  connections: num("connections"),
  ceilingConcurrency: num("ceiling-concurrency"),
  ceilingSeconds: num("ceiling-seconds"),
};

const TARGET_SUSTAINED_PER_S = 1_500;
const TARGET_P99_MS = 50;
/** "Kept up" at a rate: every send committed, no errors, throughput within 5% of the rate, p99 under this. A queue
 *  growing for even a few seconds puts p99 in the seconds, so 4x the 500/s target separates the two cleanly. */
const SANE_P99_MS = 200;
const REQUEST_TIMEOUT_MS = 30_000;
/** How long a step waits for answers after its last send was due; what is still unanswered then is an error. */
const DRAIN_MS = 15_000;
const WARMUP_REQUESTS = 500;
const LOOP_IN_FLIGHT = 64;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SLUG = "bench";
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const KEY = Buffer.from(SECRET.slice("whsec_".length), "base64");

const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(digits));
const int = (n: number): string => Math.round(n).toLocaleString("en");
const ms = (n: number | null): string => (n === null ? "n/a" : n === Infinity ? "no ack" : n >= 1000 ? `${fmt(n / 1000, 2)} s` : `${fmt(n)} ms`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
      return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

// ---- CPU accounting: on two cores, who used them matters as much as how fast the server was ----

type CpuKind = "server" | "postgres" | "bench";

/**
 * CPU used over an interval by the server's process group, the PostgreSQL sessions on the scratch database, this
 * process, and everything else (the rest of the machine's busy time in /proc/stat, which includes PostgreSQL's
 * shared WAL writer and checkpointer, and whatever other users of the machine run). Processes are sampled every
 * half second and remembered, so one that exits mid-interval (a pool's idle backend) counts up to its last sample.
 */
class CpuMeter {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, { kind: CpuKind; ticks: number }>();
  private readonly machineStart = CpuMeter.machineTicks();
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(
    private readonly serverPgid: number | null,
    private readonly database: string,
  ) {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), 500);
  }

  /** Busy ticks (1/100 s) of the whole machine: user nice system irq softirq steal. */
  private static machineTicks(): number {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    return fields.reduce((sum, n, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + n), 0);
  }

  private sample(baseline: boolean): void {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      const pid = Number(entry);
      const kind: CpuKind | null =
        pid === process.pid
          ? "bench"
          : this.serverPgid !== null && Number(fields[2]) === this.serverPgid
            ? "server"
            : comm === "postgres" && this.isOurSession(entry)
              ? "postgres"
              : null;
      if (!kind) continue;
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (baseline) this.first.set(pid, ticks);
      this.last.set(pid, { kind, ticks });
    }
  }

  /** A backend's title is "postgres: <cluster>: <user> <database> <client> <state>". */
  private isOurSession(pid: string): boolean {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split(" ").includes(this.database);
    } catch {
      return false;
    }
  }

  /** CPU milliseconds each used since the meter started, and the wall time. */
  stop(): CpuUse {
    clearInterval(this.timer);
    this.sample(false);
    const used: Record<CpuKind, number> = { server: 0, postgres: 0, bench: 0 };
    for (const [pid, { kind, ticks }] of this.last) used[kind] += ticks - (this.first.get(pid) ?? 0);
    const other = CpuMeter.machineTicks() - this.machineStart - used.server - used.postgres - used.bench;
    return {
      wallMs: performance.now() - this.started,
      serverMs: used.server * 10,
      postgresMs: used.postgres * 10,
      benchMs: used.bench * 10,
      otherMs: Math.max(0, other * 10),
    };
  }
}

interface CpuUse {
  wallMs: number;
  serverMs: number;
  postgresMs: number;
  benchMs: number;
  otherMs: number;
}

/** Percent of one core each used, e.g. "srv 96 pg 55 gen 21 oth 8" (two cores: 200 in all). pg: our sessions only. */
const cpuText = (c: CpuUse): string => {
  const pct = (used: number) => fmt((used * 100) / c.wallMs, 0);
  return `srv ${pct(c.serverMs)} pg ${pct(c.postgresMs)} gen ${pct(c.benchMs)} oth ${pct(c.otherMs)}`;
};

// ---- the production server ----

interface Server {
  origin: string;
  pgid: number;
  child: ChildProcess;
  output: string[];
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Starts the server; `spawned` gets it at once, so an interrupt while it is still starting stops it too. */
async function startServer(env: Record<string, string>, spawned: (server: Server) => void): Promise<Server> {
  const port = await freePort();
  // `node --import tsx`, not npm or the tsx CLI, so the pid is start.ts itself; detached, so it leads a process
  // group with the web server it spawns (scripts/web-server.ts) and one signal reaches both.
  // NODE_ENV is left out: the web server sets its own. (Next types NODE_ENV as always present, hence the cast.)
  const childEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }).filter(([k]) => k !== "NODE_ENV"),
  ) as unknown as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: childEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const server: Server = { origin: `http://127.0.0.1:${port}`, pgid: child.pid!, child, output };
  spawned(server);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) while starting:\n${output.join("\n")}`);
    const res = await request(`${server.origin}/api/health`, { headersTimeout: 2_000, bodyTimeout: 2_000 }).catch(() => null);
    if (res) {
      await res.body.dump();
      if (res.statusCode === 200) return server;
    }
    await sleep(200);
  }
  throw new Error(`the server did not answer /api/health within 90 s:\n${output.join("\n")}`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group (a graceful stop: the worker hands its leases back), SIGKILL after 10 s. */
async function stopServer(server: Server): Promise<void> {
  if (!groupAlive(server.pgid)) return;
  process.kill(-server.pgid, "SIGTERM");
  const deadline = Date.now() + 10_000;
  while (groupAlive(server.pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(server.pgid)) process.kill(-server.pgid, "SIGKILL");
}

/**
 * A watchdog in a process of its own: if this process dies without cleaning up, it stops the server group and drops
 * the scratch database. Needed because the tsx CLI SIGKILLs its child when a relayed Ctrl-C is not acknowledged
 * within ~60 ms, which an event loop busy with thousands of requests can miss, and the server runs in a process
 * group of its own, so nothing else would stop it. It learns the server's group over stdin; its stdin closing
 * without "done" means this process is gone.
 */
const REAPER = `
const pg = require("pg");
const [, adminUrl, database] = process.argv;
const groups = [];
let done = false;
let buffered = "";
const alive = (pgid) => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (const line of buffered.split("\\n").slice(0, -1)) {
    if (line === "done") done = true;
    else if (/^server \\d+$/.test(line)) groups.push(Number(line.slice(7)));
  }
  buffered = buffered.slice(buffered.lastIndexOf("\\n") + 1);
});
process.stdin.on("end", async () => {
  if (done) return;
  for (const pgid of groups) {
    try { process.kill(-pgid, "SIGTERM"); } catch {}
    for (let i = 0; i < 100 && alive(pgid); i++) await sleep(100);
    try { process.kill(-pgid, "SIGKILL"); } catch {}
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS "' + database + '" WITH (FORCE)');
  await client.end();
});
`;

function startReaper(database: string): { watch(pgid: number): void; disarm(): void } {
  const reaper = spawn(process.execPath, ["-e", REAPER, adminUrl(), database], { cwd: ROOT, detached: true, stdio: ["pipe", "ignore", "ignore"] });
  reaper.unref();
  return {
    watch: (pgid) => void reaper.stdin!.write(`server ${pgid}\n`),
    disarm: () => reaper.stdin!.end("done\n"),
  };
}

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
  const at = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", KEY).update(`${id}.${at}.${body}`).digest("base64");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(at),
      "webhook-signature": `v1,${signature}`,
      "user-agent": "Svix-Webhooks/1.0",
    },
  };
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
  cpu: CpuUse;
  keptUp: boolean;
}

const errorCount = (s: Step) => [...s.errors.values()].reduce((a, b) => a + b, 0);

/**
 * Sends `rate * seconds` signed deliveries open-loop. Sends still unanswered `DRAIN_MS` after the last one was due
 * are aborted, so an overloaded step ends in bounded time (and counts them as errors, never as fast).
 */
async function runStep(http: Pool, check: pg.Pool, server: Server, database: string, rate: number, seconds: number): Promise<Step> {
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
  const cpu = new CpuMeter(server.pgid, database);
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
  server: Server,
  database: string,
  path: (i: number) => string,
  seconds: number,
  inFlight: number,
): Promise<{ answered: number; perSecond: number; statuses: Map<number, number>; cpu: CpuUse }> {
  const statuses = new Map<number, number>();
  const prefix = randomBytes(3).toString("hex");
  const requests = Array.from({ length: 2_000 }, (_, i) => signedRequest(`loop-${prefix}-${i}`, i));
  let answered = 0;
  let n = 0;
  const cpu = new CpuMeter(server.pgid, database);
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
): Promise<{ rows: number; perSecond: number; latency: ReturnType<typeof summarize>; cpu: CpuUse }> {
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
    const cpu = new CpuMeter(null, database);
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
    `bench:webhooks  ${opts.rate}/s for ${opts.seconds} s, then ${opts.ramp.join(", ")}/s for ${opts.rampSeconds} s each; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const teardownPg = await setupPostgres();
  let scratch: ScratchDatabase | null = null;
  let server: Server | null = null;
  let http: Pool | null = null;
  let check: pg.Pool | null = null;
  let reaper: ReturnType<typeof startReaper> | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await http?.destroy().catch(() => undefined);
      if (server) await stopServer(server).catch(() => undefined);
      await check?.end().catch(() => undefined);
      if (scratch && !args.keep) await scratch.drop().catch((err: unknown) => console.error(`could not drop ${scratch?.name}:`, err));
      if (scratch && args.keep) console.log(`kept the database: ${scratch.url}`);
      reaper?.disarm();
      await teardownPg();
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
    scratch = await createScratchDatabase("tether_bench_webhooks");
    if (!args.keep) reaper = startReaper(scratch.name);
    await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR });
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
      `  ${int(ceil.rows)} rows, ${int(ceil.perSecond)}/s, INSERT p50 ${fmt(ceil.latency.p50, 2)} ms p99 ${fmt(ceil.latency.p99, 2)} ms; CPU % of a core: ${cpuText(ceil.cpu)} (${fmt((ceil.cpu.postgresMs / ceil.rows) * 1000, 0)} µs of PostgreSQL CPU an insert)`,
    );

    const serverStart = performance.now();
    server = await startServer(env, (s) => {
      server = s;
      reaper?.watch(s.pgid);
    });
    const startedAt = Date.now();
    console.log(`server up on ${server.origin} in ${fmt((performance.now() - serverStart) / 1000)} s (pid ${server.pgid})`);
    http = new Pool(server.origin, { connections: opts.connections, pipelining: 1, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });

    const steps: Step[] = [];
    const run = async (rate: number, seconds: number) => {
      const step = await runStep(http!, check!, server!, scratch!.name, rate, seconds);
      steps.push(step);
      const errs = [...step.errors].map(([k, v]) => `${k} x${int(v)}`).join(", ") || "none";
      console.log(
        `  ${rate}/s x ${seconds} s: ${int(step.sent)} sent, ${int(step.acked)} acked, ${int(step.committed)} committed (${int(step.throughput)}/s); ack p50 ${ms(step.latency.p50)} p99 ${ms(step.latency.p99)}; errors ${errs}; CPU % of a core: ${cpuText(step.cpu)}, server ${fmt(step.cpu.serverMs / step.committed, 2)} ms an event${step.keptUp ? "" : "  <- did not keep up"}`,
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
        `  ${label}: ${int(r.perSecond)}/s (${[...r.statuses].map(([k, v]) => `${k} x${int(v)}`).join(", ")}); CPU % of a core: ${cpuText(r.cpu)}, server ${fmt(r.cpu.serverMs / Math.max(1, r.answered), 2)} ms a request`,
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
          `${fmt(s.cpu.serverMs / s.committed, 2)} ms`,
          s.keptUp ? "yes" : "no",
        ]),
      ]),
    );
    console.log("");
    const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
    console.log(
      table([
        ["figure", "value", "target", "verdict"],
        [`ack latency p50 at ${opts.rate}/s`, ms(base.latency.p50), "-", "info"],
        [`ack latency p99 at ${opts.rate}/s`, ms(base.latency.p99), `< ${TARGET_P99_MS} ms`, pass(base.latency.p99 < TARGET_P99_MS)],
        [`committed == sent at ${opts.rate}/s`, `${int(base.committed)} / ${int(base.sent)}`, "all", pass(base.committed === base.sent)],
        [
          "acknowledged (202) but not committed, all steps",
          int(steps.reduce((n, s) => n + s.ackedNotCommitted, 0)),
          "0",
          pass(steps.every((s) => s.ackedNotCommitted === 0)),
        ],
        [
          `sustained rate (all committed, p99 < ${SANE_P99_MS} ms)`,
          sustained ? `${int(sustained.rate)}/s` : `< ${int(Math.min(...steps.map((s) => s.rate)))}/s`,
          `>= ${int(TARGET_SUSTAINED_PER_S)}/s`,
          pass(!!sustained && sustained.rate >= TARGET_SUSTAINED_PER_S),
        ],
        ["peak verified+committed events/s", `${int(peak.throughput)}/s (at ${int(peak.rate)}/s offered)`, "-", "info"],
        [`ceiling: bare INSERT loop, ${opts.ceilingConcurrency} connections`, `${int(ceil.perSecond)}/s`, "-", "info"],
        ["server / ceiling", `${fmt((peak.throughput / ceil.perSecond) * 100, 0)}%`, "-", "info"],
        [
          `receiver, closed loop (${LOOP_IN_FLIGHT} in flight)`,
          `${int(loopIngest.perSecond)}/s, ${fmt(loopIngest.cpu.serverMs / Math.max(1, loopIngest.answered), 2)} ms server CPU each`,
          "-",
          "info",
        ],
        [
          `receiver ceiling: same address, unknown source (404, no DB)`,
          `${int(loopEmpty.perSecond)}/s, ${fmt(loopEmpty.cpu.serverMs / Math.max(1, loopEmpty.answered), 2)} ms server CPU each`,
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
    console.log(
      `load average at end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; total runtime ${fmt((Date.now() - started) / 1000)} s`,
    );
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
