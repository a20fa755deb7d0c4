// Persists one probe result: the run, the circuit state (re-derived under a row lock so concurrent runs
// of one integration serialize), its transitions, and the minute rollup the dashboard reads.
import { circuitAfter, type ProbeRunResult } from "../probes/runner";
import type { CircuitPolicy, CircuitSnapshot } from "../domain/circuit";
import { emptyHistogram, histogramOf, histogramQuantile, mergeInto, toSparse } from "../domain/latency-histogram";
import { summarize } from "../domain/percentiles";
import type { Db } from "./client";
import { Prisma, type CircuitStateKind, type ProbeTrigger } from "./generated/client";

export interface RecordRunInput {
  integrationId: string;
  result: ProbeRunResult;
  trigger: ProbeTrigger;
  scheduledFor: Date | null;
  workerId: string | null;
  circuitPolicy: CircuitPolicy;
}

export type RecordRunOutcome = { recorded: true; runId: bigint; circuit: CircuitSnapshot } | { recorded: false; reason: "duplicate_slot" | "integration_gone" };

type CircuitRow = { state: CircuitStateKind; consecutiveFailures: number; openedAt: Date | null };

export async function recordProbeRun(db: Db, input: RecordRunInput): Promise<RecordRunOutcome> {
  const { result } = input;
  try {
    return await db.$transaction(async (tx) => {
      // Creates the row if missing and locks it: the serialization point for this integration.
      const rows = await tx.$queryRaw<CircuitRow[]>`
        INSERT INTO "CircuitState" ("integrationId", "state", "consecutiveFailures", "updatedAt")
        SELECT ${input.integrationId}::uuid, 'closed', 0, now()
        WHERE EXISTS (SELECT 1 FROM "Integration" WHERE id = ${input.integrationId}::uuid)
        ON CONFLICT ("integrationId") DO UPDATE SET "integrationId" = EXCLUDED."integrationId"
        RETURNING "state", "consecutiveFailures", "openedAt"`;
      const row = rows[0];
      if (!row) return { recorded: false, reason: "integration_gone" } as const;
      const stored: CircuitSnapshot = { state: row.state, consecutiveFailures: row.consecutiveFailures, openedAt: row.openedAt?.getTime() ?? null };
      const { next, transitions } = circuitAfter(stored, result, input.circuitPolicy);

      const run = await tx.probeRun.create({
        data: {
          integrationId: input.integrationId,
          scheduledFor: input.scheduledFor,
          startedAt: new Date(result.startedAt),
          finishedAt: new Date(result.finishedAt),
          latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs),
          ok: result.ok,
          httpStatus: result.httpStatus,
          errorClass: result.errorClass,
          errorMessage: result.errorMessage,
          attempts: result.attempts,
          circuitState: next.state,
          trigger: input.trigger,
          workerId: input.workerId,
          trace: result.trace as unknown as Prisma.InputJsonValue,
          details: (result.details ?? undefined) as Prisma.InputJsonValue | undefined,
        },
        select: { id: true },
      });
      await tx.circuitState.update({
        where: { integrationId: input.integrationId },
        data: {
          state: next.state,
          consecutiveFailures: next.consecutiveFailures,
          openedAt: next.openedAt === null ? null : new Date(next.openedAt),
          ...(result.details ? { lastDetails: result.details as Prisma.InputJsonValue, lastDetailsAt: new Date(result.startedAt) } : {}),
        },
      });
      if (transitions.length > 0) {
        await tx.circuitTransition.createMany({
          data: transitions.map((t) => ({ integrationId: input.integrationId, from: t.from, to: t.to, reason: t.reason, at: new Date(result.finishedAt) })),
        });
      }
      await refreshMinuteRollup(tx, input.integrationId, new Date(result.startedAt));
      await refreshHourRollup(tx, input.integrationId, new Date(result.startedAt));
      return { recorded: true, runId: run.id, circuit: next } as const;
      // Prisma's default 2 s wait for a connection loses runs when the pool is busy (seen under load):
      // wait longer; the caller treats a failure as "not recorded" and the slot runs again.
    }, RECORD_TX);
  } catch (err) {
    // The slot was already recorded by another worker whose lease we outlived: not an error, nothing to add.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return { recorded: false, reason: "duplicate_slot" };
    throw err;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const RECORD_TX = { maxWait: 15_000, timeout: 20_000 };

function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

/** Recomputes one minute's rollup from its raw runs: exact, and idempotent however often it runs. */
async function refreshMinuteRollup(tx: Tx, integrationId: string, at: Date): Promise<void> {
  const bucket = minuteOf(at);
  const runs = await tx.probeRun.findMany({
    where: { integrationId, startedAt: { gte: bucket, lt: new Date(bucket.getTime() + 60_000) } },
    select: { ok: true, latencyMs: true },
  });
  const latencies = runs.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const summary = summarize(latencies);
  const data = {
    count: runs.length,
    failures: runs.filter((r) => !r.ok).length,
    latencySumMs: summary.sum,
    latencyMaxMs: summary.max,
    p50Ms: summary.p50,
    p95Ms: summary.p95,
    p99Ms: summary.p99,
    latencyHist: histogramOf(latencies),
  };
  await tx.probeRollupMinute.upsert({
    where: { integrationId_bucket: { integrationId, bucket } },
    create: { integrationId, bucket, ...data },
    update: data,
  });
}

/** Recomputes one hour's rollup from its (at most 60) minute rollups. */
async function refreshHourRollup(tx: Tx, integrationId: string, at: Date): Promise<void> {
  const bucket = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  const minutes = await tx.probeRollupMinute.findMany({
    where: { integrationId, bucket: { gte: bucket, lt: new Date(bucket.getTime() + 3_600_000) } },
    select: { count: true, failures: true, latencySumMs: true, latencyMaxMs: true, latencyHist: true },
  });
  const hist = emptyHistogram();
  let count = 0, failures = 0, sum = 0, max = 0;
  for (const m of minutes) {
    count += m.count;
    failures += m.failures;
    sum += m.latencySumMs;
    max = Math.max(max, m.latencyMaxMs);
    mergeInto(hist, m.latencyHist);
  }
  const { idx, cnt } = toSparse(hist);
  const data = { count, failures, latencySumMs: sum, latencyMaxMs: max, p95Ms: histogramQuantile(hist, 0.95, max), histIdx: idx, histCnt: cnt };
  await tx.probeRollupHour.upsert({
    where: { integrationId_bucket: { integrationId, bucket } },
    create: { integrationId, bucket, ...data },
    update: data,
  });
}
