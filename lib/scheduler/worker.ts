// The worker: a node-cron tick claims, by lease, the slots due before the next tick and starts each on a timer at
// its due time, with bounded concurrency; finished runs are recorded in batches. Thin and stoppable: all the work
// lives in lib/; stop() lets started probes finish, drops the ones still waiting and gives leases back.
import cron, { type ScheduledTask } from "node-cron";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import { createLogger, type Logger } from "../observability/logger";
import { executeProbe } from "./execute-probe";
import type { ProbeRunResult } from "../domain/probe-run";
import { claimDue, completeClaim, releaseLeases, type Claim } from "./leases";
import { claimDueAt, completeLocationClaim } from "./location-leases";
import { RunRecorder, type RunRecorderOptions } from "./run-recorder";
import { beat, HEARTBEAT_EVERY_MS, markStopped } from "../workers/heartbeat";
import { DEFAULT_RETENTION, pruneOnce, type RetentionPolicy } from "./retention";
import { claimWebhookEvents, processWebhookEvent } from "../webhooks/processor";
import { ALERT_EVALUATION_EVERY_MS, runAlertEvaluation } from "../alerts/evaluation-job";
import { claimNotificationDeliveries, processNotificationDelivery } from "../alerts/deliveries/queue";
import { claimStatusDeliveries, processStatusDelivery } from "../status-pages/subscriptions/queue";
import { PROVIDER_STATUS_EVERY_MS, runProviderStatusPoll } from "../providers/status/poll-job";
import type { OutboundPolicy } from "../security/outbound";
import { METRICS_RENDER_EVERY_MS, renderIfDue } from "../metrics/exposition-cache";
import type { MetricsPush } from "../metrics/otel/types";
import { refreshStatusSnapshots, STATUS_SNAPSHOT_EVERY_MS } from "../status-pages/snapshot/build";
import { DaySummaryJob } from "./day-summary-job";

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
  /** How often provider status pages are checked for a due read (each page is read at most once a minute, fleet-wide). */
  providerStatusEveryMs?: number;
  /** Where provider status pages may be fetched from; TETHER_ALLOW_PRIVATE_TARGETS by default. */
  outbound?: OutboundPolicy;
  /** How far ahead of its due time a slot is claimed: a little more than the tick, so no slot waits for one. */
  lookaheadMs?: number;
  recorder?: RunRecorderOptions;
  /** How often one worker of the fleet renders GET /metrics' exposition into PostgreSQL (0 turns it off). */
  metricsRenderEveryMs?: number;
  /** The OTLP push (lib/metrics/otel), when configured: each finished run is recorded into it. */
  metricsPush?: MetricsPush | null;
  /** How often status page snapshots are checked for a rebuild (0 turns it off), and the address their JSON names. */
  statusSnapshotEveryMs?: number;
  publicUrl?: string;
  /** How often stale 24-hour summaries of the overview are rebuilt (0 turns it off). */
  daySummariesEveryMs?: number;
  /**
   * TETHER_LOCATION: this worker also runs the slots of integrations that list this location (one run per slot per
   * location). Unlocated integrations are run by every worker, with or without a location, once a slot.
   */
  location?: string;
}

export const DEFAULT_LOOKAHEAD_MS = 1_200;

