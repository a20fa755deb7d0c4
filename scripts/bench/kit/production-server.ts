// The production server as `npm start` runs it (scripts/start.mjs: the built scripts/start.ts, i.e. the web server +
// one worker), for benchmarks and the crash test: package.json's "start" command line, `node <flags> scripts/start.mjs`
// (not through npm, so the pid is the start program itself), as the leader of its own process group, so one signal reaches it and the web server it spawns. It serves
// the production build in TETHER_DIST_DIR (default .next), and builds one first if there is none.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { ROOT } from "./children";

export interface ProductionServer {
  origin: string;
  port: number;
  /** The group leader's pid: `process.kill(-pgid)` reaches the whole server. */
  pgid: number;
  child: ChildProcess;
  /** Its latest output lines, stdout and stderr together. */
  output: string[];
  /** Settles once the web server prints that it is ready, or the server exits first; never rejects. */
  started: Promise<{ ready: true } | { exited: string }>;
}

/** package.json's "start", `[NAME=value ...] [exec] node <flags> scripts/start.mjs`: the environment it sets and node's arguments. */
export function startCommand(start = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: { start: string } }).scripts.start): {
  env: Record<string, string>;
  args: string[];
} {
  const words = start.split(" ");
  const env: Record<string, string> = {};
  for (let m; (m = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(words[0] ?? "")); words.shift()) env[m[1]!] = m[2]!;
  // `exec`: npm's script shell (sh -c, 1.6 MB RSS) becomes node instead of waiting beside it for as long as Tether runs.
  if (words[0] === "exec") words.shift();
  if (words[0] !== "node") throw new Error(`package.json's start is not a node command line: ${start}`);
  return { env, args: words.slice(1) };
}

/** The arguments `npm start` gives node. */
export const startArgs = (): string[] => startCommand().args;

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/**
 * Spawns the server on 127.0.0.1:`port` with this process's environment plus `env`. NODE_ENV is left out: the web
 * server sets its own. `output` may be shared across restarts; it keeps the last `keepLines` lines.
 */
export function spawnProductionServer(options: { port: number; env: Record<string, string>; output?: string[]; keepLines?: number }): ProductionServer {
  const { port, output = [], keepLines = 300 } = options;
  // (Next types NODE_ENV as always present, hence the cast.)
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...startCommand().env, ...options.env, PORT: String(port), HOSTNAME: "127.0.0.1" }).filter(([k]) => k !== "NODE_ENV"),
  ) as unknown as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, startArgs(), { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const started = new Promise<{ ready: true } | { exited: string }>((resolve) => {
    const keep = (chunk: Buffer) => {
      const lines = chunk.toString("utf8").split("\n").filter(Boolean);
      output.push(...lines);
      if (output.length > keepLines) output.splice(0, output.length - keepLines);
      // The line scripts/web-server.ts prints once it listens, as `next start` does.
      if (lines.some((l) => /Ready in/.test(l))) resolve({ ready: true });
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.once("exit", (code, signal) => resolve({ exited: String(code ?? signal) }));
  });
  return { origin: `http://127.0.0.1:${port}`, port, pgid: child.pid!, child, output, started };
}

/**
 * Resolves once the server is up: the web server has printed that it is ready, and then /api/health answers 200
 * (one request, no polling). The first request after a start loads the route, slow on a loaded machine, so it gets
 * the whole timeout too.
 */
export async function untilReady(server: ProductionServer, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const outcome = await Promise.race([server.started, timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") throw new Error(`timed out after ${timeoutMs / 1000} s waiting for the server to start:\n${server.output.join("\n")}`);
  if ("exited" in outcome) throw new Error(`the server exited (${outcome.exited}) while starting:\n${server.output.join("\n")}`);
  const res = await request(`${server.origin}/api/health`, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const body = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`/api/health answered ${res.statusCode}: ${body}`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group (a graceful stop: the worker hands its leases back), SIGKILL after `graceMs`. */
export async function stopServer(server: ProductionServer, graceMs = 10_000): Promise<void> {
  if (!groupAlive(server.pgid)) return;
  process.kill(-server.pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(server.pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(server.pgid)) process.kill(-server.pgid, "SIGKILL");
}

/** SIGKILL to the whole group, as a crash; resolves once the group leader is reaped. */
export async function killServer(server: ProductionServer): Promise<void> {
  const { child } = server;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-server.pgid, "SIGKILL");
  } catch {
    // already gone
  }
  await exited;
}
