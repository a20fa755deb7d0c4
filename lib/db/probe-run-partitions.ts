// ProbeRun's day partitions (RANGE on "startedAt", one per UTC day, "ProbeRun_YYYYMMDD"; no DEFAULT partition, which
// would keep PostgreSQL from reading the days newest first and stopping early): creating days, ahead of time or for a
// run whose day has none, and dropping whole days for retention. Creating is serialized across the fleet (an advisory
// lock); every statement here is idempotent.
// DDL on a partition locks its parent briefly, so each waits at most LOCK_TIMEOUT and otherwise fails, to be retried
// on the next turn (days are made ahead for that), rather than queue behind a long read and stall every insert.
import type { Db } from "./client";

type Tx = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

const DAY = 86_400_000;
const PARENT = "ProbeRun";
const PARTITION_LOCK = 7_469_746_802;
const LOCK_TIMEOUT = "5s";
const NAME = /^ProbeRun_(\d{4})(\d{2})(\d{2})$/;

/** Midnight UTC of `ms`'s day. */
export const utcDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** The partition that holds runs started on `day` (midnight UTC). */
export const partitionName = (day: number): string => `${PARENT}_${new Date(day).toISOString().slice(0, 10).replace(/-/g, "")}`;

const literal = (ms: number): string => `'${new Date(ms).toISOString().replace("T", " ").replace("Z", "")}'`;

/** The day partitions that exist, as midnight UTC of their day, oldest first. */
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

/**
 * Creates `day`'s partition. Built as a plain table and attached, which locks the parent less than CREATE TABLE ...
 * PARTITION OF (inserts and reads go on); the attach adds the parent's indexes and foreign keys.
 */
export async function createDayPartition(tx: Tx, day: number): Promise<void> {
  const name = partitionName(day);
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  await tx.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "${name}" (LIKE "${PARENT}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`,
  );
  await tx.$executeRawUnsafe(`ALTER TABLE "${PARENT}" ATTACH PARTITION "${name}" FOR VALUES FROM (${literal(day)}) TO (${literal(day + DAY)})`);
}

/**
 * Creates the partitions of `days` (any instants: their UTC days) that do not exist yet, in one transaction under the
 * fleet's partition lock, so two workers never create one day at once. `wait: false` (the hourly job) skips when
 * another worker holds the lock and returns null; `wait: true` (a run whose day has no partition) waits for it, at
 * most LOCK_TIMEOUT, then finds what the other made. Returns the days created, oldest first.
 */
export async function ensureDayPartitions(db: Db, days: Iterable<number>, { wait }: { wait: boolean }): Promise<number[] | null> {
  const wanted = [...new Set([...days].map(utcDay))].sort((a, b) => a - b);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      if (wait) await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${PARTITION_LOCK}::bigint)::text`);
      else {
        const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${PARTITION_LOCK}::bigint) AS locked`);
        if (!lock?.locked) return null;
      }
      const existing = new Set(await listDayPartitions(tx));
      const created: number[] = [];
      for (const day of wanted) {
        if (existing.has(day)) continue;
        await createDayPartition(tx, day);
        created.push(day);
      }
      return created;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** An insert refused because no partition takes its row (its day's partition does not exist). */
export function isMissingPartition(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === "23514" && typeof e.message === "string" && e.message.includes("no partition of relation");
}

/** Drops every day partition whose whole day is before `cutoff`; returns the days dropped. */
export async function dropDayPartitionsBefore(tx: Tx, cutoff: Date): Promise<number[]> {
  const old = (await listDayPartitions(tx)).filter((day) => day + DAY <= cutoff.getTime());
  if (old.length === 0) return [];
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  for (const day of old) await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS "${partitionName(day)}"`);
  return old;
}
