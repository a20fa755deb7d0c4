// The memory phase of `npm run bench:probes` (alone: `npm run bench:memory`): the production stack started exactly
// as `npm start` starts it (npm, scripts/start.mjs with the worker, the web server, embedded PostgreSQL; DATABASE_URL
// unset, demo off) with N HTTP integrations probing a local target; once they have all run and the window has
// passed, the whole process tree's memory, per process and in total: RSS as the issue measures it (and Uptime
// Kuma's figure was taken), PSS beside it (PostgreSQL's shared buffers counted once instead of once per backend).
// The target is judged on the RSS sum, the stricter of the two.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { request } from "undici";
import { benchArgs, positive } from "../kit/args";
import { forkChild, ROOT } from "../kit/children";
import { processTree, type ProcessMemory } from "../kit/process-memory";
import { freePort, startArgs, startCommand } from "../kit/production-server";
import { fmt, loadAverage, table, verdict } from "../kit/report";
import type { FromTarget } from "./http-target";

/** Uptime Kuma 2.5.3 with 1,000 monitors on this machine (issue #17), and the target for the whole stack. */
export const KUMA_RSS_MB = 261;
export const TARGET_RSS_MB = 350;

/** How the stack is started: `npm start` (what users run), its program without npm, or the tsx path it replaced. */
export type StartCommand = "npm" | "node" | "tsx";
const COMMANDS: Record<StartCommand, [string, string[]]> = {
  npm: ["npm", ["start"]],
  // `npm start`'s own command line (node, its flags, scripts/start.mjs) without npm in front.
  node: [process.execPath, startArgs()],
  tsx: ["node_modules/.bin/tsx", ["scripts/start.ts"]],
};

export interface MemoryPhaseOptions {
  integrations: number;
  /** Seconds between an integration's runs. */
  intervalS: number;
  /** Seconds of sampling after every integration has run twice. */
  windowS: number;
  start: StartCommand;
  /** Milliseconds the HTTP target takes to answer. */
  targetDelayMs: number;
}

export interface MemoryReport {
  processes: (ProcessMemory & { label: string })[];
  rssMb: number;
  pssMb: number;
  /** The highest RSS sum seen while sampling. */
  peakRssMb: number;
  probesPerS: number;
}

/** A short name for a process of the stack, from its command line (and a backend's application_name, if it set one). */
export function labelOf(command: string, application?: string): string {
  if (/npm-cli\.js|^npm\b/.test(command)) return "npm";
  if (/^(\/bin\/)?sh -c/.test(command)) return "sh (npm's script shell)";
  if (/tsx\/dist\/cli|\.bin\/tsx/.test(command)) return "tsx wrapper";
  if (/web-server\.(mjs|ts)/.test(command)) return "web server";
  if (/start\.(mjs|ts)/.test(command)) return "start + worker";
  const backend = /^postgres: (.*)$/.exec(command);
  if (backend && application) return `postgres: ${application}`;
  if (backend)
    return `postgres: ${backend[1]!
      .replace(/\d+\.\d+\.\d+\.\d+\(\d+\)/, "")
      .replace(/\s+/g, " ")
      .trim()}`;
  if (/\/postgres\b/.test(command)) return "postgres (postmaster)";
  return command.slice(0, 40);
}

const mb = (kb: number) => kb / 1024;
const sum = (ps: ProcessMemory[], key: "rssKb" | "pssKb" | "rssAnonKb" | "rssFileKb" | "rssShmemKb") => mb(ps.reduce((s, p) => s + p[key], 0));

