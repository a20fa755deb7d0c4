// The one Prisma client per process (STYLE.md principle 9), over node-postgres through the driver adapter. The
// pool underneath is ours, so a hot path that gains from plain SQL (the webhook receiver) shares its connections.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

// On globalThis, like the client itself: `npm start`'s web server imports lib/ directly (the webhook fast path)
// and Next's bundles import their own copy, and whichever creates the client first must let the other find its pool.
const globalForPools = globalThis as unknown as { tetherDbPools?: WeakMap<Db, pg.Pool> };
const pools = (globalForPools.tetherDbPools ??= new WeakMap<Db, pg.Pool>());

/**
 * How long the database may take before a caller gets an error instead of waiting. A PostgreSQL that stops answering
 * without refusing (a frozen process, a partition, a stuck failover) must not hold requests, pool slots or worker
 * ticks forever: the connect and the query are bounded here (client side, as a frozen server cannot enforce its own
 * statement_timeout), and the server is asked for the same bounds so a slow query is cancelled cleanly there first.
 */
export interface DbTimeouts {
  /** Waiting for a pool slot plus opening a connection. */
  connectTimeoutMs: number;
  /** One query, client side; the server's statement_timeout is a little shorter. */
  queryTimeoutMs: number;
  /** A session left idle inside a transaction (its client frozen or gone) is ended by the server, freeing its locks. */
  idleInTransactionTimeoutMs: number;
}

/** The worker and scripts: retention and rollup work may legitimately take a while. */
export const BACKGROUND_DB_TIMEOUTS: DbTimeouts = { connectTimeoutMs: 5_000, queryTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };
/** Requests (pages, API, webhooks): each must answer within 5 s even when PostgreSQL hangs, with a 503 if need be. */
export const REQUEST_DB_TIMEOUTS: DbTimeouts = { connectTimeoutMs: 2_000, queryTimeoutMs: 2_000, idleInTransactionTimeoutMs: 30_000 };

/**
 * A connection whose query timed out is in an unknown state: the query may still run once the server answers, and a
 * transaction's ROLLBACK may never have gone out (it queued behind the stuck query). Handed back to the pool, the
 * next borrower could run inside that open transaction. So it is closed (pg's end() drops the socket when a query
 * is active, and the server rolls back what it held), never reused.
 */
class BoundedClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads; the arguments pass through untouched
  override query(...args: any[]): any {
    const closeOnTimeout = (err: unknown) => {
      if (err instanceof Error && err.message === "Query read timeout") void this.end().catch(() => undefined);
    };
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        if (err) closeOnTimeout(err);
        (last as (err: unknown, res: unknown) => void)(err, res);
      };
      return super.query(...(args as Parameters<pg.Client["query"]>));
    }
    const result: unknown = super.query(...(args as Parameters<pg.Client["query"]>));
    if (result instanceof Promise)
      return result.catch((err: unknown) => {
        closeOnTimeout(err);
        throw err;
      });
    return result;
  }
}

export interface DbOptions {
  max?: number;
  timeouts?: DbTimeouts;
  /** Names the pool's sessions in pg_stat_activity: "tether-web" for the web process, "tether-worker" for a worker. */
  applicationName?: string;
}

export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const t = options.timeouts ?? BACKGROUND_DB_TIMEOUTS;
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "tether",
    Client: BoundedClient,
    connectionTimeoutMillis: t.connectTimeoutMs,
    query_timeout: t.queryTimeoutMs,
    statement_timeout: Math.max(t.queryTimeoutMs - 500, 1),
    idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs,
    // Idle connections are closed after a while, and a dead one found by TCP keepalive is dropped by the pool.
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection that dies (PostgreSQL restarted, the backend terminated) is dropped by the pool, which then
  // emits "error": with no listener that would end the process. Prisma's adapter listens only once it has run a
  // query, and the worker's hot statements go to the pool directly, so a pool used only that way had none.
  pool.on("error", () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** The node-postgres pool under a client made by createDb. */
export function poolOf(client: Db): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("This database client was not made by createDb");
  return pool;
}

const globalForDb = globalThis as unknown as { tetherDb?: Db; tetherReadDb?: Db };

/** The process-wide client of the web process (pages, API, webhooks), created on first use from DATABASE_URL. */
export function db(): Db {
  if (!globalForDb.tetherDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start Tether with `npm start`, which provides a database when none is configured.");
    globalForDb.tetherDb = createDb(url, { timeouts: REQUEST_DB_TIMEOUTS, applicationName: "tether-web" });
  }
  return globalForDb.tetherDb;
}

/**
 * The client for the dashboard's reads: a read replica when DATABASE_READ_URL is set (workers in several locations
 * write to the primary; the dashboard's heavy reads need not), else the primary's client. Writes always use db().
 */
export function readDb(
  env: Record<string, string | undefined> = process.env,
  make: (url: string) => Db = (url) => createDb(url, { timeouts: REQUEST_DB_TIMEOUTS, applicationName: "tether-web" }),
): Db {
  const url = env.DATABASE_READ_URL;
  if (!url) return db();
  return (globalForDb.tetherReadDb ??= make(url));
}
