// The web process `npm start` runs (the start bundle spawns the web-server bundle, both built by
// scripts/build-worker.mjs, with the database URL and session secret in its environment): the dashboard through
// Next plus the webhook fast path (lib/http/web-server.ts). Runs from the project root (its working directory).
// Usage: node node_modules/.cache/tether/web-server.mjs --port 3000 --host 127.0.0.1
import "./server-v8-flags";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
// A CommonJS package whose named exports Node cannot see from an ES module: the default import is its exports object.
import nextEnv from "@next/env";
import { createLogger } from "../lib/observability/logger";

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

const startedAt = performance.now();
// A failed start (the port taken) must end this process: Next's own uncaughtException handler, installed by then,
// would log the error and keep a web server that never listens alive, and npm start would run without a dashboard.
const server = await startWebServer({ dir, port: Number(values.port), host: values.host, log }).catch((err: unknown) => {
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
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
