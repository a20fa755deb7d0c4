// Dashboard load for `npm run bench:probes` (forked by scripts/bench/probes.ts): `--concurrency` loops each loading
// the overview (`listIntegrations`) back to back, between "go" and "stop"; on stop it reports every load's latency.
// Usage: DATABASE_URL=... node --import tsx overview-load.ts --concurrency <n>
import { performance } from "node:perf_hooks";
import { createDb } from "../../../lib/db/client";
import { listIntegrations } from "../../../lib/integrations/crud";
import { benchArgs, positive } from "../kit/args";
import { parentChannel } from "../kit/children";

export type ToLoad = { kind: "go" } | { kind: "stop" };
export type FromLoad = { kind: "ready" } | { kind: "result"; latencies: number[] };

const { concurrency } = benchArgs({ concurrency: positive(2) });
const parent = parentChannel<ToLoad, FromLoad>();

const db = createDb(process.env.DATABASE_URL!);
await listIntegrations(db); // connect and warm up before the phase starts
let running = false;
const latencies: number[] = [];
const loops: Promise<void>[] = [];
const loop = async () => {
  while (running) {
    const t0 = performance.now();
    await listIntegrations(db);
    latencies.push(performance.now() - t0);
  }
};
parent.on((m) => {
  if (m.kind === "go") {
    running = true;
    for (let i = 0; i < concurrency; i++) loops.push(loop());
  }
  if (m.kind === "stop") {
    running = false;
    void Promise.all(loops)
      .then(() => db.$disconnect())
      .then(() => {
        parent.send({ kind: "result", latencies });
        process.exit(0);
      });
  }
});
parent.send({ kind: "ready" });