export class Worker {
  readonly id: string;
  private readonly inFlight = new Set<Promise<void>>();
  /** In-flight work that is only waiting for its run to be written: not counted against the bulkhead. */
  private recording = 0;
  /** What is running, for the heartbeat: integration id -> since. */
  private readonly running = new Map<string, number>();
  private probesRun = 0;
  private readonly startedAt = new Date();
  private lastBeat = 0;
  private lastPrune = 0;
  private lastAlertEvaluation = 0;
  private lastProviderStatus = 0;
  private lastMetricsRender = 0;
  private renderingMetrics = false;
  private lastStatusSnapshots = 0;
  private refreshingStatus = false;
  private task: ScheduledTask | null = null;
  private ticking = false;
  private stopping = false;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly recorder: RunRecorder;
  private readonly daySummaries: DaySummaryJob;
  /** Claimed slots waiting for their due time: each entry cancels one wait (on stop()). */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.log = options.logger ?? createLogger("worker");
    this.now = options.now ?? Date.now;
    this.recorder = new RunRecorder(options.db, options.recorder);
    this.daySummaries = new DaySummaryJob(options.db, this.log, options.daySummariesEveryMs);
  }

  start(): void {
    if (this.task) return;
    // tick() guards against overlapping itself, so node-cron needs no overlap handling (and logs nothing).
    this.task = cron.schedule(this.options.tick ?? "* * * * * *", () => void this.tick(), { name: `tether-worker-${this.id}` });
    this.log.info("started", { worker: this.id, concurrency: this.options.concurrency, location: this.options.location ?? null });
  }

  /** One scheduling pass: claim what is due, up to free capacity, and start running it. Returns the claims. */
  async tick(): Promise<Claim[]> {
    if (this.ticking || this.stopping) return [];
    this.ticking = true;
    try {
      const lease = { workerId: this.id, leaseMarginMs: this.options.leaseMarginMs, lookaheadMs: this.options.lookaheadMs ?? DEFAULT_LOOKAHEAD_MS };
      // This location's own slots first (only this location's workers can run them), then what any worker may run.
      const location = this.options.location;
      const located = location ? await claimDueAt(this.options.db, { ...lease, location, now: new Date(this.now()), limit: this.free() }) : [];
      for (const claim of located) this.track(this.runClaim(claim));
      const claims = await claimDue(this.options.db, { ...lease, now: new Date(this.now()), limit: this.free() });
      for (const claim of claims) this.track(this.runClaim(claim));
      // Webhook deliveries share the same bulkhead: whatever capacity the probes left.
      const events = await claimWebhookEvents(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: this.free() });
      for (const id of events) this.track(this.runWebhook(id));
      // Alert notifications too.
      const deliveries = await claimNotificationDeliveries(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: this.free() });
      for (const id of deliveries) this.track(this.runNotification(id));
      // And status page subscribers' emails and webhooks.
      const notices = await claimStatusDeliveries(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: this.free() });
      for (const id of notices)
        this.track(
          processStatusDelivery(this.options.db, id, { now: this.now }).then(
            () => undefined,
            (err: unknown) => this.log.error("status delivery failed", { error: err }),
          ),
        );
      void this.housekeeping();
      return [...located, ...claims];
    } catch (err) {
      this.log.error("tick failed", { error: err });
      return [];
    } finally {
      this.ticking = false;
    }
  }

  /** Free capacity: claimed slots waiting for their time, probes running, webhook and notification work. */
  private free(): number {
    return this.options.concurrency - (this.inFlight.size - this.recording);
  }

  /** Heartbeat every few seconds; pruning now and then. Failures are logged, never fatal to the tick. */
  private async housekeeping(): Promise<void> {
    const now = this.now();
    if (now - this.lastBeat >= HEARTBEAT_EVERY_MS) {
      this.lastBeat = now;
      await beat(
        this.options.db,
        {
          id: this.id,
          hostname: hostname(),
          pid: process.pid,
          startedAt: this.startedAt,
          concurrency: this.options.concurrency,
          inFlight: [...this.running].map(([integrationId, since]) => ({ integrationId, since })),
          probesRun: this.probesRun,
        },
        new Date(now),
      ).catch((err: unknown) => this.log.warn("heartbeat failed", { error: err }));
    }
    if (now - this.lastAlertEvaluation >= (this.options.alertEvaluationEveryMs ?? ALERT_EVALUATION_EVERY_MS)) {
      this.lastAlertEvaluation = now;
      await runAlertEvaluation(this.options.db, { workerId: this.id, now: new Date(now) }).catch((err: unknown) =>
        this.log.error("alert evaluation failed", { error: err }),
      );
    }
    if (now - this.lastProviderStatus >= (this.options.providerStatusEveryMs ?? PROVIDER_STATUS_EVERY_MS)) {
      this.lastProviderStatus = now;
      await runProviderStatusPoll(this.options.db, { now: new Date(now), outbound: this.options.outbound }).catch((err: unknown) =>
        this.log.warn("provider status poll failed", { error: err }),
      );
    }
    const renderEvery = this.options.metricsRenderEveryMs ?? METRICS_RENDER_EVERY_MS;
    // One render at a time: at 10,000 integrations a render takes seconds, longer on a loaded machine.
    if (renderEvery > 0 && !this.renderingMetrics && now - this.lastMetricsRender >= renderEvery) {
      this.lastMetricsRender = now;
      this.renderingMetrics = true;
      await renderIfDue(this.options.db, { now: new Date(now), workerId: this.id, everyMs: renderEvery })
        .catch((err: unknown) => this.log.warn("metrics render failed", { error: err }))
        .finally(() => (this.renderingMetrics = false));
    }
    const statusEvery = this.options.statusSnapshotEveryMs ?? STATUS_SNAPSHOT_EVERY_MS;
    if (statusEvery > 0 && !this.refreshingStatus && now - this.lastStatusSnapshots >= statusEvery) {
      this.lastStatusSnapshots = now;
      this.refreshingStatus = true;
      void refreshStatusSnapshots(this.options.db, { now, publicBase: this.options.publicUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000" })
        .catch((err: unknown) => this.log.warn("status page snapshots failed", { error: err }))
        .finally(() => (this.refreshingStatus = false));
    }
    await this.daySummaries.maybeRun(now);
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
    for (const cancel of this.waiting) cancel();
    await this.task?.stop();
    await this.task?.destroy();
    this.task = null;
    await this.drain();
    const released = await releaseLeases(this.options.db, this.id).catch(() => 0);
    await this.options.metricsPush?.shutdown();
    await markStopped(this.options.db, this.id, new Date(this.now())).catch(() => undefined);
    this.log.info("stopped", { worker: this.id, released });
  }

  /** Resolves true after `ms`, or false as soon as the worker stops. */
  private waitFor(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        this.waiting.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(cancel);
        resolve(true);
      }, ms);
      this.waiting.add(cancel);
    });
  }

  private pushRun(claim: Claim, result: ProbeRunResult): void {
    const push = this.options.metricsPush;
    if (!push) return;
    const config = (claim.target?.config ?? {}) as { url?: unknown; method?: unknown };
    const http = claim.target?.kind === "http";
    push.probeRun({
      integration: claim.target?.name ?? claim.integrationId,
      kind: claim.target?.kind ?? "unknown",
      url: http && typeof config.url === "string" ? config.url : null,
      method: http && typeof config.method === "string" ? config.method : null,
      result,
    });
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
    // Claimed ahead of time: start at the due time. A stopping worker drops it; its lease is given back.
    const wait = claim.slot.getTime() - this.now();
    if (wait > 0 && !(await this.waitFor(wait))) return;
    this.running.set(claim.integrationId, this.now());
    try {
      const outcome = await executeProbe(db, claim.integrationId, {
        trigger: "scheduled",
        scheduledFor: claim.slot,
        workerId: this.id,
        now: this.now,
        target: claim.target,
        // Recorded together with the move to the next slot: a run that is not recorded does not advance it.
        claim: { workerId: this.id, slot: claim.slot },
        location: claim.location ?? null,
        // Once the probe is done its slot stops counting against the bulkhead: writing is the database's work.
        record: async (input) => {
          this.recording++;
          try {
            return await this.recorder.record(input);
          } finally {
            this.recording--;
          }
        },
      });
      if (outcome) this.pushRun(claim, outcome.result);
      if (outcome && !outcome.result.ok) this.log.debug("probe failed", { integration: claim.integrationId, class: outcome.result.errorClass });
      if (outcome && !outcome.record.recorded) {
        this.log.warn("run not recorded", { integration: claim.integrationId, reason: outcome.record.reason });
        // Another worker recorded this slot after our lease expired; move on if it has not already.
        if (outcome.record.reason === "duplicate_slot")
          await (claim.location === undefined ? completeClaim : completeLocationClaim)(db, claim, { workerId: this.id, now: new Date(this.now()) });
      }
    } catch (err) {
      // Classified probe failures are results, not errors; only a failure to run or record one is reported.
      // The slot is not advanced: its lease expires and the slot runs again, rather than being lost.
      // Sentry is loaded on the first such error, not at start: importing it costs seconds of a cold start.
      void import("../observability/sentry").then((m) => m.captureProbeError(err, { integrationId: claim.integrationId }));
      this.log.error("probe run failed; the slot will run again when its lease expires", { integration: claim.integrationId, error: err });
      return;
    } finally {
      this.running.delete(claim.integrationId);
    }
    this.probesRun++;
  }
}
