// The status cache's notifications from a LISTEN connection it does not own. Under `npm start` the web server is a
// thread of the start process (scripts/start.ts), whose worker already keeps one connection LISTENing
// (lib/scheduler/work-listener.ts): that connection also LISTENs on the snapshot channel and passes what it hears to
// the web thread's cache through a MessagePort, and the worker's pool runs the cache's 30 s re-read of the build
// times, so the web server keeps no PostgreSQL backend of its own (13-16 MB resident) open all day. A web server
// without the start program (scripts/web-server.ts run alone) has no port and LISTENs itself, as before.
import type { MessagePort } from "node:worker_threads";

export interface SnapshotStamp {
  pageId: string;
  builtAtMs: number;
}

// Prisma keeps DateTime as UTC in a timestamp without time zone, which extract(epoch ...) reads as UTC too.
export const STAMPS_SQL = `SELECT "pageId", (extract(epoch FROM "builtAt") * 1000)::float8 AS "builtAtMs" FROM "StatusPageSnapshot"`;

/** How long the cache waits for the re-read over the port: a frozen database must not hold a re-read forever. */
export const FEED_STAMPS_TIMEOUT_MS = 5_000;

/** What the cache hears from a connection that listens on its behalf. */
export interface SnapshotFeedEvents {
  /** A page's snapshot was rebuilt or deleted. */
  changed(pageId: string): void;
  /** The connection listens (again): anything may have changed while it did not. */
  listening(): void;
}

/** The cache's side of the feed. */
export interface SnapshotFeed {
  follow(events: SnapshotFeedEvents): void;
  /** Every snapshot's build time, read on the listener's side; rejects when that fails or one is still running. */
  stamps(): Promise<SnapshotStamp[]>;
  close(): void;
}

type ToCache =
  | { type: "changed"; pageId: string }
  | { type: "listening" }
  | { type: "stamps"; id: number; rows: SnapshotStamp[] }
  | { type: "stamps"; id: number; error: string };
type ToListener = { type: "stamps"; id: number };

/** The web thread's end of the port (scripts/start.ts passes the other end to the worker). */
export function snapshotFeedOverPort(port: MessagePort, timeoutMs = FEED_STAMPS_TIMEOUT_MS): SnapshotFeed {
  let events: SnapshotFeedEvents | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve(rows: SnapshotStamp[]): void; reject(err: Error): void }>();
  port.on("message", (m: ToCache) => {
    if (m.type === "changed") events?.changed(m.pageId);
    else if (m.type === "listening") events?.listening();
    else {
      const w = waiting.get(m.id);
      settled(m.id);
      if ("rows" in m) w?.resolve(m.rows);
      else w?.reject(new Error(m.error));
    }
  });
  // The web server's own handles keep the thread alive, the port only while a re-read waits for its answer (the
  // first one runs before the server listens).
  port.unref();
  const settled = (id: number) => {
    waiting.delete(id);
    if (waiting.size === 0) port.unref();
  };
  return {
    follow(e) {
      events = e;
    },
    stamps() {
      const id = next++;
      return new Promise<SnapshotStamp[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          settled(id);
          reject(new Error("the status snapshot re-read over the worker's connection timed out"));
        }, timeoutMs);
        timer.unref();
        const settle =
          <T>(fn: (v: T) => void) =>
          (v: T) => {
            clearTimeout(timer);
            fn(v);
          };
        waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
        port.ref();
        port.postMessage({ type: "stamps", id } satisfies ToListener);
      });
    },
    close() {
      events = null;
      for (const w of waiting.values()) w.reject(new Error("the status snapshot feed closed"));
      waiting.clear();
      port.close();
    },
  };
}

/** What the listener's side offers the feed. */
export interface FeedSource {
  /** Runs a query (the worker's pool); rejects when it cannot. */
  query(sql: string): Promise<unknown[]>;
}

/** The listener's end of the port: call `changed` for each notification and `listening` after each (re)LISTEN. */
export interface SnapshotFeedServer {
  changed(pageId: string): void;
  listening(): void;
  close(): void;
}

export function serveSnapshotFeed(port: MessagePort, source: FeedSource): SnapshotFeedServer {
  // One re-read at a time: while a frozen database holds one, the next polls are refused at once instead of
  // taking more of the worker's pool.
  let reading = false;
  port.on("message", (m: ToListener) => {
    if (m.type !== "stamps") return;
    const reply = (msg: ToCache) => port.postMessage(msg);
    if (reading) return reply({ type: "stamps", id: m.id, error: "a re-read is still waiting on the database" });
    reading = true;
    source
      .query(STAMPS_SQL)
      .then(
        (rows) => reply({ type: "stamps", id: m.id, rows: (rows as SnapshotStamp[]).map((r) => ({ pageId: r.pageId, builtAtMs: r.builtAtMs })) }),
        (err: unknown) => reply({ type: "stamps", id: m.id, error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => (reading = false));
  });
  port.unref();
  return {
    changed: (pageId) => port.postMessage({ type: "changed", pageId } satisfies ToCache),
    listening: () => port.postMessage({ type: "listening" } satisfies ToCache),
    close: () => port.close(),
  };
}
