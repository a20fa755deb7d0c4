// `npm run worker`: one more worker process for the fleet. Needs DATABASE_URL (the same database as the
// dashboard); leases in Postgres keep workers from running the same slot.
// It runs with V8's own settings, not scripts/server-v8-flags: those trade CPU for memory in `npm start`'s one
// process (the 350 MB target), and a worker added for throughput wants the opposite. At 1,000 probes/s
// (`npm run bench:probes`, which runs its worker this way) the flags cost 0.2-0.5 ms of worker CPU a probe (0.68-1.03
// against 0.52-0.61, 2026-12-07, alternating at load 2-5): `--liftoff-only` also keeps undici's HTTP parser, which is
// WebAssembly, on V8's baseline compiler.
import { readEnv } from "../lib/config/env";
import { createDb } from "../lib/db/client";
import { createLogger } from "../lib/observability/logger";
import { Worker } from "../lib/scheduler/worker";
import { DEFAULT_RETENTION } from "../lib/scheduler/retention";
import { loadMetricsPush } from "../lib/metrics/otel";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

const log = createLogger("worker");
const env = readEnv();
// Sentry only when configured: importing it would add seconds to every cold start.
const sentry = process.env.SENTRY_DSN?.trim() ? await import("../lib/observability/sentry") : null;
await sentry?.initSentryForWorker(process.env);
if (!env.DATABASE_URL) {
  log.error("DATABASE_URL is not set: point extra workers at the database the dashboard uses (see README, 'Extra workers')");
  process.exit(1);
}
const db = createDb(env.DATABASE_URL, { max: env.TETHER_WORKER_DB_POOL ?? 10, applicationName: "tether-worker" });
const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
// The OTLP push only when an OTLP endpoint is configured; the OpenTelemetry SDK is not loaded otherwise.
const otel = await loadMetricsPush(db, process.env, {
  serviceInstanceId: workerId,
  onError: (err) => log.warn("OTLP push failed", { error: err instanceof Error ? err.message : String(err) }),
});
if (otel) log.info(`pushing metrics over OTLP/HTTP to ${otel.config.endpoint} every ${otel.config.intervalMs / 1000} s`);
const worker = new Worker({
  db,
  workerId,
  metricsPush: otel?.push,
  concurrency: env.TETHER_WORKER_CONCURRENCY,
  leaseMarginMs: env.TETHER_LEASE_MARGIN_MS,
  location: env.TETHER_LOCATION,
  alertEvaluationEveryMs: env.TETHER_ALERT_EVALUATION_MS,
  retention: { ...DEFAULT_RETENTION, rawRunDays: env.TETHER_RETENTION_DAYS },
  logger: log,
});
worker.start();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight probes`);
    void worker
      .stop()
      .then(() => sentry?.flushSentry())
      .then(() => process.exit(0));
  });
}
