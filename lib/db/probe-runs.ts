// Persists probe results: each run, its circuit state and transitions, the minute and hour rollups, the latest-run
// columns the overview reads, the integration's stored status (lib/db/integration-status.ts) and, for a scheduled
// slot, the move to the next slot. One statement records a whole
// batch of runs, so every run is all-or-nothing and costs one round trip however many tables it touches.
// Concurrent runs of one integration serialize by an optimistic lock: a run is written only over the circuit
// version its next state was computed from; a run that loses the race is recomputed from the fresh state and retried.
// A slot is recorded once (ProbeRun is partitioned by day, so no unique index can say so): a claimed run is written
// only while its slot is still the integration's nextRunAt, with that row locked, and the same statement moves it on.
// A run whose day has no partition yet (none was made ahead: every worker down when its day began, or a clock off)
// fails the whole statement; its days' partitions are then created and the statement retried once.
import { circuitAfter, type ProbeRunResult } from "../domain/probe-run";
import { initialCircuit, type CircuitPolicy, type CircuitSnapshot } from "../domain/circuit";
import { planLocatedRun, type LocatedCircuits, type QuorumCounts } from "../domain/location-circuit";
import { locatedCircuitsOf, locationCircuitsSql } from "./location-circuits";
import { BUCKET_UPPER_BOUNDS_MS, bucketIndex } from "../domain/latency-histogram";
import type { Db } from "./client";
import { ensureDayPartitions, isMissingPartition } from "./probe-run-partitions";
import type { CircuitStateKind, ProbeTrigger } from "./generated/client";
import { pgCode } from "./pg-code";
import { iso, sqlRows, sqlTransaction, type SqlStatement } from "./sql";
import { STATUS_CASE_SQL } from "./integration-status";
import { summaryWindow } from "./rollups";

export { pgCode };

/** The circuit as stored, with the version a write must find unchanged. */
export interface StoredCircuit extends CircuitSnapshot {
  version: number;
  /**
   * For an integration that lists locations: its locations' own circuits, of which this one is the quorum
   * (lib/domain/location-circuit.ts). Read with the same version: every run bumps it, whichever location ran.
   */
  located?: LocatedCircuits;
}

/**
 * A scheduled slot to move on in the same statement. Once its run is recorded the slot is done, whoever holds the
 * lease by then: a worker whose lease expired while its run waited to be written still moves the slot on, so a
 * second worker that took the expired lease finds the slot recorded (duplicate) instead of every later worker
 * claiming it again.
 */
export interface SlotCompletion {
  workerId: string;
  slot: Date;
  nextRunAt: Date;
}

export interface RecordRunInput {
  integrationId: string;
  result: ProbeRunResult;
  trigger: ProbeTrigger;
  scheduledFor: Date | null;
  workerId: string | null;
  circuitPolicy: CircuitPolicy;
  /** The location that ran it (TETHER_LOCATION); its completion then moves that IntegrationLocation row, not the integration. */
  location?: string | null;
  /** The circuit this run was admitted under (from the claim); read from the database when absent. */
  expected?: StoredCircuit;
  complete?: SlotCompletion;
}

export type RecordRunOutcome =
  { recorded: true; runId: bigint; circuit: CircuitSnapshot; completed: boolean } | { recorded: false; reason: "duplicate_slot" | "integration_gone" };

export type RecordSettled = { ok: true; outcome: RecordRunOutcome } | { ok: false; error: unknown };

/** Optimistic tries before taking a lock: each miss means another run of the integration was recorded meanwhile. */
const MAX_ATTEMPTS = 3;

export async function recordProbeRun(db: Db, input: RecordRunInput, now: number = Date.now()): Promise<RecordRunOutcome> {
  const [settled] = await recordProbeRuns(db, [input], now);
  if (!settled!.ok) throw settled!.error;
  return settled!.outcome;
}

/**
 * Records many runs (of distinct integrations) in one statement. Each input settles on its own: a batch the
 * database refuses is retried run by run, so one bad run (a duplicate slot) does not fail the others.
 */
