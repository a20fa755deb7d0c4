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

export async function sqlRows<Row>(on: Db | Queryable, statement: SqlStatement): Promise<Row[]> {
  const target = "$queryRaw" in on ? poolOf(on) : on;
  const res = await target.query<Row & pg.QueryResultRow>({ name: statement.name, text: statement.text, values: statement.values, types });
  return res.rows;
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
