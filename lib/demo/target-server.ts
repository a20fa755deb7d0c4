// A small HTTP service with healthy, slow, flaky and down endpoints, so the demo has real traffic to probe
// without internet. `/_control/<path>` lets a test switch an endpoint into a failing mode and back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type Mode = "normal" | "fail" | "slow";

export interface DemoTarget {
  url: string;
  port: number;
  setMode(path: string, mode: Mode): void;
  close(): Promise<void>;
}

type Handler = (res: ServerResponse, random: () => number, req: IncomingMessage) => Promise<void> | void;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

const routes: Record<string, Handler> = {
  "/healthy": async (res, random) => {
    await wait(5 + random() * 40);
    json(res, 200, { status: "ok" });
  },
  "/status": async (res, random) => {
    await wait(20 + random() * 60);
    json(res, 200, { status: "operational", components: { api: "operational", webhooks: "operational" } });
  },
  "/slow": async (res, random) => {
    await wait(300 + random() * 900);
    json(res, 200, { status: "ok", note: "slow but fine" });
  },
  "/flaky": async (res, random) => {
    await wait(10 + random() * 80);
    if (random() < 0.3) json(res, 500, { error: "internal error" });
    else json(res, 200, { status: "ok" });
  },
  // A partner API in the shape GitHub answers: rate-limit headers draining over the hour, and a deprecation
  // notice with a sunset date, so the demo shows provider signals.
  "/partner": async (res, random) => {
    await wait(15 + random() * 30);
    const hourStart = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const used = Math.floor(((Date.now() - hourStart) / 3_600_000) * 4_200);
    res.writeHead(200, {
      "content-type": "application/json",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(5_000 - used),
      "x-ratelimit-reset": String(Math.floor((hourStart + 3_600_000) / 1000)),
      deprecation: `@${Math.floor((Date.now() - 30 * 86_400_000) / 1000)}`,
      sunset: new Date(Date.now() + 45 * 86_400_000).toUTCString(),
      link: '<https://partner.example.com/changelog/v2>; rel="deprecation"',
    });
    res.end(JSON.stringify({ resources: { core: { limit: 5000, remaining: 5000 - used } } }));
  },
  // A relay target for demo webhook sources: accepts whatever is forwarded to it.
  "/hooks": async (res) => {
    json(res, 200, { received: true });
  },
  // The demo Stripe source's relay target, a team's order service: it fails a fifth of the time (a retry then
  // goes through) and always refuses `invoice.payment_failed` (a bug on "their" side), which is dead-lettered.
  "/hooks/orders": async (res, random, req) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const type = /"type":"([^"]+)"/.exec(Buffer.concat(chunks).toString("utf8"))?.[1];
    await wait(10 + random() * 40);
    if (type === "invoice.payment_failed") return json(res, 500, { error: "order service: no handler for invoice.payment_failed" });
    if (random() < 0.2) return json(res, 503, { error: "order service busy" });
    json(res, 200, { received: true, type });
  },
  "/down": async (res) => {
    await wait(5);
    json(res, 503, { error: "service unavailable" });
  },
};

export async function startDemoTarget(opts: { port: number; host?: string; random?: () => number }): Promise<DemoTarget> {
  const modes = new Map<string, Mode>();
  const random = opts.random ?? Math.random;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://demo");
    if (url.pathname.startsWith("/_control/") && req.method === "POST") {
      const path = url.pathname.slice("/_control".length);
      const mode = (url.searchParams.get("mode") ?? "normal") as Mode;
      if (!["normal", "fail", "slow"].includes(mode)) return json(res, 400, { error: "mode must be normal, fail or slow" });
      modes.set(path, mode);
      return json(res, 200, { path, mode });
    }
    const route = routes[url.pathname];
    if (!route) return json(res, 404, { error: "not found", routes: Object.keys(routes) });
    const mode = modes.get(url.pathname) ?? "normal";
    if (mode === "fail") return json(res, 500, { error: "failing on purpose (demo control)" });
    if (mode === "slow") await wait(2_000);
    await route(res, random, req);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: "demo target crashed" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setMode: (path, mode) => modes.set(path, mode),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