export async function recordProbeRuns(db: Db, inputs: RecordRunInput[], now: number = Date.now()): Promise<RecordSettled[]> {
  const out = new Array<RecordSettled | undefined>(inputs.length);
  const expected = new Map<string, StoredCircuit | null>();
  const missing = inputs.filter((i) => !i.expected).map((i) => i.integrationId);
  if (missing.length > 0) for (const [id, c] of await readCircuits(db, missing)) expected.set(id, c);
  for (const i of inputs) if (i.expected) expected.set(i.integrationId, i.expected);

  let pending = inputs.map((input, at) => ({ input, at }));
  for (let attempt = 0; attempt < MAX_ATTEMPTS && pending.length > 0; attempt++) {
    const gone = pending.filter((p) => expected.get(p.input.integrationId) === null);
    for (const p of gone) out[p.at] = { ok: true, outcome: { recorded: false, reason: "integration_gone" } };
    pending = pending.filter((p) => expected.get(p.input.integrationId) !== null);
    if (pending.length === 0) break;

    const rows = pending.map((p) => planRow(p.input, expected.get(p.input.integrationId)!));
    let recorded: { integrationId: string; runId: bigint | null; completed: boolean; refused: boolean }[];
    try {
      recorded = await withPartitions(db, rows, () => sqlRows(db, recordStatement(rows, now)));
    } catch (err) {
      if (pending.length > 1) {
        // Settle each run on its own (in order, one connection at a time: the pool is shared with the probes).
        for (const p of pending) out[p.at] = (await recordProbeRuns(db, [{ ...p.input, expected: expected.get(p.input.integrationId)! }], now))[0];
        return out as RecordSettled[];
      }
      const p = pending[0]!;
      const code = pgCode(err);
      // The slot was already recorded by another worker whose lease we outlived: not an error, nothing to add.
      if (code === "23505") out[p.at] = { ok: true, outcome: { recorded: false, reason: "duplicate_slot" } };
      else if (code === "23503") out[p.at] = { ok: true, outcome: { recorded: false, reason: "integration_gone" } };
      else out[p.at] = { ok: false, error: err };
      return out as RecordSettled[];
    }
    const byId = new Map(recorded.map((r) => [r.integrationId, r]));
    const missed: typeof pending = [];
    pending.forEach((p, k) => {
      const r = byId.get(p.input.integrationId);
      if (!r) return missed.push(p);
      if (r.refused) out[p.at] = { ok: true, outcome: { recorded: false, reason: "duplicate_slot" } };
      else out[p.at] = { ok: true, outcome: { recorded: true, runId: r.runId!, circuit: rows[k]!.next, completed: r.completed } };
    });
    pending = missed;
    // Someone else recorded a run of these meanwhile: recompute from what is stored now.
    if (pending.length > 0)
      for (const [id, c] of await readCircuits(
        db,
        pending.map((p) => p.input.integrationId),
      ))
        expected.set(id, c);
  }
  // Contended (many runs of one integration at once): lock the circuit row (creating it if need be), so nobody gets in between.
  for (const p of pending)
    out[p.at] = await recordLocked(db, p.input, now).then(
      (outcome) => ({ ok: true, outcome }) as const,
      (error: unknown) => ({ ok: false, error }) as const,
    );
  return out as RecordSettled[];
}

/**
 * Runs `write` (one statement or transaction recording `rows`, all-or-nothing); if it fails for want of a partition,
 * creates the partitions of the rows' days (waiting for a worker making them at the same moment, then finding them
 * made) and runs it once more.
 */
async function withPartitions<T>(db: Db, rows: { input: RecordRunInput }[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isMissingPartition(err)) throw err;
    await ensureDayPartitions(
      db,
      rows.map((r) => r.input.result.startedAt),
      { wait: true },
    );
    return write();
  }
}

