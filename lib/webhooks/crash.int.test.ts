// Crash test of the receiver and the relay against the production server (scripts/start.ts: `next start` + one
// worker). A provider-like sender delivers signed events with unique ids and retries every one not acknowledged;
// midway the whole server is killed with SIGKILL, at a moment when the relay target is holding a delivery, and
// started again. Guarantees checked: every event that got a 2xx is in the database, none is stored or recorded as
// processed twice, and every one reaches the relay target at least once. The relay is at-least-once by design (a
// worker killed after forwarding but before recording forwards again once its lease expires), so duplicates are
// expected; the test pins them down to exactly the deliveries whose outcome the crash lost.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { connect, createServer as createNetServer, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createSource } from "./sources";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const EVENTS = 600;
/** New events offered per second; retries come on top. Slow enough that the kill lands with most still to send. */
const RATE = 60;
const SENDERS = 24;
/** The relay target holds every delivery this long, so a kill can land between forwarding and recording. */
const RELAY_HOLD_MS = 300;
/** A provider's pause before retrying an unacknowledged delivery (theirs are longer; the test has no time). */
const RETRY_PAUSE_MS = 200;
/** Without a production build, the first start runs `next build` (see startServer). */
const BUILD_MS = existsSync(`${ROOT}.next/BUILD_ID`) ? 0 : 300_000;
const START_TIMEOUT_MS = 45_000;

let t: TestDb;
let relay: Relay;
let server: ChildProcess | null = null;
let port = 0;
let serverEnv: NodeJS.ProcessEnv;
const output: string[] = [];
const agent = new Agent({ connections: SENDERS, headersTimeout: 10_000, bodyTimeout: 10_000 });

// ---- the relay target: counts deliveries per webhook-id ----

interface Relay {
  url: string;
  server: HttpServer;
  deliveries: Map<string, number>;
  /** Deliveries received and not yet answered. */
  holding: Set<string>;
  /** Open connections: none once a killed worker's sockets are closed and every request they carried is counted. */
  connections: Set<Socket>;
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
      setTimeout(() => {
        holding.delete(id);
        res.end("ok");
      }, RELAY_HOLD_MS);
    });
  });
  const connections = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, server, deliveries, holding, connections };
}

// ---- the production server ----

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

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
 * `node --import tsx scripts/start.ts` (not npm or the tsx CLI, so the pid is start.ts itself) as the leader of its
 * own process group, so one signal reaches it and the `next start` it spawns. Kept in `server` at once, so
 * afterAll kills it even if it never comes up. Without a production build start.ts runs `next build` first, as it
 * does for a user (`npm test` reaches this stage before its e2e stage builds), which takes minutes, not seconds.
 */
async function startServer(timeout = START_TIMEOUT_MS): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: ROOT, env: serverEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 300) output.splice(0, output.length - 300);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = (code, signal) => reject(new Error(`the server exited (${code ?? signal}) while starting:\n${output.join("\n")}`));
    child.once("exit", onExit);
  });
  const healthy = expect
    .poll(
      async () => {
        const res = await request(`http://127.0.0.1:${port}/api/health`, { dispatcher: agent }).catch(() => null);
        await res?.body.dump();
        return res?.statusCode;
      },
      { timeout, interval: 100 },
    )
    .toBe(200);
  try {
    await Promise.race([healthy, exited]);
  } finally {
    child.off("exit", onExit);
  }
}

/** SIGKILL to the whole group; resolves once the group leader is reaped. */
async function killServer(child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  await exited;
}

// ---- the sender ----

