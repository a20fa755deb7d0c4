// Batches the recording of finished runs: runs that finish close together are written by one statement (one
// round trip instead of one each), with at most a few statements in flight so recording never takes every
// pooled connection from the claims and the probes. Each run still settles on its own.
//
// PostgreSQL's cost goes per statement, so the gather adapts (lib/domain/record-gather): about 100 ms under load,
// up to a second when runs come slowly, so a batch still holds tens of runs. A run's slot advances only in the
// statement that records it and stays leased meanwhile, so a crash during the gather loses nothing (the lease
// margin, 15 s by default, is far longer than the gather). A manual run, a full batch and a drain are written at once.
import type { Db } from "../db/client";
import { recordProbeRuns, type RecordRunInput, type RecordRunOutcome } from "../db/probe-runs";
import { DEFAULT_GATHER_POLICY, flushDelayMs, measuredRate, type GatherPolicy } from "../domain/record-gather";

export interface RunRecorderOptions {
  /** Most runs in one statement. */
  maxBatch?: number;
  /** Statements in flight at once; further runs wait and go together in the next one. */
  maxConcurrent?: number;
  /** How long the first run of a batch waits for company under load (the shortest gather). */
  gatherMs?: number;
  /** The longest it waits when runs come slowly. */
  maxGatherMs?: number;
  /** The runs a batch aims for when runs come slowly. */
  targetBatch?: number;
  /** The clock the stored statuses' 24-hour window is read by. */
  now?: () => number;
  /** The clock the gather is timed by (a monotonic one by default). */
  clock?: () => number;
}

interface Pending {
  input: RecordRunInput;
  resolve: (outcome: RecordRunOutcome) => void;
  reject: (err: unknown) => void;
}

export class RunRecorder {
  private pending: Pending[] = [];
  private flushing = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private readonly maxConcurrent: number;
  private readonly policy: GatherPolicy;
  private readonly now: () => number;
  private readonly clock: () => number;
  /** When the oldest waiting run arrived. */
  private oldestAt = 0;
  /** Runs waiting that someone waits for (manual), and whether the recorder drains. */
  private urgentWaiting = 0;
  private draining = 0;
  /** The arrival rate, measured at each take. */
  private ratePerS = 0;
  private arrived = 0;
  private lastTakeAt: number;

  constructor(
    private readonly db: Db,
    options: RunRecorderOptions = {},
  ) {
    this.maxConcurrent = options.maxConcurrent ?? 2;
    const minGatherMs = options.gatherMs ?? DEFAULT_GATHER_POLICY.minGatherMs;
    this.policy = {
      maxBatch: options.maxBatch ?? DEFAULT_GATHER_POLICY.maxBatch,
      targetBatch: options.targetBatch ?? DEFAULT_GATHER_POLICY.targetBatch,
      minGatherMs,
      maxGatherMs: Math.max(minGatherMs, options.maxGatherMs ?? DEFAULT_GATHER_POLICY.maxGatherMs),
    };
    this.now = options.now ?? Date.now;
    this.clock = options.clock ?? (() => performance.now());
    this.lastTakeAt = this.clock();
  }

  readonly record = (input: RecordRunInput): Promise<RecordRunOutcome> =>
    new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.oldestAt = this.clock();
      this.pending.push({ input, resolve, reject });
      this.arrived++;
      if (input.trigger !== "scheduled") this.urgentWaiting++;
      this.schedule();
    });

  /**
   * Writes what waits at once, and every run recorded until the returned function is called (a drain or a stop:
   * nothing waits for a gather that no longer pays).
   */
  hurry(): () => void {
    this.draining++;
    this.schedule();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.draining--;
    };
  }

  private schedule(): void {
    if (this.flushing >= this.maxConcurrent) return;
    const delay = flushDelayMs(
      {
        pending: this.pending.length,
        oldestWaitedMs: this.clock() - this.oldestAt,
        ratePerS: this.ratePerS,
        urgent: this.urgentWaiting > 0 || this.draining > 0,
      },
      this.policy,
    );
    if (delay === null) return;
    const at = this.clock() + delay;
    // A timer due by then already does it (within a millisecond: no re-arming per run).
    if (this.timer && this.timerAt <= at + 1) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0 || this.flushing >= this.maxConcurrent) return this.schedule();
    const takenAt = this.clock();
    this.ratePerS = measuredRate(this.arrived, takenAt - this.lastTakeAt, this.policy);
    this.arrived = 0;
    this.lastTakeAt = takenAt;
    // One run per integration per statement (a row is upserted once per statement); the rest go next time.
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const ids = new Set<string>();
    for (const p of this.pending) {
      if (batch.length < this.policy.maxBatch && !ids.has(p.input.integrationId)) {
        ids.add(p.input.integrationId);
        batch.push(p);
        if (p.input.trigger !== "scheduled") this.urgentWaiting--;
      } else {
        rest.push(p);
      }
    }
    this.pending = rest;
    // The runs left over have waited since before this take: they go as soon as the gather allows.
    this.flushing++;
    // More waiting than one statement takes: start the next one now rather than after this one.
    this.schedule();
    try {
      // The statement stores the recorded integrations' statuses too (decided by this.now()'s 24-hour window).
      const settled = await recordProbeRuns(
        this.db,
        batch.map((p) => p.input),
        this.now(),
      );
      settled.forEach((s, i) => (s.ok ? batch[i]!.resolve(s.outcome) : batch[i]!.reject(s.error)));
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.flushing--;
      this.schedule();
    }
  }
}
