// Crash test of the receiver and the relay against the production server (scripts/start.ts: the web server +
// one worker). A provider-like sender delivers signed events with unique ids and retries every one not acknowledged;
// midway the whole server is killed with SIGKILL, at a moment when the relay target is holding a delivery, and
// started again. Guarantees checked: every event that got a 2xx is in the database, none is stored or recorded as
// processed twice, and every one reaches the relay target at least once. The relay is at-least-once by design (a
// worker killed after forwarding but before recording forwards again once its lease expires), so duplicates are
// expected; the test pins them down to exactly the deliveries whose outcome the crash lost. It runs the production
// build in TETHER_DIST_DIR (default .next), which `npm test` makes before this stage; it never builds one itself.
// The server is started and killed, and the deliveries signed, by the benchmarks' kit (scripts/bench/kit/).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killServer, spawnProductionServer, untilReady, type ProductionServer } from "../../scripts/bench/kit/production-server";
import { newSecret, signedHeaders } from "../../scripts/bench/kit/standard-webhooks";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createSource } from "./sources";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The production build to run: `npm test` builds before this stage; TETHER_DIST_DIR names a second build dir. */
const DIST_DIR = process.env.TETHER_DIST_DIR || ".next";
const SECRET = newSecret();
const EVENTS = 600;
/** New events offered per second; retries come on top. Slow enough that the kill lands with most still to send. */
const RATE = 60;
const SENDERS = 24;
/** The relay target holds every delivery this long, so a kill can land between forwarding and recording. */
const RELAY_HOLD_MS = 300;
/** Generous: CI machines are loaded, and the first start warms the route up. */
const START_TIMEOUT_MS = 90_000;
/** A single id failing this often means a real fault, not the crash: the test stops instead of spinning. */
const MAX_FAILURES_PER_ID = 50;

let t: TestDb;
let relay: Relay;
let server: ProductionServer | null = null;
let port = 0;
let serverEnv: Record<string, string>;
/** The server's latest output, across the restart. */
const output: string[] = [];
/** Whether the server is meant to be up: false from just before the kill until the restart answers. */
let serverUp = false;

/**
 * Event-driven waits: code that changes what a wait depends on calls `changed()`, and every pending `until`
 * re-checks its condition then.
 */
const waiters = new Set<() => void>();
const changed = () => {
  for (const check of [...waiters]) check();
};
function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`));
    }, timeoutMs);
    function check() {
      if (!condition()) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    }
    waiters.add(check);
    check();
  });
}
const agent = new Agent({ connections: SENDERS, headersTimeout: 10_000, bodyTimeout: 10_000 });

// ---- the relay target: counts deliveries per webhook-id ----

interface Relay {
  url: string;
  port: number;
  server: HttpServer;
  deliveries: Map<string, number>;
  /** Deliveries received and not yet answered. */
  holding: Set<string>;
}

async function startRelay(): Promise<Relay> {
  const deliveries = new Map<string, number>();
  const holding = new Set<string>();
  const server = createHttpServer((req, res) => {
    const id = String(req.headers["webhook-id"]);
    req.resume();
    // Counted once the whole body is in: a request cut off by the crash is no delivery.
    req.on("end", () => {
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      holding.add(id);
      changed();
      // The target's own processing time (not a wait of the test): it keeps deliveries in flight for the kill.
      setTimeout(() => {
        holding.delete(id);
        res.end("ok");
        changed();
      }, RELAY_HOLD_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hooks`, port, server, deliveries, holding };
}

// ---- the production server ----

const refused = () =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

/**
 * The production server on `port`, kept in `server` at once, so afterAll kills it even if it never comes up. Up
 * means: the web server has printed that it is ready, and then /api/health answers 200. The build must exist (see
 * DIST_DIR).
 */
async function startServer(): Promise<void> {
  server = spawnProductionServer({ port, env: serverEnv, output });
  await untilReady(server, START_TIMEOUT_MS);
  serverUp = true;
  changed();
}

// ---- the sender ----

/** A Standard Webhooks delivery, signed afresh on every attempt as providers do, with the same webhook-id. */
function signed(id: string, n: number) {
  const body = JSON.stringify({ type: "order.created", data: { order: n, amount: 1_000 + n, currency: "eur" } });
  return { body, headers: signedHeaders(SECRET, id, body) };
}

interface Sent {
  /** First 2xx per id: 202 stored now, or 200 "already have it" (an earlier attempt committed, its answer was lost). */
  acked: Map<string, 200 | 202>;
  attempts: number;
  failures: Map<string, number>;
  /** Ids with an attempt on the wire right now. */
  inFlight: Set<string>;
}

/**
 * Delivers every id until it is acknowledged, `SENDERS` at a time, new ids offered at `RATE`/s (the load's shape:
 * each id has its due time). A failed attempt (refused, reset, 5xx) is retried once the server is up again, as a
 * provider's retry schedule would, only sooner; while it is up, at once.
 */
