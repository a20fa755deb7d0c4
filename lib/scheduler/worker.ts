// The worker: a node-cron tick finds due slots, claims them by lease and runs them with bounded concurrency.
// Thin and stoppable: all the work lives in lib/; stop() lets in-flight probes finish and gives leases back.
import cron, { type ScheduledTask } from "node-cron";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import { createLogger, type Logger } from "../observability/logger";
import { captureProbeError } from "../observability/sentry";
import { executeProbe } from "./execute-probe";
import { claimDue, completeClaim, releaseLeases, type Claim } from "./leases";

export interface WorkerOptions {
  db: Db;
  concurrency: number;
  workerId?: string;
  /** Cron expression for the tick; every second by default. */
  tick?: string;
  now?: () => number;
  logger?: Logger;
}

export class Worker {
  readonly id: string;
  private readonly inFlight = new Set<Promise<void>>();
  private task: ScheduledTask | null = null;
  private ticking = false;
  private stopping = false;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.log = options.logger ?? createLogger("worker");
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.task) return;
    this.task = cron.schedule(this.options.tick ?? "* * * * * *", () => this.tick(), { name: `tether-worker-${this.id}`, noOverlap: true });
    this.log.info("started", { worker: this.id, concurrency: this.options.concurrency });
  }

  /** One scheduling pass: claim what is due, up to free capacity, and start running it. Returns the claims. */
  async tick(): Promise<Claim[]> {
    if (this.ticking || this.stopping) return [];
    this.ticking = true;
    try {
      const free = this.options.concurrency - this.inFlight.size;
      const claims = await claimDue(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: free });
      for (const claim of claims) this.track(this.runClaim(claim));
      return claims;
    } catch (err) {
      this.log.error("tick failed", { error: err });
      return [];
    } finally {
      this.ticking = false;
    }
  }

  /** Resolves when every probe started so far has been recorded. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.task?.stop();
    await this.task?.destroy();
    this.task = null;
    await this.drain();
    const released = await releaseLeases(this.options.db, this.id).catch(() => 0);
    this.log.info("stopped", { worker: this.id, released });
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async runClaim(claim: Claim): Promise<void> {
    const { db } = this.options;
    try {
      const outcome = await executeProbe(db, claim.integrationId, { trigger: "scheduled", scheduledFor: claim.slot, workerId: this.id, now: this.now });
      if (outcome && !outcome.result.ok) {
        this.log.debug("probe failed", { integration: claim.integrationId, class: outcome.result.errorClass });
      }
      if (outcome && !outcome.record.recorded) this.log.warn("run not recorded", { integration: claim.integrationId, reason: outcome.record.reason });
    } catch (err) {
      // Classified probe failures are results, not errors; only a failure to run or record one is reported.
      captureProbeError(err, { integrationId: claim.integrationId });
      this.log.error("probe run failed", { integration: claim.integrationId, error: err });
    } finally {
      await completeClaim(db, claim, { workerId: this.id, now: new Date(this.now()) }).catch((err: unknown) =>
        this.log.error("could not complete claim", { integration: claim.integrationId, error: err }),
      );
    }
  }
}
