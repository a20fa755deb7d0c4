// The web process `npm start` runs (scripts/start.ts spawns it with the database URL and session secret in its
// environment): the dashboard through Next plus the webhook fast path (lib/http/web-server.ts).
// Usage: tsx scripts/web-server.ts --port 3000 --host 127.0.0.1
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createLogger } from "../lib/observability/logger";

const log = createLogger("web");
const { values } = parseArgs({
  options: { port: { type: "string", default: process.env.PORT ?? "3000" }, host: { type: "string", default: process.env.HOSTNAME ?? "127.0.0.1" } },
});
// As `next start` does; set before Next is loaded, which reads it at import.
Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
const { startWebServer } = await import("../lib/http/web-server");

const startedAt = performance.now();
const server = await startWebServer({ dir: fileURLToPath(new URL("..", import.meta.url)), port: Number(values.port), host: values.host, log });
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
