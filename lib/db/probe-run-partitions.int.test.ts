// ProbeRun's day partitions against a real database: the migration converts a filled table in place (rows intact,
// partitioned, ids continuing, no DEFAULT partition), the worker's job makes the coming days' partitions (idempotent,
// one worker at a time), a run whose day has no partition creates it when recorded (two at once too), an
// integration's latest runs are read newest day first, and retention drops whole old days and keeps the newer ones.
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger";
import { ensureRunPartitions, PartitionJob } from "../scheduler/partitions";
import { pruneOnce } from "../scheduler/retention";
import { MIGRATIONS_DIR, createScratchDatabase, createTestDb, type ScratchDatabase, type TestDb } from "../testing/postgres";
import { createDb } from "./client";
import { ensureDayPartitions, listDayPartitions, partitionName } from "./probe-run-partitions";
import { recordProbeRun, type RecordRunInput } from "./probe-runs";
import { applyMigrations } from "./schema-engine";

const DAY = 86_400_000;
const utc = (ms: number) => Math.floor(ms / DAY) * DAY;
const migrations = readdirSync(MIGRATIONS_DIR)
  .filter((name) => /^\d{14}_/.test(name))
  .sort();
const PARTITIONING = migrations.find((name) => name.endsWith("_probe_run_partitions"))!;

const insertRun = (c: pg.Client, integrationId: string, at: Date, slot: Date | null = at) =>
  c.query(
    `INSERT INTO "ProbeRun" ("integrationId", "scheduledFor", "startedAt", "finishedAt", "latencyMs", ok, "httpStatus", attempts, "circuitState", trigger, trace)
     VALUES ($1, $2, $3, $3::timestamp + interval '40 milliseconds', 40, true, 200, 1, 'closed', 'scheduled', '{"attempts":[]}') RETURNING id`,
    [integrationId, slot, at],
  );

