// The HTTP target of `npm run bench:probes` (forked by scripts/bench/probes.ts): answers every request with a small
// JSON body after a fixed delay, on a port of its own choosing that it reports when ready; runs until killed.
// Usage: node --import tsx http-target.ts --delay <ms>
import { createServer } from "node:http";
import { benchArgs, positive } from "../kit/args";
import { parentChannel } from "../kit/children";

export type FromTarget = { kind: "ready"; port: number };

const { delay: delayMs } = benchArgs({ delay: positive(3) });
const parent = parentChannel<never, FromTarget>();

const server = createServer((_req, res) => {
  setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'), delayMs);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => parent.send({ kind: "ready", port: (server.address() as { port: number }).port }));
