// `npm run soak`: the production server (scripts/start.ts: web server + worker) under steady load for a long while,
// to find what grows. 200 probes/s (HTTP, to a local target) and 500 signed webhooks/s by default, for 30 minutes;
// every minute it prints the whole server's RSS (its process group; the mean and the peak of one sample a second),
// the schedule lag p99 of that minute's runs and the webhooks answered. Passes when the mean RSS of the last five
// minutes is under 10% above that of the five after the warm-up (a single sample saws by ±15% with GC) and the lag
// p99 stayed flat; see scripts/bench/kit/soak-verdict.ts.
// Not in CI (it takes half an hour). Options: --minutes 30 --probes 200 --webhooks 500 --warmup-minutes 5.
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { Agent, request } from "undici";
import { createDb } from "../lib/db/client";
import { createSource } from "../lib/webhooks/sources";
import { benchArgs, positive } from "./bench/kit/args";
import { freePort, spawnProductionServer, stopServer, untilReady } from "./bench/kit/production-server";
import { openBenchDatabase } from "./bench/kit/scratch-db";
import { loadAverage } from "./bench/kit/report";
import { soakVerdict, type SoakMinute } from "./bench/kit/soak-verdict";
import { newSecret, signedHeaders } from "./bench/kit/standard-webhooks";

const opts = benchArgs({ minutes: positive(30), probes: positive(200), webhooks: positive(500), "warmup-minutes": positive(5) });

/** Resident memory of every process in the group, in MiB. */
function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

const bench = await openBenchDatabase("tether_soak", { reaper: true });
const db = createDb(bench.url);
const target = createServer((_req, res) => res.writeHead(200).end("ok"));
await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
const targetPort = (target.address() as { port: number }).port;
// One-second intervals: as many integrations as probes a second.
await db.integration.createMany({
  data: Array.from({ length: Math.round(opts.probes) }, (_, i) => ({
    name: `soak-${i}`,
    kind: "http" as const,
    config: { method: "GET", url: `http://127.0.0.1:${targetPort}/soak-${i}`, headers: [], expectedStatus: "2xx" },
    intervalSeconds: 1,
    timeoutMs: 2_000,
    retryAttempts: 0,
  })),
});
const key = randomBytes(32).toString("hex");
process.env.TETHER_ENCRYPTION_KEY = key;
const secret = newSecret();
await createSource(db, { name: "Soak", slug: "soak", scheme: "standard_webhooks", secret }, { principal: null });

const server = spawnProductionServer({
  port: await freePort(),
  env: {
    DATABASE_URL: bench.url,
    TETHER_DEMO: "off",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TETHER_ENCRYPTION_KEY: key,
    TETHER_ALLOW_PRIVATE_TARGETS: "true",
    TETHER_LOG_LEVEL: "warn",
    TETHER_WORKER_CONCURRENCY: "100",
  },
});
bench.guard(server.pgid);
await untilReady(server, 120_000);

// The webhook sender: one new id every 1/rate s, never more than `connections` in flight.
const agent = new Agent({ connections: 64 });
const answered = new Map<string, number>();
let stopping = false;
let inFlight = 0;
let n = 0;
const sender = (async () => {
  const started = performance.now();
  while (!stopping) {
    const due = started + (n * 1000) / opts.webhooks;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    if (inFlight >= 256) {
      answered.set("dropped (too many in flight)", (answered.get("dropped (too many in flight)") ?? 0) + 1);
      n++;
      continue;
    }
    const id = `soak_${n++}`;
    const body = JSON.stringify({ type: "soak", data: { id } });
    inFlight++;
    void request(`${server.origin}/api/webhooks/in/soak`, { method: "POST", headers: signedHeaders(secret, id, body), body, dispatcher: agent })
      .then(
        async (res) => {
          await res.body.dump();
          return String(res.statusCode);
        },
        (err: unknown) => (err as { code?: string }).code ?? "error",
      )
      .then((outcome) => {
        inFlight--;
        answered.set(outcome, (answered.get(outcome) ?? 0) + 1);
      });
  }
})();

interface Minute extends SoakMinute {
  peakRssMiB: number;
  runs: number;
  webhooks: string;
}
const minutes: Minute[] = [];
/** One RSS sample a second for a minute: the mean and the peak. */
async function sampleMinute(): Promise<{ mean: number; peak: number }> {
  const samples: number[] = [];
  for (let s = 0; s < 60; s++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    samples.push(groupRssMiB(server.pgid));
  }
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, peak: Math.max(...samples) };
}
console.log(`soak: ${opts.probes} probes/s and ${opts.webhooks} webhooks/s for ${opts.minutes} minutes against ${server.origin}`);
console.log("minute  RSS MiB (mean/peak)  lag p99 ms  runs/s  webhooks answered");
for (let minute = 1; minute <= opts.minutes; minute++) {
  const from = new Date();
  const rss = await sampleMinute();
  const [lag] = await db.$queryRaw<{ p99: number | null; runs: number }[]>`
    SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "startedAt" - "scheduledFor") * 1000) AS p99, count(*)::int AS runs
    FROM "ProbeRun" WHERE "startedAt" >= ${from} AND "scheduledFor" IS NOT NULL`;
  const webhooks = [...answered].map(([k, v]) => `${k} x${v}`).join(", ");
  answered.clear();
  const row = { minute, rssMiB: rss.mean, peakRssMiB: rss.peak, lagP99Ms: Number(lag?.p99 ?? 0), runs: lag?.runs ?? 0, webhooks };
  minutes.push(row);
  console.log(
    `${String(minute).padStart(6)}  ${`${row.rssMiB.toFixed(0)}/${row.peakRssMiB.toFixed(0)}`.padStart(19)}  ${row.lagP99Ms.toFixed(0).padStart(10)}  ${(row.runs / 60).toFixed(0).padStart(6)}  ${webhooks}`,
  );
}

stopping = true;
await sender;
await stopServer(server);
await agent.close();
await new Promise((resolve) => target.close(resolve));
await db.$disconnect();
await bench.close();

const v = soakVerdict(minutes, opts.warmupMinutes);
const span = (from: number, to: number) => `minutes ${from}-${to}`;
const firstSpan = span(Math.round(opts.warmupMinutes) + 1, Math.round(opts.warmupMinutes) + v.window);
const lastSpan = span(minutes.length - v.window + 1, minutes.length);
console.log(
  `RSS mean ${firstSpan}: ${v.warmRssMiB.toFixed(0)} MiB, ${lastSpan}: ${v.lastRssMiB.toFixed(0)} MiB (${(v.rssGrowth * 100).toFixed(1)}%, target under 10%; trend ${v.rssSlopeMiBPerMinute.toFixed(2)} MiB/min): ${v.rssOk ? "ok" : "FAIL"}`,
);
console.log(`lag p99 median ${firstSpan}: ${v.warmLagMs.toFixed(0)} ms, ${lastSpan}: ${v.lastLagMs.toFixed(0)} ms (flat): ${v.lagOk ? "ok" : "FAIL"}`);
console.log(`load average at the end: ${loadAverage()}`);
process.exit(v.rssOk && v.lagOk ? 0 : 1);
