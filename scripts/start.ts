// `npm start`: everything a single machine needs. Uses DATABASE_URL, or starts an embedded PostgreSQL under
// .data/ when it is unset; applies migrations; seeds the demo; then runs the dashboard (scripts/web-server.ts) and one worker.
// Runs built: scripts/start.mjs builds what is missing (Next's build, this file's bundle) and imports the bundle,
// from the project root; the web server is the bundle beside it, run in a worker thread of this process.
import "./server-v8-flags";
import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, Worker as Thread } from "node:worker_threads";
import { dashboardUrl, readEnv } from "../lib/config/env";
import { githubEnabled, readAuthConfig } from "../lib/config/auth";
import { passwordLoginRefusal } from "../lib/auth/password-login";
import { createDb } from "../lib/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded-postgres";
import type { FromMigrate } from "./db-migrate";
import { startDemoTarget, type DemoTarget } from "../lib/demo/target-server";
import { seedDemo } from "../lib/demo/seed";
import { DEMO_SOURCE_SLUG, startDemoWebhookSender, type DemoSender } from "../lib/demo/webhook-sender";
import { sourceSecrets } from "../lib/webhooks/sources";
import { ensureAdmin, ensureDemoAdmin, loadOrCreateAuthSecret } from "../lib/auth/bootstrap";
import { createLogger } from "../lib/observability/logger";
import { Worker } from "../lib/scheduler/worker";
import { DEFAULT_RETENTION } from "../lib/scheduler/retention";
import { loadMetricsPush } from "../lib/metrics/otel";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { flushSentry, initSentryForWorker } from "../lib/observability/sentry";

const log = createLogger("tether");
const env = readEnv();
// Sign-in configuration fails here, before anything starts: a half-configured provider names its missing variables.
const authConfig = readAuthConfig();
await initSentryForWorker(process.env);
const host = process.env.HOSTNAME ?? "127.0.0.1";
// Bundled, the programs this one starts are bundles beside it (web-server.mjs, db-migrate.mjs); run from source
// (tsx), they are the .ts files beside it.
const fromSource = import.meta.url.endsWith(".ts");
const sibling = (name: string) => fileURLToPath(new URL(`./${name}.${fromSource ? "ts" : "mjs"}`, import.meta.url));
const nodeArgs = fromSource ? ["--import", "tsx"] : [];

let embedded: EmbeddedDatabase | null = null;
let demo: DemoTarget | null = null;
let demoSender: DemoSender | null = null;
let web: Thread | null = null;
let worker: Worker | null = null;
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    log.info("shutting down");
    await demoSender?.stop();
    await Promise.all([stopWeb(), worker?.stop().catch(() => undefined)]);
    await demo?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    await flushSentry().catch(() => undefined);
  }
  process.exit(code);
}
/**
 * The web thread's module: the bundle beside this one; from source, code that registers tsx in the thread first
 * (Node 20 does not carry the `--import tsx` hooks into worker threads) and imports scripts/web-server.ts.
 */
function webThreadEntry(): string {
  if (!fromSource) return sibling("web-server");
  return `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(sibling("web-server")).href)}); });`;
}

/** Asks the web thread to stop (it answers the requests in flight, 10 s at most) and waits for it to end. */
function stopWeb(): Promise<void> {
  const thread = web;
  if (!thread || thread.threadId === -1) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => void thread.terminate().then(() => resolve()), 12_000);
    thread.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    thread.postMessage({ type: "stop" });
  });
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/**
 * Applies pending migrations in a child process (scripts/db-migrate.ts): the schema engine is WebAssembly, and the
 * memory it grows (tens of MB) would stay with this long-lived process. Resolves with the migrations applied.
 */
