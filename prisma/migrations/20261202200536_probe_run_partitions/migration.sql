-- ProbeRun partitioned by day: RANGE on "startedAt" (UTC, as every timestamp here), one partition per day named
-- "ProbeRun_YYYYMMDD". Workers create the coming days ahead (lib/scheduler/partitions.ts), a run whose day has no
-- partition yet creates it when recorded (lib/db/probe-runs.ts), and retention drops whole days
-- (lib/scheduler/retention.ts). No DEFAULT partition: with one, PostgreSQL cannot read the days newest first and stop
-- early (an ordered Append), so "an integration's latest runs" would read every day's index.
--
-- Hand-written (Prisma cannot express partitioning): the table is converted in place, in this migration's one
-- transaction, so an upgrade either converts it whole or leaves it as it was. Its columns are copied with LIKE, so a
-- column an earlier migration added comes along, and so is every index and foreign key not replaced below.
--
-- What changes besides the layout: the primary key becomes (id, "startedAt"), since every unique key of a
-- partitioned table must hold its partition key (ids still come from the same sequence, so they stay unique and keep
-- counting up); the (integrationId, scheduledFor) unique index goes, because it cannot hold "startedAt" and still mean
-- one run per slot: the recording statement keeps that guarantee instead (a scheduled run is written only while its
-- slot is the integration's nextRunAt, which the same statement moves on; lib/db/probe-runs.ts); and the
-- ("startedAt") index goes, since retention drops partitions instead of searching for old rows.

ALTER TABLE "ProbeRun" RENAME TO "ProbeRun_unpartitioned";
ALTER TABLE "ProbeRun_unpartitioned" RENAME CONSTRAINT "ProbeRun_pkey" TO "ProbeRun_unpartitioned_pkey";
DROP INDEX "ProbeRun_integrationId_scheduledFor_key";

CREATE TABLE "ProbeRun" (LIKE "ProbeRun_unpartitioned" INCLUDING ALL EXCLUDING INDEXES EXCLUDING IDENTITY) PARTITION BY RANGE ("startedAt");

-- The id sequence now belongs to the new table (dropping the old one would drop it otherwise); the column's default,
-- copied by LIKE, already draws from it, so ids continue where they were.
ALTER SEQUENCE "ProbeRun_id_seq" OWNED BY "ProbeRun"."id";

-- One partition per day that holds runs (found by skipping through the "startedAt" index a day at a time), plus
-- today and the next two days, as the worker would have made them.
DO $$
DECLARE
  day date;
BEGIN
  FOR day IN
    WITH RECURSIVE d(day) AS (
      SELECT min("startedAt")::date FROM "ProbeRun_unpartitioned"
      UNION ALL
      SELECT (SELECT min(r."startedAt")::date FROM "ProbeRun_unpartitioned" r WHERE r."startedAt" >= d.day + 1) FROM d WHERE d.day IS NOT NULL
    )
    SELECT d.day FROM d WHERE d.day IS NOT NULL
    UNION
    SELECT g::date FROM generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 2, interval '1 day') g
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "ProbeRun" FOR VALUES FROM (%L) TO (%L)', 'ProbeRun_' || to_char(day, 'YYYYMMDD'), day::timestamp, (day + 1)::timestamp);
  END LOOP;
END $$;

DROP INDEX "ProbeRun_startedAt_idx";

-- The rows, before the indexes: building an index once is cheaper than growing it row by row.
INSERT INTO "ProbeRun" SELECT * FROM "ProbeRun_unpartitioned";

ALTER TABLE "ProbeRun" ADD CONSTRAINT "ProbeRun_pkey" PRIMARY KEY ("id", "startedAt");

-- Every other index and foreign key of the old table, under its own name (("integrationId", "startedAt" DESC) and the
-- integration's foreign key today; whatever a later schema adds before this runs, too).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
           FROM pg_index i WHERE i.indrelid = '"ProbeRun_unpartitioned"'::regclass AND NOT i.indisprimary
  LOOP
    EXECUTE format('DROP INDEX %s', r.name);
    EXECUTE regexp_replace(r.def, ' ON (ONLY )?(\S+\.)?"ProbeRun_unpartitioned" ', ' ON "ProbeRun" ');
  END LOOP;
  FOR r IN SELECT c.conname, pg_get_constraintdef(c.oid) AS def
           FROM pg_constraint c WHERE c.conrelid = '"ProbeRun_unpartitioned"'::regclass AND c.contype = 'f'
  LOOP
    EXECUTE format('ALTER TABLE "ProbeRun_unpartitioned" DROP CONSTRAINT %I', r.conname);
    EXECUTE format('ALTER TABLE "ProbeRun" ADD CONSTRAINT %I %s', r.conname, r.def);
  END LOOP;
END $$;

DROP TABLE "ProbeRun_unpartitioned";

-- Fresh statistics for the planner: the new partitions have none.
ANALYZE "ProbeRun";
