// The web server `npm start` runs (the start bundle runs the web-server bundle, both built by
// scripts/build-worker.mjs, with the database URL and session secret in its environment): the dashboard through
// Next plus the webhook fast path (lib/http/web-server.ts). Runs from the project root (its working directory).
// Under `npm start` it is a worker thread of the start process (scripts/start.ts): an isolate and event loop of its
// own without a second node binary resident; the start program asks it to stop by message (a thread gets no
// signals), and its status cache follows the worker's listening connection through the port in workerData. Alone,
// as a process: node node_modules/.cache/tether/web-server.mjs --port 3000 --host 127.0.0.1 (stops on SIGTERM or
// SIGINT, and LISTENs for status snapshots itself).
import "./server-v8-flags";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, workerData, type MessagePort } from "node:worker_threads";
// A CommonJS package whose named exports Node cannot see from an ES module: the default import is its exports object.
import nextEnv from "@next/env";
import { createLogger } from "../lib/observability/logger";
import { snapshotFeedOverPort } from "../lib/status-pages/snapshot/feed";

const log = createLogger("web");
const { values } = parseArgs({
  options: { port: { type: "string", default: process.env.PORT ?? "3000" }, host: { type: "string", default: process.env.HOSTNAME ?? "127.0.0.1" } },
});
const dir = process.cwd();
// As `next start` does; set before Next is loaded, which reads it at import.
Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
// Next loads .env files only on the path skipped below, so they are loaded here as before.
nextEnv.loadEnvConfig(dir, false, { info: () => undefined, error: (...args: unknown[]) => log.error(args.map(String).join(" ")) });
// The configuration the build resolved, as Next's standalone server.js passes it: Next then does not load
// next.config.js, which imports Sentry's build tooling (about 30 MB resident) only to wrap a config already applied.
const { config } = JSON.parse(readFileSync(join(dir, process.env.TETHER_DIST_DIR || ".next", "required-server-files.json"), "utf8")) as { config: unknown };
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
const { startWebServer } = await import("../lib/http/web-server");
const feedPort = (workerData as { statusSnapshotFeed?: MessagePort } | null)?.statusSnapshotFeed;

const startedAt = performance.now();
// A failed start (the port taken) must end this process (or thread: the start program then stops as a whole): Next's
// own uncaughtException handler, installed by then, would log the error and keep a web server that never listens
// alive, and npm start would run without a dashboard.
const server = await startWebServer({
  dir,
  port: Number(values.port),
  host: values.host,
  log,
  statusFeed: feedPort ? snapshotFeedOverPort(feedPort) : undefined,
}).catch((err: unknown) => {
  log.error("the web server could not start", { error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
// The line `next start` prints when it listens: scripts and tests that wait for the dashboard look for it.
process.stdout.write(` ✓ Ready in ${Math.round(performance.now() - startedAt)}ms\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // In-flight deliveries are answered (each after its commit) before the process ends; a stuck one gets 10 s.
  const timer = setTimeout(() => process.exit(0), 10_000);
  timer.unref();
  await server.close().catch((err: unknown) => log.error("closing the web server failed", { error: err instanceof Error ? err.message : String(err) }));
  process.exit(0);
}
if (isMainThread) {
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
} else {
  parentPort?.on("message", (m: { type?: string }) => m.type === "stop" && void stop());
  // The server keeps the thread alive; the port must not once it has closed.
  parentPort?.unref();
}
