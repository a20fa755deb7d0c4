// When the run recorder writes its gathered runs. PostgreSQL's cost goes per record statement, so a batch should
// hold enough runs to share it: the gather time grows when runs come slowly (about `targetBatch` runs a batch,
// waiting at most `maxGatherMs`) and stays at `minGatherMs` under load. A full batch, a run someone waits for
// (a manual probe) or a draining recorder is written at once.

export interface GatherPolicy {
  /** Most runs in one statement: a batch this size is written at once. */
  maxBatch: number;
  /** The runs a batch aims for before its gather time is up. */
  targetBatch: number;
  /** The gather time under load. */
  minGatherMs: number;
  /** The longest a run waits for company (well inside the lease margin: its slot stays leased meanwhile). */
  maxGatherMs: number;
}

export const DEFAULT_GATHER_POLICY: GatherPolicy = { maxBatch: 500, targetBatch: 50, minGatherMs: 100, maxGatherMs: 1_000 };

/** How long the oldest run of a batch may wait, at `ratePerS` runs arriving a second. */
export function gatherTimeMs(ratePerS: number, policy: GatherPolicy): number {
  if (!(ratePerS > 0)) return policy.maxGatherMs;
  const ms = (policy.targetBatch / ratePerS) * 1000;
  return Math.min(policy.maxGatherMs, Math.max(policy.minGatherMs, ms));
}

export interface GatherState {
  /** Runs waiting. */
  pending: number;
  /** How long the oldest of them has waited. */
  oldestWaitedMs: number;
  /** Runs arriving a second, as last measured (recordRate). */
  ratePerS: number;
  /** Write at once: a waiting run is manual, or the recorder drains. */
  urgent: boolean;
}

/** Milliseconds until the waiting runs are written: 0 is now; null is nothing to write. */
export function flushDelayMs(state: GatherState, policy: GatherPolicy): number | null {
  if (state.pending <= 0) return null;
  if (state.urgent || state.pending >= policy.maxBatch) return 0;
  return Math.max(0, gatherTimeMs(state.ratePerS, policy) - state.oldestWaitedMs);
}

/**
 * The arrival rate measured when a batch is taken: the runs that arrived since the last take over the time since
 * then (at least `minGatherMs`, so a lone burst does not read as a flood). Over a long quiet spell the rate falls
 * towards 0, and the next lone run waits the longest gather time.
 */
export function measuredRate(arrived: number, elapsedMs: number, policy: GatherPolicy): number {
  return (arrived * 1000) / Math.max(elapsedMs, policy.minGatherMs);
}

/**
 * The longest gather a lease margin allows: a gathered run's slot stays leased until its statement commits, so the
 * wait keeps to a tenth of the margin (never below the shortest gather of 100 ms).
 */
export function maxGatherWithin(leaseMarginMs: number, wantedMs: number = DEFAULT_GATHER_POLICY.maxGatherMs): number {
  return Math.min(wantedMs, Math.max(DEFAULT_GATHER_POLICY.minGatherMs, leaseMarginMs / 10));
}