export async function memoryPhase(opts: MemoryPhaseOptions): Promise<MemoryReport> {
  console.log(
    `\nmemory: the stack as \`${COMMANDS[opts.start].flat().join(" ")}\` runs it, embedded PostgreSQL, ${opts.integrations} HTTP integrations every ${opts.intervalS} s; load average ${loadAverage()}`,
  );
  const scratch = mkdtempSync(join(tmpdir(), "tether-bench-memory-"));
  // PostgreSQL runs as the user postgres when we are root: it must reach its data directory.
  chmodSync(scratch, 0o755);
  const dataDir = join(scratch, "data");
  const target = forkChild<never, FromTarget>(new URL("./http-target.ts", import.meta.url), ["--delay", String(opts.targetDelayMs)], {
    PATH: process.env.PATH ?? "",
  });
  const [port, pgPort] = [await freePort(), await freePort()];
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_ENV" && !k.startsWith("npm_")));
  const [command, args] = COMMANDS[opts.start];
  const stack = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      // Without npm, the environment its "start" sets (MALLOC_ARENA_MAX).
      ...(opts.start === "node" ? startCommand().env : {}),
      DATABASE_URL: "",
      TETHER_DATA_DIR: dataDir,
      TETHER_PG_RUNTIME_DIR: join(scratch, "runtime"),
      TETHER_EMBEDDED_PG_PORT: String(pgPort),
      TETHER_DEMO: "off",
      TETHER_ALLOW_PRIVATE_TARGETS: "true",
      TETHER_LOG_LEVEL: "warn",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // (Next types NODE_ENV as always present, hence the cast; the stack sets its own.)
    } as unknown as NodeJS.ProcessEnv,
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      const lines = chunk.toString("utf8").split("\n").filter(Boolean);
      output.push(...lines);
      output.splice(0, Math.max(0, output.length - 200));
      if (lines.some((l) => /Ready in/.test(l))) resolve();
    };
    stack.stdout!.on("data", keep);
    stack.stderr!.on("data", keep);
    stack.once("exit", (code, signal) => reject(new Error(`the stack exited (${code ?? signal}) while starting:\n${output.join("\n")}`)));
  });
  try {
    const { port: targetPort } = await target.next("ready");
    await Promise.race([ready, sleep(600_000).then(() => Promise.reject(new Error(`the stack did not start within 10 minutes:\n${output.join("\n")}`)))]);
    const health = await request(`http://127.0.0.1:${port}/api/health`, { headersTimeout: 60_000, bodyTimeout: 60_000 });
    await health.body.text();
    if (health.statusCode !== 200) throw new Error(`/api/health answered ${health.statusCode}`);

    const { password } = JSON.parse(readFileSync(join(dataDir, "postgres.json"), "utf8")) as { password: string };
    // The bench's own connection is a PostgreSQL process in the tree too: it is open only while seeding and counting.
    const withDb = async <T>(fn: (db: pg.Client) => Promise<T>): Promise<T> => {
      const db = new pg.Client({ connectionString: `postgresql://tether:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/tether` });
      await db.connect();
      try {
        return await fn(db);
      } finally {
        await db.end().catch(() => undefined);
      }
    };
    const config = JSON.stringify({ method: "GET", url: `http://127.0.0.1:${targetPort}/health`, headers: [], expectedStatus: "2xx" });
    const intervalMs = opts.intervalS * 1000;
    // Slots spread evenly over one interval from now, as integrations created one by one through the API are.
    await withDb((db) =>
      db.query(
        `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "retryAttempts", "nextRunAt", "updatedAt")
       SELECT gen_random_uuid(), 'mem-' || lpad(g::text, 5, '0'), 'http', $1::jsonb, $2::int, 2000, 0,
         now() + make_interval(secs => g * $3::float8 / $4::int), now()
       FROM generate_series(0, $4::int - 1) AS g`,
        [config, opts.intervalS, opts.intervalS, opts.integrations],
      ),
    );
    const seededAt = Date.now();
    // Every integration runs twice (circuit rows written, pools and JIT warm), then the window.
    await sleep(2 * intervalMs + 2_000);
    const runsBefore = await withDb(countRuns);
    const countedFrom = Date.now();
    // Let the bench's backend exit before the first sample.
    await sleep(1_000);
    const windowFrom = Date.now();
    const cpuBefore = new Map(processTree(stack.pid!).map((p) => [p.pid, p.cpuTicks]));
    let samples: ProcessMemory[][] = [];
    while (Date.now() - windowFrom < opts.windowS * 1000) {
      samples.push(processTree(stack.pid!));
      await sleep(5_000);
    }
    samples.push(processTree(stack.pid!));
    const windowS = (Date.now() - windowFrom) / 1000;
    // Which connection is which: each pool and listener names itself (application_name), PostgreSQL's title does not.
    const [runsAfter, applications] = await withDb(async (db) => [await countRuns(db), await applicationNames(db)] as const);
    const probesPerS = (runsAfter - runsBefore) / ((Date.now() - countedFrom) / 1000);
    const last = samples.at(-1)!;
    const peakRssMb = Math.max(...samples.map((s) => sum(s, "rssKb")));
    samples = [];

    // CPU over the window, % of one core (ticks are 1/100 s): what a flag that trades memory for collections costs.
    const cpuPct = (ps: ProcessMemory[]) => ps.reduce((s, p) => s + (p.cpuTicks - (cpuBefore.get(p.pid) ?? p.cpuTicks)), 0) / windowS;
    const processes = last.map((p) => ({ ...p, label: labelOf(p.command, applications.get(p.pid)) }));
    const postgres = processes.filter((p) => p.label.startsWith("postgres"));
    const rows = [["process", "pid", "RSS MB", "PSS MB", "anon MB", "file MB", "shmem MB", "CPU %"]];
    const row = (label: string, pid: string, ps: ProcessMemory[]) =>
      rows.push([label, pid, ...(["rssKb", "pssKb", "rssAnonKb", "rssFileKb", "rssShmemKb"] as const).map((k) => fmt(sum(ps, k))), fmt(cpuPct(ps))]);
    for (const p of processes) row(p.label, String(p.pid), [p]);
    row(`PostgreSQL (${postgres.length} processes)`, "", postgres);
    const withoutNpm = processes.filter((p) => p.label !== "npm" && !p.label.startsWith("sh "));
    row(`whole stack (${processes.length} processes)`, "", processes);
    if (withoutNpm.length < processes.length) row("  without npm and its shell", "", withoutNpm);
    console.log(table(rows));
    const rssMb = sum(processes, "rssKb");
    console.log(
      `whole stack ${fmt(rssMb)} MB RSS (peak ${fmt(peakRssMb)} over ${opts.windowS} s), ${fmt(sum(processes, "pssKb"))} MB PSS; target < ${TARGET_RSS_MB} MB RSS: ${verdict(rssMb < TARGET_RSS_MB)}; Uptime Kuma 2.5.3: ${KUMA_RSS_MB} MB with 1,000 monitors`,
    );
    console.log(
      `${fmt(probesPerS)} probes/s in the window (demand ${fmt(opts.integrations / opts.intervalS)}); ${fmt((Date.now() - seededAt) / 1000)} s after seeding; load average ${loadAverage()}`,
    );
    return { processes, rssMb, pssMb: sum(processes, "pssKb"), peakRssMb, probesPerS };
  } finally {
    await stopGroup(stack.pid!);
    target.child.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function countRuns(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ProbeRun"`);
  return rows[0]!.n;
}

/** Client backends' application_name by pid, the bench's own connection left out. */
async function applicationNames(db: pg.Client): Promise<Map<number, string>> {
  const { rows } = await db.query<{ pid: number; name: string }>(
    `SELECT pid, application_name AS name FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> ''`,
  );
  return new Map(rows.map((r) => [r.pid, r.name]));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the stack's process group (npm relays it; start stops the web server and PostgreSQL), SIGKILL after 20 s. */
async function stopGroup(pgid: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  for (let i = 0; i < 200 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
}

/** The phase's options on the command line (`npm run bench:memory -- --integrations 1000 --start node`). */
export function memoryArgs(args: string[] = process.argv.slice(2)): MemoryPhaseOptions {
  const startOption = {
    type: "string" as const,
    default: "npm",
    read: (v: string | boolean): StartCommand => {
      if (v !== "npm" && v !== "node" && v !== "tsx") throw new Error("--start must be npm, node or tsx");
      return v;
    },
  };
  const o = benchArgs({ integrations: positive(1000), interval: positive(20), window: positive(30), start: startOption, "target-delay": positive(3) }, args);
  return { integrations: o.integrations, intervalS: o.interval, windowS: o.window, start: o.start, targetDelayMs: o.targetDelay };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await memoryPhase(memoryArgs()).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
  process.exit();
}
