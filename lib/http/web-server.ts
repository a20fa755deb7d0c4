// The dashboard's HTTP server under `npm start`: Next's documented custom server (the same router `next start`
// runs, so proxy.ts and instrumentation.ts load as before), with inbound webhooks answered in front of it by the
// fast path. Stops by refusing new connections and letting requests in flight finish.
import { createServer, type Server } from "node:http";
import next from "next";
import { db } from "../db/client";
import type { Logger } from "../observability/logger";
import { parseTrustedProxies, stampClientAddress } from "./client-address";
import { answerWebhook, webhookSlug } from "./webhook-fast-path";
import { StatusSnapshotCache } from "../status-pages/snapshot/cache";
import type { SnapshotFeed } from "../status-pages/snapshot/feed";
import { answerStatusFast } from "./status-fast-path";

export interface WebServerOptions {
  /** The project root: where next.config.js and the build directory (TETHER_DIST_DIR, default .next) are. */
  dir: string;
  port: number;
  host: string;
  log: Logger;
  /** The status cache's notifications over the worker's listening connection (`npm start`); without it, its own. */
  statusFeed?: SnapshotFeed;
}

export interface WebServer {
  close(): Promise<void>;
}

export async function startWebServer({ dir, port, host, log, statusFeed }: WebServerOptions): Promise<WebServer> {
  const app = next({ dev: false, dir, port, hostname: host });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustedProxies = parseTrustedProxies(process.env.TETHER_TRUSTED_PROXIES);
  // Public status pages from memory (the worker builds the snapshots); a failed start leaves them to Next.
  const statusCache = new StatusSnapshotCache(db(), log, statusFeed);
  if (process.env.DATABASE_URL)
    await statusCache
      .start(process.env.DATABASE_URL)
      .catch((err: unknown) => log.warn("status page cache did not start", { error: err instanceof Error ? err.message : String(err) }));

  const server: Server = createServer((req, res) => {
    if (answerStatusFast(statusCache, req, res)) return;
    const slug = webhookSlug(req);
    if (slug === null) stampClientAddress(req, trustedProxies);
    const answered = slug === null ? handle(req, res) : answerWebhook(db(), slug, req, res);
    answered.catch((err: unknown) => {
      log.error(`${req.method} ${req.url} failed`, { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent)
        res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"code":"internal","message":"Something went wrong on our side"}}');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await statusCache.close();
      await app.close();
    },
  };
}
