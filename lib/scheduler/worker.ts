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
import { beat, HEARTBEAT_EVERY_MS, markStopped } from "./heartbeat";
import { DEFAULT_RETENTION, pruneOnce, type RetentionPolicy } from "./retention";
import { claimWebhookEvents, processWebhookEvent } from "../webhooks/processor";
import { ALERT_EVALUATION_EVERY_MS, runAlertEvaluation } from "../alerts/evaluation-job";
import { claimNotificationDeliveries, processNotificationDelivery } from "../alerts/deliveries";

export interface WorkerOptions {
  db: Db;
  concurrency: number;
  workerId?: string;
  /** Cron expression for the tick; every second by default. */
  tick?: string;
  now?: () => number;
  logger?: Logger;
  /** Extra lease time beyond the probe's own timeouts; a killed worker's slots are re-run after it. */
  leaseMarginMs?: number;
  retention?: RetentionPolicy;
  /** How often one worker of the fleet prunes old data. */
  pruneEveryMs?: number;
  /** How often alert rules are evaluated (one worker of the fleet at a time). */
  alertEvaluationEveryMs?: number;
}

export class Worker {
  readonly id: string;
  private readonly inFlight = new Set<Promise<void>>();
  /** What is running, for the heartbeat: integration id -> since. */
  private readonly running = new Map<string, number>();
  private probesRun = 0;
  private readonly startedAt = new Date();
  private lastBeat = 0;
  private lastPrune = 0;
  private lastAlertEvaluation = 0;
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
    // tick() guards against overlapping itself, so node-cron needs no overlap handling (and logs nothing).
    this.task = cron.schedule(this.options.tick ?? "* * * * * *", () => void this.tick(), { name: `tether-worker-${this.id}` });
    this.log.info("started", { worker: this.id, concurrency: this.options.concurrency });
  }

  /** One scheduling pass: claim what is due, up to free capacity, and start running it. Returns the claims. */
  async tick(): Promise<Claim[]> {
    if (this.ticking || this.stopping) return [];
    this.ticking = true;
    try {
      const free = this.options.concurrency - this.inFlight.size;
      const claims = await claimDue(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: free, leaseMarginMs: this.options.leaseMarginMs });
      for (const claim of claims) this.track(this.runClaim(claim));
      // Webhook deliveries share the same bulkhead: whatever capacity the probes left.
      const events = await claimWebhookEvents(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: this.options.concurrency - this.inFlight.size });
      for (const id of events) this.track(this.runWebhook(id));
      // Alert notifications too.
      const deliveries = await claimNotificationDeliveries(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: this.options.concurrency - this.inFlight.size });
      for (const id of deliveries) this.track(this.runNotification(id));
      void this.housekeeping();
      return claims;
    } catch (err) {
      this.log.error("tick failed", { error: err });
      return [];
    } finally {
      this.ticking = false;
    }
  }

  /** Heartbeat every few seconds; pruning now and then. Failures are logged, never fatal to the tick. */
  private async housekeeping(): Promise<void> {
    const now = this.now();
    if (now - this.lastBeat >= HEARTBEAT_EVERY_MS) {
      this.lastBeat = now;
      await beat(this.options.db, {
        id: this.id,
        hostname: hostname(),
        pid: process.pid,
        startedAt: this.startedAt,
        concurrency: this.options.concurrency,
        inFlight: [...this.running].map(([integrationId, since]) => ({ integrationId, since })),
        probesRun: this.probesRun,
      }, new Date(now)).catch((err: unknown) => this.log.warn("heartbeat failed", { error: err }));
    }
    if (now - this.lastAlertEvaluation >= (this.options.alertEvaluationEveryMs ?? ALERT_EVALUATION_EVERY_MS)) {
      this.lastAlertEvaluation = now;
      await runAlertEvaluation(this.options.db, { workerId: this.id, now: new Date(now) }).catch((err: unknown) => this.log.error("alert evaluation failed", { error: err }));
    }
    const pruneEvery = this.options.pruneEveryMs ?? 10 * 60_000;
    if (now - this.lastPrune >= pruneEvery) {
      this.lastPrune = now;
      const report = await pruneOnce(this.options.db, now, this.options.retention ?? DEFAULT_RETENTION).catch((err: unknown) => {
        this.log.warn("pruning failed", { error: err });
        return null;
      });
      if (report && !report.skipped && report.runs + report.minuteRollups + report.hourRollups > 0) this.log.info("pruned old data", { ...report });
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
    await markStopped(this.options.db, this.id, new Date(this.now())).catch(() => undefined);
    this.log.info("stopped", { worker: this.id, released });
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async runWebhook(id: bigint): Promise<void> {
    try {
      await processWebhookEvent(this.options.db, id, { workerId: this.id, now: this.now });
    } catch (err) {
      this.log.error("webhook processing failed", { event: id.toString(), error: err });
    }
  }

  private async runNotification(id: bigint): Promise<void> {
    try {
      await processNotificationDelivery(this.options.db, id, { workerId: this.id, now: this.now });
    } catch (err) {
      this.log.error("notification delivery failed", { delivery: id.toString(), error: err });
    }
  }

  private async runClaim(claim: Claim): Promise<void> {
    const { db } = this.options;
    this.running.set(claim.integrationId, this.now());
    try {
      // A worker killed after recording this slot but before releasing its lease leaves it claimable again:
      // the slot is done, so it is only moved on.
      const done = await db.probeRun.findUnique({ where: { integrationId_scheduledFor: { integrationId: claim.integrationId, scheduledFor: claim.slot } }, select: { id: true } });
      if (!done) {
        const outcome = await executeProbe(db, claim.integrationId, { trigger: "scheduled", scheduledFor: claim.slot, workerId: this.id, now: this.now });
        if (outcome && !outcome.result.ok) this.log.debug("probe failed", { integration: claim.integrationId, class: outcome.result.errorClass });
        if (outcome && !outcome.record.recorded) this.log.warn("run not recorded", { integration: claim.integrationId, reason: outcome.record.reason });
      }
    } catch (err) {
      // Classified probe failures are results, not errors; only a failure to run or record one is reported.
      // The slot is not advanced: its lease expires and the slot runs again, rather than being lost.
      captureProbeError(err, { integrationId: claim.integrationId });
      this.log.error("probe run failed; the slot will run again when its lease expires", { integration: claim.integrationId, error: err });
      this.running.delete(claim.integrationId);
      return;
    }
    this.running.delete(claim.integrationId);
    this.probesRun++;
    await completeClaim(db, claim, { workerId: this.id, now: new Date(this.now()) }).catch((err: unknown) =>
      this.log.error("could not complete claim", { integration: claim.integrationId, error: err }),
    );
  }
}
