// When a claimed slot's probe starts. Slots are claimed about a second ahead and each starts at its due time, never
// before (the next slot is worked out from the run's start). A wakeup of the worker costs CPU of its own beyond the
// probe's work (the event loop's turn, cold caches on a shared machine), so slots due close together share one:
// each waits for the end of its bucket of time. The bucket widens when slots come slowly (about `targetPerBucket`
// slots a bucket, at most `maxMs` late), where the lag is otherwise near zero, and narrows under load (`minMs`),
// where buckets fill by themselves and the lag target (p99 < 250 ms) has less room.

export interface StartBucketPolicy {
  /** The narrowest bucket, under load. */
  minMs: number;
  /** The widest bucket: the most a probe starts after its due time for company. */
  maxMs: number;
  /** The slots a bucket aims for. */
  targetPerBucket: number;
}

export const DEFAULT_START_BUCKETS: StartBucketPolicy = { minMs: 5, maxMs: 100, targetPerBucket: 5 };

/** The bucket width at `ratePerS` slots claimed a second; the widest when the rate is not known yet. */
export function startBucketMs(ratePerS: number, policy: StartBucketPolicy = DEFAULT_START_BUCKETS): number {
  if (!(ratePerS > 0)) return policy.maxMs;
  const ms = (policy.targetPerBucket / ratePerS) * 1000;
  return Math.min(policy.maxMs, Math.max(policy.minMs, Math.round(ms)));
}

/**
 * When a slot due at `dueMs` starts: the end of its bucket (buckets are whole multiples of `widthMs` on the clock,
 * so slots in one share the deadline), never before `dueMs`. A width of 1 ms or less starts each at its own time.
 */
export function startDeadline(dueMs: number, widthMs: number): number {
  const due = Math.ceil(dueMs);
  if (!(widthMs > 1)) return due;
  return Math.ceil(due / widthMs) * widthMs;
}

/** The claim rate over a measured span (at least `minSpanMs`, so a lone claim does not read as a flood). */
export function claimRate(claimed: number, elapsedMs: number, minSpanMs = 1_000): number {
  return (claimed * 1000) / Math.max(elapsedMs, minSpanMs);
}