async function recordLocked(db: Db, input: RecordRunInput, now: number): Promise<RecordRunOutcome> {
  try {
    return await withPartitions(db, [{ input }], () =>
      sqlTransaction(db, async (tx) => {
        // The integration first, as the record statement locks it, then its circuit: one order for every writer.
        await sqlRows(tx, { text: `SELECT 1 FROM "Integration" WHERE id = $1::uuid FOR NO KEY UPDATE`, values: [input.integrationId] });
        const [row] = await sqlRows<{ state: CircuitStateKind | null; consecutiveFailures: number | null; openedAt: Date | null; version: number | null }>(tx, {
          text: `
          INSERT INTO "CircuitState" ("integrationId", state, "consecutiveFailures", "updatedAt")
          SELECT $1::uuid, 'closed', 0, now()
          WHERE EXISTS (SELECT 1 FROM "Integration" WHERE id = $1::uuid)
          ON CONFLICT ("integrationId") DO UPDATE SET "integrationId" = EXCLUDED."integrationId"
          RETURNING state, "consecutiveFailures", "openedAt", version`,
          values: [input.integrationId],
        });
        if (!row) return { recorded: false, reason: "integration_gone" } as const;
        const [where] = await sqlRows<LocatedRow>(tx, {
          text: `SELECT i.locations, i.quorum, ${locationCircuitsSql("i")} FROM "Integration" i WHERE i.id = $1::uuid`,
          values: [input.integrationId],
        });
        const planned = planRow(input, withLocated(storedCircuit(row), where));
        const [r] = await sqlRows<{ runId: bigint | null; completed: boolean; refused: boolean }>(tx, recordStatement([planned], now));
        if (!r) throw new Error(`could not record a run of ${input.integrationId}: its circuit kept changing`);
        if (r.refused) return { recorded: false, reason: "duplicate_slot" } as const;
        return { recorded: true, runId: r.runId!, circuit: planned.next, completed: r.completed } as const;
      }),
    );
  } catch (err) {
    const code = pgCode(err);
    if (code === "23505") return { recorded: false, reason: "duplicate_slot" };
    if (code === "23503") return { recorded: false, reason: "integration_gone" };
    throw err;
  }
}

/** An integration's locations, quorum and location circuits, as `locationCircuitsSql` reads them. */
export interface LocatedRow {
  locations: string[] | null;
  quorum: number | null;
  locationCircuits: string | null;
}

/** The stored circuit with its locations' circuits, for an integration that lists locations. */
export function withLocated(circuit: StoredCircuit, row: LocatedRow | undefined): StoredCircuit {
  const located = row && locatedCircuitsOf(row.locations, row.quorum, row.locationCircuits);
  return located ? { ...circuit, located } : circuit;
}

/** The stored circuit of each integration; null for an integration that no longer exists. */
async function readCircuits(db: Db, ids: string[]): Promise<Map<string, StoredCircuit | null>> {
  const rows = await sqlRows<
    {
      id: string;
      exists: boolean;
      state: CircuitStateKind | null;
      consecutiveFailures: number | null;
      openedAt: Date | null;
      version: number | null;
    } & LocatedRow
  >(db, {
    name: "tether_read_circuits",
    text: `
      SELECT ids.id::text, i.id IS NOT NULL AS exists, c.state, c."consecutiveFailures", c."openedAt", c.version,
        i.locations, i.quorum, ${locationCircuitsSql("i")}
      FROM unnest($1::uuid[]) AS ids(id)
      LEFT JOIN "Integration" i ON i.id = ids.id
      LEFT JOIN "CircuitState" c ON c."integrationId" = ids.id`,
    values: [ids],
  });
  return new Map(rows.map((r) => [r.id, r.exists ? withLocated(storedCircuit(r), r) : null]));
}

/** A circuit row as read with the integration (null columns: no run recorded yet). */
export function storedCircuit(row: {
  state: CircuitStateKind | null;
  consecutiveFailures: number | null;
  openedAt: Date | null;
  version: number | null;
}): StoredCircuit {
  if (row.state === null) return { ...initialCircuit, version: 0 };
  return { state: row.state, consecutiveFailures: row.consecutiveFailures ?? 0, openedAt: row.openedAt?.getTime() ?? null, version: row.version ?? 0 };
}

interface PlannedRow {
  input: RecordRunInput;
  version: number;
  next: CircuitSnapshot;
  transitions: { from: CircuitStateKind; to: CircuitStateKind; reason: string }[];
  latency: number | null;
  /** A located run: its location's circuit after it (null for a run from no location), and the quorum's counts. */
  located?: { own: CircuitSnapshot | null; counts: QuorumCounts };
}