/** A Standard Webhooks delivery, signed afresh on every attempt as providers do, with the same webhook-id. */
function signed(id: string, n: number) {
  const body = JSON.stringify({ type: "order.created", data: { order: n, amount: 1_000 + n, currency: "eur" } });
  const at = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", Buffer.from(SECRET.slice("whsec_".length), "base64")).update(`${id}.${at}.${body}`).digest("base64");
  return { body, headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${signature}` } };
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
 * Delivers every id until it is acknowledged, `SENDERS` at a time, new ids paced at `RATE`/s. A failed attempt
 * (refused, reset, 5xx) is retried after a short pause, as a provider's retry schedule would, only sooner.
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
        for (;;) {
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
            break;
          }
          const key = typeof outcome === "number" ? `HTTP ${outcome}` : outcome;
          sent.failures.set(key, (sent.failures.get(key) ?? 0) + 1);
          await sleep(RETRY_PAUSE_MS);
        }
      }
    }),
  );
}

beforeAll(async () => {
  t = await createTestDb();
  relay = await startRelay();
  port = await freePort();
  const key = randomBytes(32).toString("hex");
  // The source's signing secret is sealed under the server's key, so this process creates it with the same one.
  process.env.TETHER_ENCRYPTION_KEY = key;
  await createSource(t.db, { name: "Crash", slug: "crash", scheme: "standard_webhooks", secret: SECRET, forwardUrl: relay.url }, { principal: null });
  const overrides = {
    DATABASE_URL: t.url,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    TETHER_DEMO: "off",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TETHER_ENCRYPTION_KEY: key,
    TETHER_ALLOW_PRIVATE_TARGETS: "true",
    // More deliveries per tick than the default 20, so the queue drains within the test's time.
    TETHER_WORKER_CONCURRENCY: "50",
    TETHER_LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Vitest's NODE_ENV=test stays behind: `next start` sets its own. (Next types NODE_ENV as always present.)
  serverEnv = Object.fromEntries(Object.entries({ ...process.env, ...overrides }).filter(([k]) => k !== "NODE_ENV")) as unknown as NodeJS.ProcessEnv;
}, 60_000);

afterAll(async () => {
  if (server) await killServer(server).catch(() => undefined);
  await agent.close();
  relay?.server.closeAllConnections();
  await new Promise((resolve) => relay?.server.close(resolve));
  await t?.close();
}, 30_000);

describe("the webhook receiver and relay, killed with SIGKILL mid-load", () => {
  it("keeps every acknowledged event, stores and records none twice, and re-delivers only what the crash interrupted", async () => {
    await startServer(START_TIMEOUT_MS + BUILD_MS);
    const runId = randomBytes(4).toString("hex");
    const ids = Array.from({ length: EVENTS }, (_, i) => `msg_${runId}_${i}`);
    const sent: Sent = { acked: new Map(), attempts: 0, failures: new Map(), inFlight: new Set() };
    const delivering = deliverAll(ids, sent);

    // Kill once a third is acknowledged and the relay target is holding a forwarded delivery: the worker has sent
    // it and not yet recorded the answer.
    await expect.poll(() => sent.acked.size >= EVENTS / 3 && relay.holding.size > 0, { timeout: 30_000, interval: 5 }).toBe(true);
    const ackedBeforeKill = sent.acked.size;
    const holdingAtKill = [...relay.holding];
    const sendsInFlightAtKill = sent.inFlight.size;
    await killServer(server!);
    server = null;
    await expect.poll(refused, { timeout: 10_000, interval: 50 }).toBe(true);

    // What the crash left forwarded but unrecorded. Counted once the dead worker's connections to the target are
    // closed (a delivery already on the wire when it died still arrives) and its database sessions have finished
    // (a COMMIT already sent still completes). Exactly these must be forwarded again.
    await expect.poll(() => relay.connections.size, { timeout: 10_000, interval: 20 }).toBe(0);
    const probe = new pg.Client({ connectionString: t.url, application_name: "crash-test" });
    await probe.connect();
    try {
      await expect.poll(async () => Number((await probe.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tether' AND state <> 'idle'`)).rows[0]!.n), { timeout: 10_000, interval: 50 }).toBe(0);
    } finally {
      await probe.end();
    }
    const deliveredBeforeRestart = new Set(relay.deliveries.keys());
    const unrecorded = await t.db.webhookEvent.findMany({ where: { externalId: { in: [...deliveredBeforeRestart] }, status: { not: "processed" } }, select: { externalId: true } });
    const lostOutcomes = new Set(unrecorded.map((e) => e.externalId!));

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
    await expect.poll(async () => t.db.webhookEvent.count({ where: { status: { not: "processed" } } }), { timeout: 60_000, interval: 500 }).toBe(0);
    // Recorded once each: the interrupted attempt left no record, so every event has exactly one delivery, a 200.
    const recorded = await t.db.webhookDelivery.groupBy({ by: ["eventId"], _count: { _all: true } });
    expect(recorded).toHaveLength(EVENTS);
    expect(recorded.every((r) => r._count._all === 1)).toBe(true);
    expect(await t.db.webhookDelivery.count({ where: { responseStatus: { not: 200 } } })).toBe(0);

    // At least once at the target; more than once only for a delivery whose outcome the crash lost, and then twice.
    expect(ids.filter((id) => !relay.deliveries.has(id))).toEqual([]);
    const duplicated = ids.filter((id) => (relay.deliveries.get(id) ?? 0) > 1);
    expect(new Set(duplicated)).toEqual(lostOutcomes);
    expect(duplicated.every((id) => relay.deliveries.get(id) === 2)).toBe(true);
    for (const id of holdingAtKill) expect(lostOutcomes.has(id)).toBe(true);

    console.log(
      [
        `crash test: ${EVENTS} events, ${sent.attempts} delivery attempts (${[...sent.failures].map(([k, v]) => `${k} x${v}`).join(", ") || "no failures"})`,
        `  killed after ${ackedBeforeKill} acknowledged, with ${sendsInFlightAtKill} sends in flight; ${acknowledgedAsDuplicate} later retries were answered "already have it" (committed before the kill, answer lost)`,
        `  relay: ${deliveredBeforeRestart.size} delivered before the restart, ${holdingAtKill.length} held by the target at the kill, ${lostOutcomes.size} forwarded but unrecorded; ${duplicated.length} delivered twice after the restart (at-least-once)`,
      ].join("\n"),
    );
  }, 150_000 + BUILD_MS);
});