function migrate(databaseUrl: string): Promise<string[]> {
  const child = fork(sibling("db-migrate"), ["--dir", "prisma/migrations"], { execArgv: nodeArgs, env: { ...process.env, DATABASE_URL: databaseUrl } });
  return new Promise((resolve, reject) => {
    let applied: string[] | null = null;
    child.on("message", (m: FromMigrate) => (applied = m.applied));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      applied && code === 0 ? resolve(applied) : reject(new Error(`migrations failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: env.TETHER_DATA_DIR, port: Number(process.env.TETHER_EMBEDDED_PG_PORT ?? 54329), log });
    databaseUrl = embedded.url;
  } else {
    log.info("using DATABASE_URL");
  }

  const applied = await migrate(databaseUrl);
  log.info(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date", { applied: applied.join(",") || undefined });

  // The embedded cluster is on this machine, where every connection is a PostgreSQL process of its own (28 MB RSS,
  // 15 MB PSS once warm, measured by `npm run bench:memory`): two keep up with 1,000 integrations (50 probes/s), and
  // a third, opened now and then when two statements overlapped, stayed open for good at that rate.
  const db = createDb(databaseUrl, { max: env.TETHER_WORKER_DB_POOL ?? (embedded ? 2 : 10), applicationName: "tether-worker" });
  const refusal = await passwordLoginRefusal(db, authConfig, githubEnabled());
  if (refusal) throw new Error(refusal);
  if (authConfig.oidc.length) log.info(`single sign-on: ${authConfig.oidc.map((p) => `${p.name} (${p.issuer})`).join(", ")}`);
  if (!authConfig.passwordLogin) log.info("password sign-in is off (TETHER_PASSWORD_LOGIN=false)");
  const webEnv: Record<string, string> = { DATABASE_URL: databaseUrl };
  if (!process.env.NEXTAUTH_SECRET) {
    const { secret, created } = loadOrCreateAuthSecret(env.TETHER_DATA_DIR);
    webEnv.NEXTAUTH_SECRET = secret;
    if (created) log.info(`generated a session secret into ${env.TETHER_DATA_DIR}/auth.secret; set NEXTAUTH_SECRET to share one across dashboard instances`);
  }
  webEnv.NEXTAUTH_URL = dashboardUrl(process.env, host, env.PORT);

  if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
    if (await ensureAdmin(db, process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD))
      log.info(`created the admin account ${process.env.ADMIN_EMAIL} from ADMIN_EMAIL`);
  }

  const demoOn = env.TETHER_DEMO === "on" || (env.TETHER_DEMO === "auto" && embedded !== null);
  if (demoOn && process.env.TETHER_ALLOW_PRIVATE_TARGETS === undefined) {
    // The demo's targets live on this machine; a real deployment keeps private networks refused.
    process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
    webEnv.TETHER_ALLOW_PRIVATE_TARGETS = "true";
    log.info("demo mode: probes may reach private and loopback addresses (TETHER_ALLOW_PRIVATE_TARGETS=true)");
  }
  if (demoOn) {
    demo = await startDemoTarget({ port: env.TETHER_DEMO_PORT });
    const seeded = await seedDemo(db, demo.url);
    log.info(`demo target at ${demo.url}${seeded ? `; seeded ${seeded} demo integrations` : ""}`);
    const admin = await ensureDemoAdmin(db, env.TETHER_DATA_DIR);
    if (admin) {
      webEnv.TETHER_DEMO_ACCOUNT = admin.email;
      // Printed to the terminal on purpose: it is the only way into a fresh demo. It never reaches a page or the API.
      process.stdout.write(`\n  Sign in as ${admin.email} with password ${admin.password}\n  (kept in ${env.TETHER_DATA_DIR}/demo-admin.json)\n\n`);
    }
  }

  // The dashboard and the webhook fast path (scripts/web-server.ts), in a worker thread of this process: an isolate,
  // heap and event loop of its own beside the worker's, without a second node process (its binary and runtime,
  // 40-50 MB resident). The V8 flags of this process (package.json's "start", the Dockerfile's CMD: the 1 MB
  // semi-space, scripts/server-v8-flags.ts) hold for every isolate in it, and so does MALLOC_ARENA_MAX. Its status
  // cache follows this worker's listening connection through `feed` instead of opening a PostgreSQL backend of its own.
  const feed = new MessageChannel();
  web = new Thread(webThreadEntry(), {
    eval: fromSource,
    argv: ["--port", String(env.PORT), "--host", host],
    // The thread's own copy: Next's NODE_ENV and the web's variables stay out of this thread's environment.
    env: { ...process.env, ...webEnv },
    workerData: { statusSnapshotFeed: feed.port2 },
    transferList: [feed.port2],
  });
  // An exception nothing caught in the thread ends it (then "exit", code 1); unheard, it would end this process
  // before PostgreSQL is stopped.
  web.on("error", (err) => log.error("the web server failed", { error: err instanceof Error ? err.message : String(err) }));
  web.on("exit", (code) => {
    if (!shuttingDown) {
      log.error("the web server exited", { code });
      void shutdown(code || 1);
    }
  });

  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // The OTLP push only when an OTLP endpoint is configured; the OpenTelemetry SDK is not loaded otherwise.
  const otel = await loadMetricsPush(db, process.env, {
    serviceInstanceId: workerId,
    onError: (err) => log.warn("OTLP push failed", { error: err instanceof Error ? err.message : String(err) }),
  });
  if (otel) log.info(`pushing metrics over OTLP/HTTP to ${otel.config.endpoint} every ${otel.config.intervalMs / 1000} s`);
  worker = new Worker({
    db,
    workerId,
    metricsPush: otel?.push,
    publicUrl: webEnv.NEXTAUTH_URL,
    statusSnapshotFeed: feed.port1,
    concurrency: env.TETHER_WORKER_CONCURRENCY,
    leaseMarginMs: env.TETHER_LEASE_MARGIN_MS,
    location: env.TETHER_LOCATION,
    alertEvaluationEveryMs: env.TETHER_ALERT_EVALUATION_MS,
    retention: { ...DEFAULT_RETENTION, rawRunDays: env.TETHER_RETENTION_DAYS },
    logger: log.child("worker"),
  });
  worker.start();
  if (demoOn) {
    // Webhook traffic for the explorer: signed like Stripe's, to the demo source, until Tether stops.
    const source = await db.webhookSource.findUnique({ where: { slug: DEMO_SOURCE_SLUG } });
    const secret = source?.enabled && source.scheme === "stripe" ? sourceSecrets(source, Date.now())[0] : undefined;
    if (secret) {
      const receiver = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${env.PORT}/api/webhooks/in/${DEMO_SOURCE_SLUG}`;
      demoSender = startDemoWebhookSender({ url: receiver, secret });
      log.info(`demo: Stripe-signed webhooks to /api/webhooks/in/${DEMO_SOURCE_SLUG} every 3 s`);
    }
  }
  log.info(`dashboard on http://${host === "0.0.0.0" ? "localhost" : host}:${env.PORT}`);
}

main().catch((err: unknown) => {
  log.error("failed to start", { error: err instanceof Error ? err.message : String(err) });
  void shutdown(1);
});