function planRow(input: RecordRunInput, stored: StoredCircuit): PlannedRow {
  const latency = input.result.latencyMs === null ? null : Math.round(input.result.latencyMs);
  if (stored.located) {
    const plan = planLocatedRun(stored, stored.located, input.location ?? null, input.result, input.circuitPolicy);
    return { input, version: stored.version, next: plan.next, transitions: plan.transitions, latency, located: { own: plan.own, counts: plan.counts } };
  }
  const { next, transitions } = circuitAfter(stored, input.result, input.circuitPolicy);
  return { input, version: stored.version, next, transitions, latency };
}

// Upper bounds of the latency buckets as a SQL array constant (generated from our own table, not user input).
const BOUNDS_SQL = `'{${BUCKET_UPPER_BOUNDS_MS.map((b) => (Number.isFinite(b) ? String(b) : "Infinity")).join(",")}}'::float8[]`;

/**
 * The batch as one JSON document, one element per run. The circuit upsert only writes over the expected version
 * (version + 1 = the new version), and everything after it reads from its RETURNING rows, so a run whose circuit
 * changed meanwhile leaves no trace at all. Rollups are updated incrementally; the minute's exact percentiles
 * are re-read from its runs (the statement's snapshot cannot see its own new run, which is added explicitly).
 * A run refused for its slot (recorded already, or moved on) comes back as a row with `refused` and leaves no trace.
 * The text is the same for every batch (arrays, not rows, vary), so it is prepared once per connection.
 */