async function deliverAll(ids: string[], sent: Sent): Promise<void> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let n = next++; n < ids.length; n = next++) {
        const id = ids[n]!;
        const due = started + (n * 1000) / RATE;
        if (due > performance.now()) await sleep(due - performance.now());
        for (let failures = 0; ; failures++) {
          if (failures >= MAX_FAILURES_PER_ID)
            throw new Error(`${id} failed ${failures} times: ${[...sent.failures].map(([k, v]) => `${k} x${v}`).join(", ")}`);
          await until(() => serverUp, START_TIMEOUT_MS * 2, "the server to be up again");
          sent.attempts++;
          sent.inFlight.add(id);
          const { body, headers } = signed(id, n);
          const outcome = await request(`http://127.0.0.1:${port}/api/webhooks/in/crash`, { method: "POST", headers, body, dispatcher: agent }).then(
            async (res) => {
              await res.body.dump();
              return res.statusCode;
            },
            (err: unknown) => (err as { code?: string }).code ?? "error",
          );
          sent.inFlight.delete(id);
          if (outcome === 200 || outcome === 202) {
            sent.acked.set(id, outcome);
            changed();
            break;
          }
          const key = typeof outcome === "number" ? `HTTP ${outcome}` : outcome;
          sent.failures.set(key, (sent.failures.get(key) ?? 0) + 1);
        }
      }
    }),
  );
}

/** Resolves once no event is left unprocessed: re-counted on every change, told by a trigger over LISTEN/NOTIFY. */
async function queueDrained(timeoutMs: number): Promise<void> {
  const listener = new pg.Client({ connectionString: t.url, application_name: "crash-test" });
  await listener.connect();
  let remaining = Number.POSITIVE_INFINITY;
  let counting = false;
  let again = false;
  const recount = async () => {
    if (counting) return void (again = true);
    counting = true;
    do {
      again = false;
      remaining = Number((await listener.query<{ n: string }>(`SELECT count(*) AS n FROM "WebhookEvent" WHERE status <> 'processed'`)).rows[0]!.n);
    } while (again);
    counting = false;
    changed();
  };
  try {
    listener.on("notification", () => void recount());
    await listener.query("LISTEN webhook_events_changed");
    await recount();
    await until(() => remaining === 0, timeoutMs, `the queue to drain (${remaining} left)`);
  } finally {
    await listener.end();
  }
}

beforeAll(async () => {
  t = await createTestDb();
  relay = await startRelay();
  port = await freePort();
  if (!existsSync(`${ROOT}${DIST_DIR}/BUILD_ID`)) {
    throw new Error(`No production build in ${DIST_DIR}: run \`npm run build\` first (\`npm test\` does), or set TETHER_DIST_DIR to the build to use`);
  }
  // The test's own change feed: every update of an event notifies, so waiting for the queue needs no polling.
  await t.db.$executeRawUnsafe(
    `CREATE FUNCTION crash_test_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('webhook_events_changed', ''); RETURN NULL; END $$`,
  );
  await t.db.$executeRawUnsafe(`CREATE TRIGGER crash_test_notify AFTER UPDATE ON "WebhookEvent" FOR EACH STATEMENT EXECUTE FUNCTION crash_test_notify()`);
  const key = randomBytes(32).toString("hex");
  // The source's signing secret is sealed under the server's key, so this process creates it with the same one.
  process.env.TETHER_ENCRYPTION_KEY = key;
  await createSource(t.db, { name: "Crash", slug: "crash", scheme: "standard_webhooks", secret: SECRET, forwardUrl: relay.url }, { principal: null });
  serverEnv = {
    DATABASE_URL: t.url,
    TETHER_DEMO: "off",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TETHER_ENCRYPTION_KEY: key,
    TETHER_ALLOW_PRIVATE_TARGETS: "true",
    // More deliveries per tick than the default 20, so the queue drains within the test's time.
    TETHER_WORKER_CONCURRENCY: "50",
    TETHER_LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    TETHER_DIST_DIR: DIST_DIR,
  };
}, 120_000);

afterAll(async () => {
  if (server) await killServer(server).catch(() => undefined);
  await agent.close();
  relay?.server.closeAllConnections();
  await new Promise((resolve) => relay?.server.close(resolve));
  await t?.close();
}, 30_000);

