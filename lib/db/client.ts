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

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: "tether" });
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

const globalForDb = globalThis as unknown as { tetherDb?: Db };

/** The process-wide client, created on first use from DATABASE_URL. */
export function db(): Db {
  if (!globalForDb.tetherDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start Tether with `npm start`, which provides a database when none is configured.");
    globalForDb.tetherDb = createDb(url);
  }
  return globalForDb.tetherDb;
}