const RECORD_SQL = `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, version int, state "CircuitStateKind", consecutive int, opened_at timestamp,
        scheduled_for timestamp, started_at timestamp, finished_at timestamp, latency int, idx int, ok bool, http_status int, error_class text,
        error_message text, attempts int, trigger "ProbeTrigger", worker_id text, trace jsonb, details jsonb, lease_owner text, slot timestamp, next_run_at timestamp,
        location text, loc_state "CircuitStateKind", loc_consecutive int, loc_opened_at timestamp, q_failing int, q_reporting int, q_needed int)
    ),
    -- The integrations of every run, locked to the end, before anything else is written: an unlocated run's slot is
    -- moved and every run's stored status written below. A writer that moved a row first is waited for and the row
    -- re-read (FOR NO KEY UPDATE returns its latest version), so of two workers recording one slot exactly one finds it
    -- still current. Ordered, so concurrent batches (and refreshStatuses) lock in one order: located runs too, whose
    -- status updates otherwise locked their integrations in whatever order the join came out.
    locked AS MATERIALIZED (
      SELECT g.id, g."nextRunAt", g.enabled FROM "Integration" g JOIN input i ON i.id = g.id
      ORDER BY g.id
      FOR NO KEY UPDATE OF g
    ),
    -- A claimed slot is still to be recorded while it is the integration's nextRunAt.
    slot AS (
      SELECT g.id FROM locked g JOIN input i ON i.id = g.id
      WHERE i.lease_owner IS NOT NULL AND i.location IS NULL AND g."nextRunAt" = i.slot
    ),
    -- The same for a located run: its location's slot row (lib/scheduler/location-leases.ts).
    slot_location AS MATERIALIZED (
      SELECT l."integrationId" AS id FROM "IntegrationLocation" l JOIN input i ON i.id = l."integrationId" AND l.location = i.location
      WHERE i.lease_owner IS NOT NULL AND l."nextRunAt" = i.slot
      ORDER BY l."integrationId"
      FOR NO KEY UPDATE OF l
    ),
    -- What may be written: claimed runs whose slot is current, manual runs, and unclaimed scheduled runs (tests and
    -- tools, not the worker) whose slot has no run yet (read, not locked: such runs do not race each other).
    admitted AS (
      -- Joined to the locked rows, so their locks are taken whatever runs the batch holds (a CTE runs only when read).
      SELECT i.* FROM input i JOIN locked g ON g.id = i.id
      WHERE CASE
        WHEN i.lease_owner IS NOT NULL AND i.location IS NULL THEN i.id IN (SELECT id FROM slot)
        WHEN i.lease_owner IS NOT NULL THEN i.id IN (SELECT id FROM slot_location)
        WHEN i.scheduled_for IS NOT NULL THEN NOT EXISTS (
          SELECT 1 FROM "ProbeRun" r WHERE r."integrationId" = i.id AND r."scheduledFor" = i.scheduled_for AND r.location IS NOT DISTINCT FROM i.location)
        ELSE true
      END
    ),
    circuit AS (
      INSERT INTO "CircuitState" AS c ("integrationId", state, "consecutiveFailures", "openedAt", "lastDetails", "lastDetailsAt",
        version, "lastRunAt", "lastRunOk", "lastRunError", "lastRunLatencyMs", "updatedAt")
      SELECT id, state, consecutive, opened_at, details, CASE WHEN details IS NOT NULL THEN started_at END,
        version, started_at, ok, error_message, latency, now()
      -- OFFSET 0 keeps this a lookup by key per run; as a semi-join it was planned as a scan of every integration.
      FROM admitted input WHERE EXISTS (SELECT 1 FROM "Integration" g WHERE g.id = input.id OFFSET 0)
      ON CONFLICT ("integrationId") DO UPDATE SET
        state = EXCLUDED.state,
        "consecutiveFailures" = EXCLUDED."consecutiveFailures",
        "openedAt" = EXCLUDED."openedAt",
        "lastDetails" = coalesce(EXCLUDED."lastDetails", c."lastDetails"),
        "lastDetailsAt" = CASE WHEN EXCLUDED."lastDetails" IS NULL THEN c."lastDetailsAt" ELSE EXCLUDED."lastDetailsAt" END,
        version = EXCLUDED.version,
        ("lastRunAt", "lastRunOk", "lastRunError", "lastRunLatencyMs") = (
          SELECT CASE WHEN later THEN EXCLUDED."lastRunAt" ELSE c."lastRunAt" END, CASE WHEN later THEN EXCLUDED."lastRunOk" ELSE c."lastRunOk" END,
            CASE WHEN later THEN EXCLUDED."lastRunError" ELSE c."lastRunError" END, CASE WHEN later THEN EXCLUDED."lastRunLatencyMs" ELSE c."lastRunLatencyMs" END
          FROM (SELECT c."lastRunAt" IS NULL OR EXCLUDED."lastRunAt" >= c."lastRunAt" AS later) l),
        "updatedAt" = now()
      WHERE c.version + 1 = EXCLUDED.version
      RETURNING c."integrationId", c."lastRunOk"
    ),
    run AS (
      INSERT INTO "ProbeRun" ("integrationId", "scheduledFor", "startedAt", "finishedAt", "latencyMs", ok, "httpStatus", "errorClass",
        "errorMessage", attempts, "circuitState", trigger, "workerId", trace, details, location)
      SELECT i.id, i.scheduled_for, i.started_at, i.finished_at, i.latency, i.ok, i.http_status, i.error_class,
        i.error_message, i.attempts, i.state, i.trigger, i.worker_id, i.trace, i.details, i.location
      FROM input i JOIN circuit c ON c."integrationId" = i.id
      RETURNING id, "integrationId"
    ),
    transitions AS (
      INSERT INTO "CircuitTransition" ("integrationId", "from", "to", reason, at)
      SELECT t.id, t."from", t."to", t.reason, t.at
      FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (id uuid, "from" "CircuitStateKind", "to" "CircuitStateKind", reason text, at timestamp))
        WITH ORDINALITY AS t(id, "from", "to", reason, at, n)
      WHERE t.id IN (SELECT "integrationId" FROM run)
      ORDER BY t.n
    ),
    minute AS (
      INSERT INTO "ProbeRollupMinute" AS m ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p50Ms", "p95Ms", "p99Ms", "latencyHist")
      SELECT i.id, date_trunc('minute', i.started_at), 1, (NOT i.ok)::int, coalesce(i.latency, 0), coalesce(i.latency, 0), i.latency, i.latency, i.latency,
        CASE WHEN i.idx IS NULL THEN array_fill(0, ARRAY[64]) ELSE array_fill(0, ARRAY[i.idx]) || 1 || array_fill(0, ARRAY[63 - i.idx]) END
      FROM input i JOIN run ON run."integrationId" = i.id
      ON CONFLICT ("integrationId", bucket) DO UPDATE SET
        count = m.count + 1,
        failures = m.failures + EXCLUDED.failures,
        "latencySumMs" = m."latencySumMs" + EXCLUDED."latencySumMs",
        "latencyMaxMs" = greatest(m."latencyMaxMs", EXCLUDED."latencyMaxMs"),
        -- The new run is one count in one bucket (or none): add it in place. Element by element (unnest) only for a
        -- stored histogram of another length; that merge cost most of the statement's time per run.
        "latencyHist" = (
          SELECT CASE
            WHEN p IS NULL THEN coalesce(m."latencyHist", EXCLUDED."latencyHist")
            WHEN cardinality(m."latencyHist") = 64 THEN m."latencyHist"[1:p - 1] || (coalesce(m."latencyHist"[p], 0) + 1) || m."latencyHist"[p + 1:64]
            ELSE (SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY o) FROM unnest(m."latencyHist", EXCLUDED."latencyHist") WITH ORDINALITY AS u(a, b, o))
          END
          FROM (SELECT array_position(EXCLUDED."latencyHist", 1) AS p) x),
        ("p50Ms", "p95Ms", "p99Ms") = (
          SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY l), percentile_disc(0.95) WITHIN GROUP (ORDER BY l), percentile_disc(0.99) WITHIN GROUP (ORDER BY l)
          FROM (
            SELECT r."latencyMs"::float8 AS l FROM "ProbeRun" r
            WHERE r."integrationId" = m."integrationId" AND r."startedAt" >= m.bucket AND r."startedAt" < m.bucket + interval '1 minute' AND r."latencyMs" IS NOT NULL
            UNION ALL SELECT EXCLUDED."p50Ms" WHERE EXCLUDED."p50Ms" IS NOT NULL
          ) s)
    ),
    hour AS (
      INSERT INTO "ProbeRollupHour" AS h ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p95Ms", "histIdx", "histCnt", "errorClasses")
      SELECT i.id, date_trunc('hour', i.started_at), 1, (NOT i.ok)::int, coalesce(i.latency, 0), coalesce(i.latency, 0), i.latency,
        CASE WHEN i.idx IS NULL THEN '{}'::int[] ELSE ARRAY[i.idx] END, CASE WHEN i.idx IS NULL THEN '{}'::int[] ELSE ARRAY[1] END,
        CASE WHEN i.ok THEN '{}'::jsonb ELSE jsonb_build_object(coalesce(i.error_class, 'unknown'), 1) END
      FROM input i JOIN run ON run."integrationId" = i.id
      ON CONFLICT ("integrationId", bucket) DO UPDATE SET
        count = h.count + 1,
        -- A failure adds one to its class's count; a passing run leaves the object as it is.
        "errorClasses" = CASE WHEN EXCLUDED."errorClasses" = '{}'::jsonb THEN h."errorClasses" ELSE h."errorClasses" || (
          SELECT jsonb_object_agg(e.key, coalesce((h."errorClasses" ->> e.key)::int, 0) + e.value::int) FROM jsonb_each_text(EXCLUDED."errorClasses") e) END,
        failures = h.failures + EXCLUDED.failures,
        "latencySumMs" = h."latencySumMs" + EXCLUDED."latencySumMs",
        "latencyMaxMs" = greatest(h."latencyMaxMs", EXCLUDED."latencyMaxMs"),
        -- The merged sparse histogram, and its p95 as histogramQuantile reads it (bucket bound, clamped to the max).
        ("histIdx", "histCnt", "p95Ms") = (
          SELECT coalesce(array_agg(k ORDER BY k), '{}'), coalesce(array_agg(n ORDER BY k), '{}'),
            CASE WHEN count(*) > 0 THEN least(greatest(h."latencyMaxMs", EXCLUDED."latencyMaxMs"),
              min((${BOUNDS_SQL})[k + 1]) FILTER (WHERE cum >= greatest(1, ceil(0.95::float8 * total)))) END
          FROM (
            SELECT k, n, sum(n) OVER (ORDER BY k) AS cum, sum(n) OVER () AS total
            FROM (
              SELECT k, sum(n)::int AS n
              FROM (SELECT * FROM unnest(h."histIdx", h."histCnt") UNION ALL SELECT * FROM unnest(EXCLUDED."histIdx", EXCLUDED."histCnt")) x(k, n)
              GROUP BY k
            ) g
          ) y)
    ),
    -- Each recorded integration's stored status (lib/db/integration-status.ts) as it stands with this run: the circuit
    -- it leaves, its latest run (this one unless a later one is stored), and the 24-hour counts read by refreshStatuses
    -- (the day summary and the hour rollups since, which this statement's snapshot holds without this run) plus this
    -- run where those rollups count it. $3, $4: the summary window's since and through; $5: now.
    decided AS (
      SELECT b.id, (${STATUS_CASE_SQL})::"HealthStatus" AS status, CASE WHEN b.runs > 0 THEN b.failures::float8 / b.runs END AS "errorRate"
      FROM (
        SELECT i.id, g.enabled, i.state::text AS state, i.consecutive AS "consecutiveFailures", i.q_failing, i.q_reporting, i.q_needed,
          c."lastRunOk",
          coalesce(d.count, 0) + coalesce(r.count, 0) + (date_trunc('hour', i.started_at) >= $4::timestamp)::int AS runs,
          coalesce(d.failures, 0) + coalesce(r.failures, 0) + (date_trunc('hour', i.started_at) >= $4::timestamp AND NOT i.ok)::int AS failures
        -- The recorded runs are the circuit upsert's rows (run inserts one for each). Enabled as locked, and the latest
        -- run as that upsert just wrote it (the same choice of the later run): read from this statement's rows, not
        -- looked up again per run. The rest are lateral lookups by key, one per run (LIMIT keeps the planner from
        -- flattening them into joins): as joins, the prepared plan (sized for a guessed 100 input rows) hash-joined
        -- whole tables, scanning every hour rollup per batch.
        FROM input i JOIN circuit c ON c."integrationId" = i.id
        JOIN locked g ON g.id = i.id
        LEFT JOIN LATERAL (
          SELECT count, failures FROM "ProbeDaySummary" WHERE "integrationId" = i.id AND "fromHour" = $3::timestamp AND "throughHour" = $4::timestamp
        ) d ON true
        LEFT JOIN LATERAL (
          SELECT sum(count)::int AS count, sum(failures)::int AS failures FROM "ProbeRollupHour" WHERE "integrationId" = i.id AND bucket >= $4::timestamp
        ) r ON true
      ) b
    ),
    -- The slot moves on in the same write as the status, and only for a run recorded here.
    complete AS (
      UPDATE "Integration" g SET "nextRunAt" = i.next_run_at, "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
        status = coalesce(d.status, g.status), "errorRate" = CASE WHEN d.id IS NULL THEN g."errorRate" ELSE d."errorRate" END,
        "statusAt" = CASE WHEN d.id IS NOT NULL AND (g.status, g."errorRate") IS DISTINCT FROM (d.status, d."errorRate") THEN $5::timestamp ELSE g."statusAt" END
      FROM input i JOIN run ON run."integrationId" = i.id LEFT JOIN decided d ON d.id = i.id
      WHERE g.id = i.id AND i.lease_owner IS NOT NULL AND i.location IS NULL AND g."nextRunAt" = i.slot
      RETURNING g.id
    ),
    -- Every other recorded run (manual, unclaimed, located) writes the status only where it changed.
    stored_status AS (
      UPDATE "Integration" g SET status = d.status, "errorRate" = d."errorRate", "statusAt" = $5::timestamp
      FROM input i JOIN decided d ON d.id = i.id
      WHERE g.id = i.id AND NOT (i.lease_owner IS NOT NULL AND i.location IS NULL) AND (g.status, g."errorRate") IS DISTINCT FROM (d.status, d."errorRate")
        -- By key (an index scan), not a hash join over every integration: usually no run of a batch is one of these.
        AND g.id = ANY (ARRAY(SELECT id FROM input WHERE NOT (lease_owner IS NOT NULL AND location IS NULL)))
    ),
    -- A located run stores its location's circuit and latest run, and (claimed) moves its location's slot instead
    -- (lib/scheduler/location-leases.ts): one update of the row, which slot_location locked when claimed.
    complete_location AS (
      UPDATE "IntegrationLocation" l SET
        "nextRunAt" = CASE WHEN i.lease_owner IS NOT NULL THEN i.next_run_at ELSE l."nextRunAt" END,
        "leaseOwner" = CASE WHEN i.lease_owner IS NOT NULL THEN NULL ELSE l."leaseOwner" END,
        "leaseExpiresAt" = CASE WHEN i.lease_owner IS NOT NULL THEN NULL ELSE l."leaseExpiresAt" END,
        "circuitState" = i.loc_state, "consecutiveFailures" = i.loc_consecutive, "openedAt" = i.loc_opened_at,
        "lastRunAt" = CASE WHEN l."lastRunAt" IS NULL OR i.started_at >= l."lastRunAt" THEN i.started_at ELSE l."lastRunAt" END,
        "lastRunOk" = CASE WHEN l."lastRunAt" IS NULL OR i.started_at >= l."lastRunAt" THEN i.ok ELSE l."lastRunOk" END
      FROM input i JOIN run ON run."integrationId" = i.id
      WHERE l."integrationId" = i.id AND l.location = i.location AND i.loc_state IS NOT NULL
        AND (i.lease_owner IS NULL OR l."nextRunAt" = i.slot)
      RETURNING l."integrationId" AS id, i.lease_owner IS NOT NULL AS moved
    )
    SELECT run."integrationId"::text AS "integrationId", run.id AS "runId",
      EXISTS (SELECT 1 FROM complete WHERE complete.id = run."integrationId" UNION ALL SELECT 1 FROM complete_location WHERE complete_location.id = run."integrationId" AND moved) AS completed,
      false AS refused
    FROM run
    UNION ALL
    SELECT i.id::text, NULL, false, true FROM input i
    WHERE i.id NOT IN (SELECT id FROM admitted) AND EXISTS (SELECT 1 FROM "Integration" g WHERE g.id = i.id OFFSET 0)`;