const insertIntegration = (c: pg.Client, id: string, name: string) =>
  c.query(
    `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "updatedAt") VALUES ($1, $2, 'http', '{"method":"GET","url":"http://127.0.0.1:1/","headers":[],"expectedStatus":"2xx"}', 30, 1000, now())`,
    [id, name],
  );

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe(`the migration ${PARTITIONING}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "tether-partitions-"));
  let scratch: ScratchDatabase;
  const integrationId = randomUUID();
  // Five days of runs, with a gap (no runs on the 27th), a run just before and just after a midnight.
  const days = ["2026-11-25T10:00:00.000Z", "2026-11-26T23:59:59.999Z", "2026-11-27T00:00:00.000Z", "2026-11-29T12:00:00.000Z", "2026-11-30T08:00:00.000Z"];
  const times = days.flatMap((d) => Array.from({ length: 20 }, (_, i) => new Date(Date.parse(d) - i * 1_000)));
  let fingerprint: string;
  /** The columns the table had before the migration: later migrations may add some (a run's location), never change these. */
  let columns: string;
  const fingerprintOf = async (c: pg.Client) =>
    (await c.query(`SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) AS f FROM (SELECT ${columns} FROM "ProbeRun") x`)).rows[0].f as string;
  let maxId: bigint;

  beforeAll(async () => {
    scratch = await createScratchDatabase("tether_partitions");
    for (const name of [...migrations.filter((m) => m < PARTITIONING), "migration_lock.toml"])
      cpSync(join(MIGRATIONS_DIR, name), join(dir, name), { recursive: true });
    await applyMigrations({ databaseUrl: scratch.url, migrationsDir: dir });
    await withClient(scratch.url, async (c) => {
      await insertIntegration(c, integrationId, "Payments");
      for (const at of times) await insertRun(c, integrationId, at);
      // A manual run (no slot) and ids with a hole, as deletes leave them.
      await insertRun(c, integrationId, new Date("2026-11-30T09:00:00.000Z"), null);
      await c.query(`DELETE FROM "ProbeRun" WHERE id = 7`);
      columns = (
        await c.query(
          `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS cols FROM information_schema.columns WHERE table_name = 'ProbeRun'`,
        )
      ).rows[0].cols;
      fingerprint = await fingerprintOf(c);
      maxId = BigInt((await c.query(`SELECT max(id)::text AS m FROM "ProbeRun"`)).rows[0].m);
    });
  }, 120_000);

  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("converts the filled table in place: every row intact, one partition per day with runs plus the coming days, ids continuing", async () => {
    expect((await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR })).applied[0]).toBe(PARTITIONING);
    await withClient(scratch.url, async (c) => {
      expect(await fingerprintOf(c)).toBe(fingerprint);
      expect((await c.query(`SELECT partstrat FROM pg_partitioned_table WHERE partrelid = '"ProbeRun"'::regclass`)).rows).toEqual([{ partstrat: "r" }]);
      const parts = (
        await c.query(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"ProbeRun"'::regclass ORDER BY 1`)
      ).rows.map((r: { name: string }) => r.name);
      const today = Math.floor(Date.now() / DAY) * DAY;
      const coming = [0, 1, 2].map((k) => partitionName(today + k * DAY));
      expect(parts).toEqual(
        [...new Set(["ProbeRun_20261125", "ProbeRun_20261126", "ProbeRun_20261127", "ProbeRun_20261129", "ProbeRun_20261130", ...coming])].sort(),
      );
      // Each run sits in its own day's partition (there is no DEFAULT partition to hold any).
      expect((await c.query(`SELECT count(*)::int AS n FROM pg_partitioned_table WHERE partdefid <> 0`)).rows[0].n).toBe(0);
      const placed = await c.query(`SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM "ProbeRun" GROUP BY 1 ORDER BY 1`);
      expect(placed.rows).toEqual([
        { part: '"ProbeRun_20261125"', n: 19 },
        { part: '"ProbeRun_20261126"', n: 39 },
        { part: '"ProbeRun_20261127"', n: 1 },
        { part: '"ProbeRun_20261129"', n: 20 },
        { part: '"ProbeRun_20261130"', n: 21 },
      ]);
      // The old table is gone; the sequence belongs to the new one; the indexes and the foreign key are back.
      expect((await c.query(`SELECT to_regclass('"ProbeRun_unpartitioned"') AS t`)).rows[0].t).toBeNull();
      expect((await c.query(`SELECT pg_get_serial_sequence('"ProbeRun"', 'id') AS s`)).rows[0].s).toBe('public."ProbeRun_id_seq"');
      const indexes = await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ProbeRun' ORDER BY 1`);
      expect(indexes.rows.map((r: { indexname: string }) => r.indexname)).toEqual(["ProbeRun_integrationId_startedAt_idx", "ProbeRun_pkey"]);
      expect(indexes.rows[1].indexdef).toContain('(id, "startedAt")');
      const fks = await c.query(`SELECT conname FROM pg_constraint WHERE conrelid = '"ProbeRun"'::regclass AND contype = 'f'`);
      expect(fks.rows).toEqual([{ conname: "ProbeRun_integrationId_fkey" }]);
    });

    // A run recorded now takes the next id, and the relation still cascades.
    const db = createDb(scratch.url);
    try {
      const at = Date.parse("2026-11-30T10:00:00.000Z");
      const outcome = await recordProbeRun(db, {
        integrationId,
        result: {
          startedAt: at,
          finishedAt: at + 5,
          ok: true,
          latencyMs: 5,
          httpStatus: 200,
          errorClass: null,
          errorMessage: null,
          attempts: 1,
          trace: {
            circuitBefore: "closed",
            circuitAdmission: "allowed",
            attempts: [],
            totalMs: 5,
            policy: { retries: 0, timeoutMs: 1_000, breakerThreshold: 3, breakerCooldownMs: 60_000 },
          },
        },
        trigger: "manual",
        scheduledFor: null,
        workerId: null,
        circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
      });
      expect(outcome.recorded && outcome.runId).toBe(maxId + 1n);
      await db.integration.delete({ where: { id: integrationId } });
      expect(await db.probeRun.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("partitions ahead and retention", () => {
  let t: TestDb;
  let integrationId: string;
  // Well after the migration ran, so none of these days has a partition yet.
  const NOW = Date.parse("2027-03-10T12:00:00.000Z");
  const MAR10 = Date.parse("2027-03-10T00:00:00.000Z");

  beforeAll(async () => {
    t = await createTestDb();
    integrationId = randomUUID();
    await withClient(t.url, (c) => insertIntegration(c, integrationId, "Orders"));
  });
  afterAll(async () => {
    await t?.close();
  });

  const partsOf = async () => (await listDayPartitions(t.db)).filter((d) => d >= Date.parse("2027-01-01"));
  const whereIs = (id: number) =>
    withClient(t.url, async (c) => (await c.query(`SELECT tableoid::regclass::text AS p FROM "ProbeRun" WHERE id = $1`, [id])).rows[0]?.p);

  it("creates today's and the next two days' partitions once, whichever of two workers runs first, and again nothing", async () => {
    const other = createDb(t.url);
    try {
      const reports = await Promise.all([ensureRunPartitions(t.db, NOW), ensureRunPartitions(other, NOW)]);
      expect(reports.flatMap((r) => r.created).sort()).toEqual([MAR10, MAR10 + DAY, MAR10 + 2 * DAY]);
      expect(await partsOf()).toEqual([MAR10, MAR10 + DAY, MAR10 + 2 * DAY]);
      // Both at once again, and one after the other: nothing more to create, nothing fails.
      const again = await Promise.all([ensureRunPartitions(t.db, NOW), ensureRunPartitions(other, NOW + 1_000)]);
      expect(again.flatMap((r) => r.created)).toEqual([]);
      expect(await ensureRunPartitions(t.db, NOW)).toEqual({ created: [], skipped: false });
      // A day later, one more day comes in.
      expect((await ensureRunPartitions(other, NOW + DAY)).created).toEqual([MAR10 + 3 * DAY]);
    } finally {
      await other.$disconnect();
    }
    // A run of tomorrow lands in tomorrow's partition, and the partition has the parent's indexes.
    const { rows } = await withClient(t.url, (c) => insertRun(c, integrationId, new Date(MAR10 + DAY + 3_600_000)));
    expect(await whereIs(rows[0].id)).toBe(`"${partitionName(MAR10 + DAY)}"`);
    const idx = await withClient(t.url, (c) => c.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = $1`, [partitionName(MAR10 + DAY)]));
    expect(idx.rows[0].n).toBe(2);
  });

  const manual = (integrationId: string, at: number): RecordRunInput => ({
    integrationId,
    result: {
      startedAt: at,
      finishedAt: at + 5,
      ok: true,
      latencyMs: 5,
      httpStatus: 200,
      errorClass: null,
      errorMessage: null,
      attempts: 1,
      trace: {
        circuitBefore: "closed",
        circuitAdmission: "allowed",
        attempts: [],
        totalMs: 5,
        policy: { retries: 0, timeoutMs: 1_000, breakerThreshold: 3, breakerCooldownMs: 60_000 },
      },
    },
    trigger: "manual",
    scheduledFor: null,
    workerId: null,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
  });

  it("records a run whose day has no partition: the partition is created and the run written on the retry", async () => {
    // Tomorrow's partition gone (as if the job had not run), and a run dated after the last partition.
    await withClient(t.url, (c) => c.query(`DROP TABLE "${partitionName(MAR10 + DAY)}"`));
    for (const at of [MAR10 + DAY + 60_000, MAR10 + 20 * DAY + 5_000]) {
      const outcome = await recordProbeRun(t.db, manual(integrationId, at));
      expect(outcome.recorded).toBe(true);
      expect(await whereIs(Number(outcome.recorded && outcome.runId))).toBe(`"${partitionName(utc(at))}"`);
    }
    expect(await partsOf()).toEqual([MAR10, MAR10 + DAY, MAR10 + 2 * DAY, MAR10 + 3 * DAY, MAR10 + 20 * DAY]);
    // Two workers at once recording runs of one missing day (of two integrations): both written, one partition made.
    const second = randomUUID();
    await withClient(t.url, (c) => insertIntegration(c, second, "Billing"));
    const other = createDb(t.url);
    try {
      const at = MAR10 + 30 * DAY + 1_000;
      const outcomes = await Promise.all([recordProbeRun(t.db, manual(integrationId, at)), recordProbeRun(other, manual(second, at + 1))]);
      expect(outcomes.map((o) => o.recorded)).toEqual([true, true]);
      expect((await partsOf()).filter((d) => d === MAR10 + 30 * DAY)).toEqual([MAR10 + 30 * DAY]);
    } finally {
      await other.$disconnect();
    }
    // The partitions made on the way have the parent's indexes.
    const idx = await withClient(t.url, (c) => c.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = $1`, [partitionName(MAR10 + 30 * DAY)]));
    expect(idx.rows[0].n).toBe(2);
  });

  it("reads an integration's latest runs newest day first and stops early (an ordered Append, no DEFAULT partition in the way)", async () => {
    const plan = await withClient(t.url, async (c) => {
      // Five more runs on the newest day with any, so the five latest are all there.
      for (let k = 1; k <= 5; k++) await insertRun(c, integrationId, new Date(MAR10 + 30 * DAY + k * 60_000));
      await c.query(`ANALYZE "ProbeRun"`);
      await c.query(`SET enable_seqscan = off`);
      const { rows } = await c.query(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) SELECT id FROM "ProbeRun" WHERE "integrationId" = $1 ORDER BY "startedAt" DESC LIMIT 5`,
        [integrationId],
      );
      return rows[0]["QUERY PLAN"][0].Plan as {
        "Node Type": string;
        Plans: { "Node Type": string; Plans: { "Actual Loops": number; "Index Name"?: string }[] }[];
      };
    });
    expect(plan["Node Type"]).toBe("Limit");
    const append = plan.Plans[0]!;
    expect(append["Node Type"]).toBe("Append");
    expect(append.Plans.every((p) => p["Index Name"]?.endsWith("_integrationId_startedAt_idx"))).toBe(true);
    // Newest day first, and the five latest runs are all in it: the older days' scans never start.
    expect(append.Plans.length).toBeGreaterThan(5);
    expect(append.Plans.map((p) => p["Actual Loops"])).toEqual([1, ...append.Plans.slice(1).map(() => 0)]);
  });

  it("runs on the worker's first turn and then hourly", async () => {
    const lines: string[] = [];
    const job = new PartitionJob(
      t.db,
      createLogger("worker", "info", (l) => lines.push(l)),
    );
    expect(await job.maybeRun(NOW + 5 * DAY)).toMatchObject({ created: [MAR10 + 5 * DAY, MAR10 + 6 * DAY, MAR10 + 7 * DAY], skipped: false });
    expect(lines.join("\n")).toContain('created probe run partitions days=["2027-03-15","2027-03-16","2027-03-17"]');
    expect(await job.maybeRun(NOW + 5 * DAY + 60_000)).toBeNull();
    expect(await job.maybeRun(NOW + 6 * DAY)).toMatchObject({ created: [MAR10 + 8 * DAY] });
  });

  it("drops whole days older than the window and keeps the newer ones, their runs untouched", async () => {
    // Runs on the 20 days before NOW, each in its own day's partition.
    await ensureDayPartitions(
      t.db,
      Array.from({ length: 20 }, (_, k) => MAR10 - (k + 1) * DAY),
      { wait: true },
    );
    const ids = await withClient(t.url, async (c) => {
      const out: number[] = [];
      for (let k = 1; k <= 20; k++) out.push(Number((await insertRun(c, integrationId, new Date(MAR10 - k * DAY + 6 * 3_600_000))).rows[0].id));
      return out;
    });
    const before = await t.db.probeRun.count();
    // The days the migration made (today when the tests run) are older still: they go too.
    const fromMigration = (await listDayPartitions(t.db)).filter((d) => d < Date.parse("2027-01-01")).length;

    const report = await pruneOnce(t.db, NOW, { rawRunDays: 14, minuteRollupDays: 30, hourRollupDays: 365, batchSize: 100 });
    // The window starts Feb 24 12:00: days through Feb 23 go whole (Feb 18..23, six partitions); Feb 24 stays, though
    // its run at 06:00 is older than the window.
    expect(report).toMatchObject({ runPartitions: fromMigration + 6, skipped: false });
    const kept = await listDayPartitions(t.db);
    expect(kept[0]).toBe(Date.parse("2027-02-24T00:00:00.000Z"));
    expect(await t.db.probeRun.count()).toBe(before - 6);
    const left = await t.db.probeRun.findMany({ where: { id: { in: ids.map(BigInt) } }, orderBy: { startedAt: "asc" } });
    expect(left.map((r) => Number(r.id))).toEqual(ids.slice(0, 14).reverse());
    // Nothing left to drop.
    expect(await pruneOnce(t.db, NOW, { rawRunDays: 14, minuteRollupDays: 30, hourRollupDays: 365, batchSize: 100 })).toMatchObject({
      runPartitions: 0,
    });
  });
});
