// Plain SQL on the pool under a Prisma client, for the worker's hot statements (claiming slots, recording runs):
// no query engine in between, and each statement is prepared once per connection (a named statement), so
// PostgreSQL plans the long record statement once instead of on every batch. Results are typed as Prisma would
// give them where it matters: `timestamp` columns are UTC instants, int8 columns are bigints.
import pg from "pg";
import { poolOf, type Db } from "./client";

/** A statement with its parameters ($1, $2, ...), named when it runs often enough to be worth preparing. */
export interface SqlStatement {
  name?: string;
  text: string;
  values: unknown[];
}

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const INT8 = 20;

// `timestamp without time zone` holds UTC here (Prisma's convention): read it as UTC whatever the process's zone.
const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return utc;
    if (oid === TIMESTAMPTZ) return (text: string) => new Date(text);
    if (oid === INT8) return (text: string) => BigInt(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Something that runs queries: the pool, or one client of it inside a transaction. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/**
 * The pool's errors for a statement that never went out: no connection came free (or opened) within the connect
 * timeout. Under a burst of slow statements (periodic jobs on a starved machine) that is a queue, not a failure: a
 * batch of recorded runs failed by it would run all its slots again once their leases expired, 15 s late.
 */
const NOT_SENT = new Set(["timeout exceeded when trying to connect", "Connection terminated due to connection timeout"]);
/** Further waits for a connection before a statement on the pool fails. */
export const NOT_SENT_RETRIES = 2;

export const wasNotSent = (err: unknown): boolean => err instanceof Error && NOT_SENT.has(err.message);

/**
 * Runs one statement and returns its rows. On the pool (not inside a transaction) a statement that could not get a
 * connection in time is retried (NOT_SENT_RETRIES): it never reached the server, so asking again cannot run it twice.
 */
export async function sqlRows<Row>(on: Db | Queryable, statement: SqlStatement): Promise<Row[]> {
  const pooled = "$queryRaw" in on;
  const target = pooled ? poolOf(on) : on;
  const query = { name: statement.name, text: statement.text, values: statement.values, types };
  for (let retry = 0; ; retry++) {
    try {
      const res = await target.query<Row & pg.QueryResultRow>(query);
      return res.rows;
    } catch (err) {
      if (!pooled || retry >= NOT_SENT_RETRIES || !wasNotSent(err)) throw err;
    }
  }
}

/** Runs `fn` inside one transaction on one pooled connection; rolls back if it throws. */
export async function sqlTransaction<T>(db: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await poolOf(db).connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** An ISO instant for a `timestamp` parameter (PostgreSQL drops the zone, keeping UTC), or null. */
export const iso = (at: number | Date | null | undefined): string | null => (at === null || at === undefined ? null : new Date(at).toISOString());