function recordStatement(rows: PlannedRow[], now: number): SqlStatement {
  // A fixed order keeps concurrent batches from locking the same rows in opposite orders.
  rows = [...rows].sort((a, b) => (a.input.integrationId < b.input.integrationId ? -1 : 1));
  // One JSON document per batch (the trace and details objects nested in it, not encoded twice): one native
  // JSON.stringify here and one jsonb parse there, instead of twenty-odd array literals escaped element by element.
  const runs = rows.map(({ input: { integrationId, result, scheduledFor, trigger, workerId, complete, location }, version, next, latency, located }) => ({
    id: integrationId,
    version: version + 1,
    state: next.state,
    consecutive: next.consecutiveFailures,
    opened_at: iso(next.openedAt),
    scheduled_for: iso(scheduledFor),
    started_at: iso(result.startedAt),
    finished_at: iso(result.finishedAt),
    latency,
    idx: latency === null ? null : bucketIndex(latency),
    ok: result.ok,
    http_status: result.httpStatus,
    error_class: result.errorClass,
    error_message: result.errorMessage,
    attempts: result.attempts,
    trigger,
    worker_id: workerId,
    trace: result.trace,
    details: result.details ?? null,
    lease_owner: complete?.workerId ?? null,
    slot: iso(complete?.slot),
    next_run_at: iso(complete?.nextRunAt),
    location: location ?? null,
    loc_state: located?.own?.state ?? null,
    loc_consecutive: located?.own?.consecutiveFailures ?? null,
    loc_opened_at: iso(located?.own?.openedAt),
    q_failing: located?.counts.failing ?? null,
    q_reporting: located?.counts.reporting ?? null,
    q_needed: located?.counts.needed ?? null,
  }));
  const transitions = rows.flatMap((row) => row.transitions.map((t) => ({ id: row.input.integrationId, ...t, at: iso(row.input.result.finishedAt) })));
  const { since, through } = summaryWindow(now);
  return {
    name: "tether_record_probe_runs",
    text: RECORD_SQL,
    values: [JSON.stringify(runs), JSON.stringify(transitions), iso(since), iso(through), iso(now)],
  };
}
