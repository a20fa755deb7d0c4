// Batches the recording of finished runs: runs that finish close together are written by one statement (one
// round trip instead of one each), with at most a few statements in flight so recording never takes every
// pooled connection from the claims and the probes. Each run still settles on its own.
import type { Db } from "../db/client";
import { recordProbeRuns, type RecordRunInput, type RecordRunOutcome } from "../db/probe-runs";

export interface RunRecorderOptions {
  /** Most runs in one statement. */
  maxBatch?: number;
  /** Statements in flight at once; further runs wait and go together in the next one. */
  maxConcurrent?: number;
  /** How long the first run of a batch waits for company. */
  gatherMs?: number;
  /** The clock the stored statuses' 24-hour window is read by. */
  now?: () => number;
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
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;
  private readonly gatherMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    options: RunRecorderOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxConcurrent = options.maxConcurrent ?? 2;
    this.gatherMs = options.gatherMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  readonly record = (input: RecordRunInput): Promise<RecordRunOutcome> =>
    new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });

  private schedule(): void {
    if (this.timer || this.flushing >= this.maxConcurrent || this.pending.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.gatherMs);
  }

  private async flush(): Promise<void> {
    // One run per integration per statement (a row is upserted once per statement); the rest go next time.
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const ids = new Set<string>();
    for (const p of this.pending) {
      if (batch.length < this.maxBatch && !ids.has(p.input.integrationId)) {
        ids.add(p.input.integrationId);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    this.pending = rest;
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