describe("the webhook receiver and relay, killed with SIGKILL mid-load", () => {
  it("keeps every acknowledged event, stores and records none twice, and re-delivers only what the crash interrupted", async () => {
    await startServer();
    const runId = randomBytes(4).toString("hex");
    const ids = Array.from({ length: EVENTS }, (_, i) => `msg_${runId}_${i}`);
    const sent: Sent = { acked: new Map(), attempts: 0, failures: new Map(), inFlight: new Set() };
    const delivering = deliverAll(ids, sent);
    delivering.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled

    // Kill once a third is acknowledged and the relay target is holding a forwarded delivery: the worker has sent
    // it and not yet recorded the answer.
    await until(() => sent.acked.size >= EVENTS / 3 && relay.holding.size > 0, 120_000, "a third acknowledged with a delivery held at the target");
    const ackedBeforeKill = sent.acked.size;
    const holdingAtKill = [...relay.holding];
    const sendsInFlightAtKill = sent.inFlight.size;
    serverUp = false;
    await killServer(server!);
    server = null;
    // The web server died with its group leader; the port refuses once the kernel has reaped it (no event for that).
    await expect.poll(refused, { timeout: 30_000, interval: 50 }).toBe(true);

    // What the crash left forwarded but unrecorded. Counted once the dead worker's connections to the target are
    // gone (a delivery already on the wire when it died still arrives) and its database sessions have finished
    // (a COMMIT already sent still completes). Exactly these must be forwarded again.
    // The relay stops accepting first: a connection the dead worker opened that the kernel completed but the relay
    // had not accepted yet (the worker opens one per delivery) is reset, so none of its requests can arrive after
    // the count. close() calls back once every accepted connection is closed too.
    await new Promise((resolve) => relay.server.close(resolve));
    const probe = new pg.Client({ connectionString: t.url, application_name: "crash-test" });
    await probe.connect();
    try {
      // PostgreSQL has no event for a backend finishing its statement, so this one wait polls.
      await expect
        .poll(
          async () =>
            Number(
              (
                await probe.query<{ n: string }>(
                  `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tether' AND state <> 'idle'`,
                )
              ).rows[0]!.n,
            ),
          { timeout: 30_000, interval: 50 },
        )
        .toBe(0);
    } finally {
      await probe.end();
    }
    const deliveredBeforeRestart = new Set(relay.deliveries.keys());
    const unrecorded = await t.db.webhookEvent.findMany({
      where: { externalId: { in: [...deliveredBeforeRestart] }, status: { not: "processed" } },
      select: { externalId: true },
    });
    const lostOutcomes = new Set(unrecorded.map((e) => e.externalId!));

    await new Promise<void>((resolve) => relay.server.listen(relay.port, "127.0.0.1", resolve));
    await startServer();
    await delivering;
    const acknowledgedAsDuplicate = [...sent.acked.values()].filter((s) => s === 200).length;

    // Every acknowledged event is stored, once.
    expect(sent.acked.size).toBe(EVENTS);
    const stored = await t.db.webhookEvent.findMany({ select: { externalId: true, status: true, verified: true } });
    expect(stored).toHaveLength(EVENTS);
    expect(new Set(stored.map((e) => e.externalId))).toEqual(new Set(ids));
    expect(stored.every((e) => e.verified)).toBe(true);

    // The queue drains, including what the dead worker held: its leases expire and another claim takes them.
    await queueDrained(120_000);
    // Recorded once each: the interrupted attempt left no record, so every event has exactly one delivery, a 200.
    const recorded = await t.db.webhookDelivery.groupBy({ by: ["eventId"], _count: { _all: true } });
    expect(recorded).toHaveLength(EVENTS);
    expect(recorded.every((r) => r._count._all === 1)).toBe(true);
    expect(await t.db.webhookDelivery.count({ where: { responseStatus: { not: 200 } } })).toBe(0);

    // At least once at the target; more than once only for a delivery whose outcome the crash lost, and then twice.
    expect(ids.filter((id) => !relay.deliveries.has(id))).toEqual([]);
    const duplicated = ids.filter((id) => (relay.deliveries.get(id) ?? 0) > 1);
    // On failure, the server's own errors say which forward went unrecorded and why.
    expect(
      new Set(duplicated),
      output
        .filter((l) => /fail|error/i.test(l))
        .slice(-20)
        .join("\n"),
    ).toEqual(lostOutcomes);
    expect(duplicated.every((id) => relay.deliveries.get(id) === 2)).toBe(true);
    for (const id of holdingAtKill) expect(lostOutcomes.has(id)).toBe(true);

    console.log(
      [
        `crash test: ${EVENTS} events, ${sent.attempts} delivery attempts (${[...sent.failures].map(([k, v]) => `${k} x${v}`).join(", ") || "no failures"})`,
        `  killed after ${ackedBeforeKill} acknowledged, with ${sendsInFlightAtKill} sends in flight; ${acknowledgedAsDuplicate} later retries were answered "already have it" (committed before the kill, answer lost)`,
        `  relay: ${deliveredBeforeRestart.size} delivered before the restart, ${holdingAtKill.length} held by the target at the kill, ${lostOutcomes.size} forwarded but unrecorded; ${duplicated.length} delivered twice after the restart (at-least-once)`,
      ].join("\n"),
    );
  }, 420_000);
});
