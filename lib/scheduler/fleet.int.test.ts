// Three real worker processes (`npm run worker`) share one database; one is killed with SIGKILL while its
// probes are in flight. No slot is recorded twice, and no integration goes unprobed for more than two
// intervals: the dead worker's leases expire and the others take its slots.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORKER_BUNDLE = "node_modules/.cache/tether/worker.mjs";
const INTERVAL_S = 5;
const COUNT = 30;

let t: TestDb;
let target: Server;
const hits = new Map<string, number>();
const workers: ChildProcess[] = [];

function startWorker(name: string): ChildProcess {
  // The built worker, as `npm run worker` runs it; one process, so the pid is the worker itself.
  const child = spawn(process.execPath, [WORKER_BUNDLE], {
    cwd: ROOT,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      DATABASE_URL: t.url,
      TETHER_WORKER_CONCURRENCY: "8",
      TETHER_LEASE_MARGIN_MS: "1000",
      TETHER_ALLOW_PRIVATE_TARGETS: "true",
      TETHER_LOG_LEVEL: "warn",
      TETHER_DATA_DIR: `/tmp/tether-fleet-${name}`,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  workers.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

beforeAll(async () => {
  const build = spawnSync(process.execPath, ["scripts/build-worker.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build:worker failed: ${build.stderr}`);
  t = await createTestDb();
  // Slow enough that a worker always has probes in flight when it is killed.
  target = createServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    setTimeout(() => res.writeHead(200).end("ok"), 400);
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const port = (target.address() as { port: number }).port;
  await t.db.integration.createMany({
    data: Array.from({ length: COUNT }, (_, i) => ({
      name: `svc-${i}`,
      kind: "http" as const,
      config: { method: "GET", url: `http://127.0.0.1:${port}/svc-${i}`, headers: [], expectedStatus: "2xx" },
      intervalSeconds: INTERVAL_S,
      timeoutMs: 1_000,
      retryAttempts: 0,
    })),
  });
}, 60_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
  await Promise.all(workers.map(exited));
  await new Promise((r) => target.close(r));
  await t.close();
});

describe("worker fleet", () => {
  it("survives a worker killed mid-run: no slot recorded twice, nobody unprobed for more than two intervals", { timeout: 180_000 }, async () => {
    const [a, b, c] = [startWorker("a"), startWorker("b"), startWorker("c")];
    // Wait until the victim holds leases, i.e. has probes in flight, then kill it without warning.
    // Starting takes seconds, many more on a machine shared with other work: be patient here, strict below.
    await expect.poll(async () => t.db.workerHeartbeat.count(), { timeout: 90_000, interval: 200 }).toBe(3);
    const victim = await t.db.workerHeartbeat.findFirstOrThrow({ where: { pid: b.pid } });
    await expect.poll(async () => t.db.integration.count({ where: { leaseOwner: victim.id } }), { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    const killedAt = Date.now();
    b.kill("SIGKILL");
    await exited(b);

    // Run on for three more intervals.
    await expect.poll(async () => Date.now() - killedAt, { timeout: 30_000, interval: 500 }).toBeGreaterThan(3 * INTERVAL_S * 1000);
    for (const w of [a, c]) w.kill("SIGTERM");
    expect(await exited(a)).toBe(0);
    expect(await exited(c)).toBe(0);

    const runs = await t.db.probeRun.findMany({
      select: { integrationId: true, scheduledFor: true, startedAt: true, workerId: true },
      orderBy: { startedAt: "asc" },
    });
    const slots = runs.map((r) => `${r.integrationId}@${r.scheduledFor?.toISOString()}`);
    expect(new Set(slots).size).toBe(slots.length);

    const byIntegration = new Map<string, number[]>();
    for (const r of runs) byIntegration.set(r.integrationId, [...(byIntegration.get(r.integrationId) ?? []), r.startedAt.getTime()]);
    expect(byIntegration.size).toBe(COUNT);
    const worstGap = Math.max(...[...byIntegration.values()].flatMap((times) => times.slice(1).map((t0, i) => t0 - times[i]!)));
    expect(worstGap).toBeLessThanOrEqual(2 * INTERVAL_S * 1000);
    // Every integration was probed after the kill, by a surviving worker.
    const survivors = new Set((await t.db.workerHeartbeat.findMany({ where: { pid: { in: [a.pid!, c.pid!] } } })).map((w) => w.id));
    for (const times of byIntegration.values()) expect(times.some((x) => x > killedAt)).toBe(true);
    expect(runs.filter((r) => r.startedAt.getTime() > killedAt + 3_000).every((r) => survivors.has(r.workerId!))).toBe(true);
    // The target saw at most the recorded runs plus the probes that died with the victim.
    const totalHits = [...hits.values()].reduce((x, y) => x + y, 0);
    expect(totalHits).toBeGreaterThanOrEqual(runs.length);
    expect(totalHits - runs.length).toBeLessThanOrEqual(8);
    // The survivors stopped gracefully; the victim shows as lost once its heartbeat is stale.
    expect(await t.db.workerHeartbeat.count({ where: { stoppedAt: { not: null } } })).toBe(2);
  });
});
