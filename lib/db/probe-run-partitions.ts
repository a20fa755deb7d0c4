// ProbeRun's day partitions (RANGE on "startedAt", one per UTC day, "ProbeRun_YYYYMMDD", plus "ProbeRun_default"):
// creating the coming days ahead, moving runs that landed in the default partition into their day's, and dropping
// whole days for retention. Callers serialize these (an advisory lock); every statement here is idempotent.
// DDL on a partition locks its parent briefly, so each waits at most LOCK_TIMEOUT and otherwise fails, to be retried
// on the next turn (days are made ahead for that), rather than queue behind a long read and stall every insert.
import type { Db } from "./client";

type Tx = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

const DAY = 86_400_000;
const PARENT = "ProbeRun";
export const DEFAULT_PARTITION = "ProbeRun_default";
const LOCK_TIMEOUT = "5s";
const NAME = /^ProbeRun_(\d{4})(\d{2})(\d{2})$/;

/** Midnight UTC of `ms`'s day. */
export const utcDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** The partition that holds runs started on `day` (midnight UTC). */
export const partitionName = (day: number): string => `${PARENT}_${new Date(day).toISOString().slice(0, 10).replace(/-/g, "")}`;

const literal = (ms: number): string => `'${new Date(ms).toISOString().replace("T", " ").replace("Z", "")}'`;

/** The day partitions that exist, as midnight UTC of their day, oldest first (the default partition is not a day). */
export async function listDayPartitions(tx: Tx): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"${PARENT}"'::regclass`,
  );
  return rows
    .map((r) => NAME.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    .sort((a, b) => a - b);
}

/** The days that have runs in the default partition (none, unless partitions fell behind). */
export async function daysInDefault(tx: Tx): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ day: Date }[]>(`SELECT DISTINCT date_trunc('day', "startedAt") AS day FROM "${DEFAULT_PARTITION}" ORDER BY 1`);
  return rows.map((r) => r.day.getTime());
}

/**
 * Creates `day`'s partition and moves that day's runs out of the default partition into it. Built as a plain table
 * and attached, which locks the parent less than CREATE TABLE ... PARTITION OF (inserts and reads go on); the
 * attach adds the parent's indexes and foreign keys. Returns how many runs it moved.
 */
export async function createDayPartition(tx: Tx, day: number): Promise<number> {
  const name = partitionName(day);
  const [from, to] = [literal(day), literal(day + DAY)];
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  await tx.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "${name}" (LIKE "${PARENT}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`,
  );
  const moved = await tx.$executeRawUnsafe(
    `WITH moved AS (DELETE FROM "${DEFAULT_PARTITION}" WHERE "startedAt" >= ${from} AND "startedAt" < ${to} RETURNING *) INSERT INTO "${name}" SELECT * FROM moved`,
  );
  await tx.$executeRawUnsafe(`ALTER TABLE "${PARENT}" ATTACH PARTITION "${name}" FOR VALUES FROM (${from}) TO (${to})`);
  return moved;
}

/** Drops every day partition whose whole day is before `cutoff`; returns the days dropped. */
export async function dropDayPartitionsBefore(tx: Tx, cutoff: Date): Promise<number[]> {
  const old = (await listDayPartitions(tx)).filter((day) => day + DAY <= cutoff.getTime());
  if (old.length === 0) return [];
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  for (const day of old) await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS "${partitionName(day)}"`);
  return old;
}

/** Deletes up to `batchSize` runs older than `cutoff` from the default partition (normally empty). */
export async function deleteDefaultRunsBefore(tx: Tx, cutoff: Date, batchSize: number): Promise<number> {
  return tx.$executeRawUnsafe(
    `DELETE FROM "${DEFAULT_PARTITION}" WHERE (id, "startedAt") IN (SELECT id, "startedAt" FROM "${DEFAULT_PARTITION}" WHERE "startedAt" < $1::timestamp LIMIT $2)`,
    cutoff,
    batchSize,
  );
}
