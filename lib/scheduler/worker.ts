// The worker: it claims, by lease, the slots due within the next second or so and starts each at its due time (slots
// due close together share one timer, lib/domain/start-buckets), with bounded concurrency; finished runs are
// recorded in batches. It sleeps until shortly before the next due slot (or until PostgreSQL notifies it of new work)
// instead of polling every second, and each periodic job (heartbeat, alerts, provider status, metrics, status pages,
// summaries, pruning) runs at its own cadence, found due by a node-cron tick that reads nothing unless a job is due. Thin and stoppable: all the work lives in lib/; stop() lets started probes finish, drops the ones
// still waiting and gives leases back.
import cron, { type ScheduledTask } from "node-cron";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { poolOf, type Db } from "../db/client";
import type pg from "pg";
import { createLogger, type Logger } from "../observability/logger";
import { executeProbe } from "./execute-probe";
import type { ProbeRunResult } from "../domain/probe-run";
import { isDatabaseUnavailable } from "../db/unavailable";
import { claimDue, completeClaim, DEFAULT_LEASE_MARGIN_MS, nextDueAfter, releaseLeases, releaseUnrecorded, type Claim } from "./leases";
import { claimDueAt, completeLocationClaim } from "./location-leases";
import { WorkListener, type WorkKind } from "./work-listener";
import { nextQueueDue, queueSleepMs, readsNextQueueDue } from "./queue-due";
import { maxGatherWithin } from "../domain/record-gather";
import { afterClaim, claimRoom, nextChunk, slotSleep, startsInLease } from "../domain/claim-pacing";
import { claimRate, DEFAULT_START_BUCKETS, startBucketMs, startDeadline, type StartBucketPolicy } from "../domain/start-buckets";
import { Bulkhead } from "../resilience/bulkhead";
import { RunRecorder, type RunRecorderOptions } from "./run-recorder";
import { beat, HEARTBEAT_EVERY_MS, markStopped } from "../workers/heartbeat";
import { DEFAULT_RETENTION, pruneOnce, type RetentionPolicy } from "./retention";
import { claimWebhookWork, processWebhookEvent } from "../webhooks/processor";
import { ALERT_EVALUATION_EVERY_MS, runAlertEvaluation } from "../alerts/evaluation-job";
import { claimNotificationDeliveries, processNotificationDelivery } from "../alerts/deliveries/queue";
import { claimStatusDeliveries, processStatusDelivery } from "../status-pages/subscriptions/queue";
import { PROVIDER_STATUS_EVERY_MS, runProviderStatusPoll } from "../providers/status/poll-job";
import type { OutboundPolicy } from "../security/outbound";
import { METRICS_RENDER_EVERY_MS, renderIfDue } from "../metrics/exposition-cache";
import type { MetricsPush } from "../metrics/otel/types";
import { refreshStatusSnapshots, STATUS_SNAPSHOT_CHANNEL, STATUS_SNAPSHOT_EVERY_MS } from "../status-pages/snapshot/build";
import { FEED_STAMPS_TIMEOUT_MS, serveSnapshotFeed, type SnapshotFeedServer } from "../status-pages/snapshot/feed";
import type { MessagePort } from "node:worker_threads";
import { DaySummaryJob } from "./day-summary-job";
import { PartitionJob } from "./partitions";

/** Every periodic job off (a cadence of 0): the slot and queue loops alone, for tests and the idle benchmark. */
export const PERIODIC_JOBS_OFF = {
  metricsRenderEveryMs: 0,
  statusSnapshotEveryMs: 0,
  daySummariesEveryMs: 0,
  alertEvaluationEveryMs: 0,
  providerStatusEveryMs: 0,
  partitionsEveryMs: 0,
  pruneEveryMs: 0,
} as const satisfies Partial<WorkerOptions>;

export interface WorkerOptions {
  db: Db;
  concurrency: number;
  workerId?: string;
  /**
   * Longest sleep of the queue loop (webhook events, deliveries) while notifications are heard: new rows wake it by
   * NOTIFY and a retry or an expiring lease at its time (nextQueueDue), so this is only a safety net. Every second when
   * notifications are not heard.
   */
  queuePollMs?: number;
  /** Longest sleep of the slot loop while notifications are heard (a safety net for a missed one). */
  maxIdleMs?: number;
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
  /** Most slots one claim takes; a busy worker claims this many at a time, spread over the lookahead (CLAIM_CHUNK). */
  claimChunk?: number;
  recorder?: RunRecorderOptions;
  /**
   * How claimed slots share start timers (lib/domain/start-buckets): slots due close together start together at the
   * end of their bucket, at most `maxMs` after their due time. A `maxMs` of 0 starts each at its own time.
   */
  startBuckets?: StartBucketPolicy;
  /** How often one worker of the fleet renders GET /metrics' exposition into PostgreSQL (0 turns it off). */
  metricsRenderEveryMs?: number;
  /** The OTLP push (lib/metrics/otel), when configured: each finished run is recorded into it. */
  metricsPush?: MetricsPush | null;
  /** How often status page snapshots are checked for a rebuild (0 turns it off), and the address their JSON names. */
  statusSnapshotEveryMs?: number;
  publicUrl?: string;
  /**
   * A status cache in another thread (`npm start`'s web server) follows snapshot notifications over this worker's
   * listening connection through this port, instead of opening a connection of its own.
   */
  statusSnapshotFeed?: MessagePort;
  /** How often stale 24-hour summaries of the overview are rebuilt (0 turns it off). */
  daySummariesEveryMs?: number;
  /** How often the coming days' partitions of probe runs are checked for (0 turns it off). */
  partitionsEveryMs?: number;
  /**
   * TETHER_LOCATION: this worker also runs the slots of integrations that list this location (one run per slot per
   * location). Unlocated integrations are run by every worker, with or without a location, once a slot.
   */
  location?: string;
}

/**
 * The worker's listening connection, which also follows status snapshot notifications for a cache on the other end
 * of `port` (`npm start`'s web thread), when there is one. The cache's 30 s re-read of the build times goes through
 * the worker's pool, whose connections are open all day anyway and read the snapshots every 2 s already: run on
 * the listening connection, the same statement kept about 2.6 MB more resident in that backend (15.3 MB against 12.7).
 */
export function workListenerFeeding(
  db: Db,
  log: Logger,
  onWork: (kind: WorkKind | null) => void,
  port?: MessagePort,
): { listener: WorkListener; feed: SnapshotFeedServer | null } {
  if (!port) return { listener: new WorkListener(db, log, onWork), feed: null };
  const feed = serveSnapshotFeed(port, {
    // Bounded like the cache's own connection: a frozen database fails the re-read instead of holding a pool slot.
    query: async (sql) => (await poolOf(db).query({ text: sql, query_timeout: FEED_STAMPS_TIMEOUT_MS } as pg.QueryConfig)).rows,
  });
  const listener: WorkListener = new WorkListener(db, log, onWork, {
    channel: STATUS_SNAPSHOT_CHANNEL,
    notified: (pageId) => pageId && feed.changed(pageId),
    listening: () => feed.listening(),
  });
  return { listener, feed };
}

export const DEFAULT_LOOKAHEAD_MS = 1_250;
/** How long before the next due slot the worker wakes to claim it (and the ones due in the lookahead after it). */
export const CLAIM_LEAD_MS = 250;
/**
 * Most slots one claim takes. At 1,000 probes/s a claim of the whole lookahead is 1,250 rows at once: a long
 * statement, then a second of the event loop's time spent at one moment on parsing rows and arming timers, which
 * shows as late starts. In chunks, a claim that comes back full is followed by the next as soon as the slots it holds
 * cover less than the lookahead minus the lead, so a busy worker claims a quarter second's slots four times a second,
 * about a second ahead; a quiet one still claims once a second.
 */
export const CLAIM_CHUNK = 250;
export const DEFAULT_QUEUE_POLL_MS = 30_000;
export const DEFAULT_MAX_IDLE_MS = 10_000;
/** Without notifications (the listening connection down), both loops poll at the old pace. */
const FALLBACK_POLL_MS = 1_000;
/** After capacity frees or a notification arrives, a short wait lets several go into one claim. */
const WAKE_DEBOUNCE_MS = 25;

/** A periodic job: run when due, never two at once, on its own timer once the worker has started. */
interface Job {
  name: string;
  everyMs: number;
  last: number;
  running: boolean;
  run: (now: number) => Promise<unknown>;
}

export class Worker {
  readonly id: string;
  private readonly inFlight = new Set<Promise<void>>();
  /** Probes and queued items running: a slot takes its place at its due time; writing a run does not hold one. */
  private readonly bulkhead: Bulkhead;
  /** Claimed slots not started yet (waiting for their due time or for a place): held apart from the bulkhead. */
  private held = 0;
  /** The longest a finished run waits for its record statement (the lease must still cover it). */
  private readonly maxGatherMs: number;
  /** Claimed slots not recorded yet -> their earliest next slot (slot + interval): recording moves the row there. */
  private readonly unrecorded = new Map<Claim, number>();
  /** Runs that failed to run or record (the database failed): their slots are given back at the next claim. */
  private failedClaims: Claim[] = [];
  /** The slot loop claims again as soon as a run is recorded (slotSleep's onRecord). */
  private claimOnRecord = false;
  /** What is running, for the heartbeat: integration id -> since. */
  private readonly running = new Map<string, number>();
  private probesRun = 0;
  private readonly startedAt = new Date();
  private readonly jobs: Job[];
  private started = false;
  /** Finds the periodic jobs that are due, once a second: an in-memory check, no query unless a job is due. */
  private jobsTask: ScheduledTask | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private slotTimer: NodeJS.Timeout | null = null;
  private slotWakeAt = Number.POSITIVE_INFINITY;
  private queueTimer: NodeJS.Timeout | null = null;
  private queueWakeAt = Number.POSITIVE_INFINITY;
  /** The last claim took all free capacity: claim again as soon as some frees. */
  private saturated = false;
  /** The last claim took a whole chunk (CLAIM_CHUNK): more slots are due within the lookahead. */
  private chunkFull = false;
  /**
   * The slots held cover less than the lead: chunks are not keeping up (a slow claim on a loaded database costs the
   * same per chunk however few rows it takes), so the next claim takes everything due within the lookahead.
   */
  private behind = false;
  private listener: WorkListener | null = null;
  private snapshotFeed: SnapshotFeedServer | null = null;
  private claiming = false;
  private claimingQueues = false;
  /** A queue pass is running; another wake meanwhile asks for one more pass after it (never two at once). */
  private queuePassing = false;
  private queuePassAgain = false;
  /** Claimed queued items (webhook events, deliveries) still running. */
  private queuedInFlight = 0;
  private stopping = false;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly recorder: RunRecorder;
  private readonly daySummaries: DaySummaryJob;
  private readonly partitions: PartitionJob;
  /** Claimed slots waiting for their start, by deadline: one timer a bucket, and the waits it ends (false on stop()). */
  private readonly startBuckets = new Map<number, { timer: NodeJS.Timeout; waits: ((started: boolean) => void)[] }>();
  /** Slots claimed a second, measured over spans of a second or more: it sets the start buckets' width. */
  private claimRatePerS = 0;
  private claimedSince = 0;
  private claimRateFrom = Date.now();

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.log = options.logger ?? createLogger("worker");
    this.now = options.now ?? Date.now;
    // A gathered run's slot stays leased until its statement commits: the longest gather keeps well inside the margin.
    const maxGatherMs = maxGatherWithin(options.leaseMarginMs ?? DEFAULT_LEASE_MARGIN_MS, options.recorder?.maxGatherMs);
    this.maxGatherMs = maxGatherMs;
    this.recorder = new RunRecorder(options.db, { ...options.recorder, maxGatherMs });
    this.bulkhead = new Bulkhead(options.concurrency);
    this.daySummaries = new DaySummaryJob(options.db, this.log, options.daySummariesEveryMs);
    this.partitions = new PartitionJob(options.db, this.log, options.partitionsEveryMs);
    this.jobs = this.periodicJobs();
  }

  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    const { listener, feed } = workListenerFeeding(this.options.db, this.log, (kind) => this.heard(kind), this.options.statusSnapshotFeed);
    this.listener = listener;
    this.snapshotFeed = feed;
    void this.listener.start();
    this.wakeSlots(0);
    this.wakeQueues(0);
    void this.runDueJobs();
    this.jobsTask = cron.schedule("* * * * * *", () => void this.runDueJobs(), { name: `tether-jobs-${this.id}` });
    // A cadence under the cron's second (tests use them) keeps a timer of its own.
    for (const job of this.jobs) if (job.everyMs < 1_000) this.loopJob(job);
    this.log.info("started", { worker: this.id, concurrency: this.options.concurrency, location: this.options.location ?? null });
  }

  /**
   * One pass of everything, as a test drives it: claim the slots due (up to free capacity) and start them, claim
   * queued work, and run each periodic job that is due. Returns the claimed slots. A started worker does the same
   * on its own timers.
   */
  async tick(): Promise<Claim[]> {
    const claims = await this.claimSlots();
    await this.claimQueues();
    void this.runDueJobs();
    return claims;
  }

  /** Claims the slots due by now + lookahead, up to free capacity, and starts them; returns them. */
  private async claimSlots(): Promise<Claim[]> {
    if (this.claiming || this.stopping) return [];
    this.claiming = true;
    try {
      // Runs that could not be recorded give their slots back first, so this very claim can take them again.
      if (this.failedClaims.length > 0) {
        const failed = this.failedClaims;
        this.failedClaims = [];
        try {
          const released = await releaseUnrecorded(this.options.db, this.id, failed);
          if (released > 0) this.log.info("gave back the slots of runs not recorded", { released });
        } catch (err) {
          this.failedClaims.push(...failed);
          throw err;
        }
      }
      const lease = { workerId: this.id, leaseMarginMs: this.options.leaseMarginMs, lookaheadMs: this.lookaheadMs };
      // This location's own slots first (only this location's workers can run them), then what any worker may run.
      const location = this.options.location;
      const room = this.room();
      const claimedAt = this.now();
      const located = location
        ? await claimDueAt(this.options.db, { ...lease, location, now: new Date(claimedAt), limit: Math.min(room, this.claimChunk) })
        : [];
      for (const claim of located) this.track(this.runClaim(claim, claimedAt));
      const rest = Math.min(this.room(), Math.max(0, this.claimChunk - located.length));
      const unlocatedAt = this.now();
      const unlocated = rest > 0 ? await claimDue(this.options.db, { ...lease, now: new Date(unlocatedAt), limit: rest }) : [];
      const claims = [...located, ...unlocated];
      // (Each counts as held, or takes its place if due, before the room is read again.)
      for (const claim of unlocated) this.track(this.runClaim(claim, unlocatedAt));
      this.noteClaimed(claims.length);
      ({ saturated: this.saturated, chunkFull: this.chunkFull } = afterClaim({
        chunk: this.claimChunk,
        located: located.length,
        unlocatedLimit: rest,
        unlocated: unlocated.length,
        freeAfter: this.room(),
      }));
      return claims;
    } catch (err) {
      this.log.error("claiming due slots failed", { error: err });
      return [];
    } finally {
      this.claiming = false;
    }
  }

  private get lookaheadMs(): number {
    return this.options.lookaheadMs ?? DEFAULT_LOOKAHEAD_MS;
  }

  /** A chunk, or (behind: the slots held ran out before the lead) everything due within the lookahead at once. */
  private get claimChunk(): number {
    return this.behind ? Number.POSITIVE_INFINITY : (this.options.claimChunk ?? CLAIM_CHUNK);
  }

  /**
   * Claims queued webhook events and notification and status deliveries, with whatever capacity the probes left.
   * Full: it took all capacity (or left events to settle). Claimed: how many items it started or settled.
   */
  private async claimQueues(): Promise<{ full: boolean; claimed: number }> {
    if (this.claimingQueues || this.stopping) return { full: false, claimed: 0 };
    this.claimingQueues = true;
    let full = false;
    let claimed = 0;
    try {
      const limit = this.bulkhead.available;
      const { ids: events, settled, settledAll } = await claimWebhookWork(this.options.db, { workerId: this.id, now: new Date(this.now()), limit });
      for (const id of events) this.trackQueued(this.runWebhook(id));
      const deliveries = await claimNotificationDeliveries(this.options.db, {
        workerId: this.id,
        now: new Date(this.now()),
        limit: this.bulkhead.available,
      });
      for (const id of deliveries) this.trackQueued(this.runNotification(id));
      const notices = await claimStatusDeliveries(this.options.db, { workerId: this.id, now: new Date(this.now()), limit: this.bulkhead.available });
      for (const id of notices)
        this.trackQueued(
          processStatusDelivery(this.options.db, id, { now: this.now }).then(
            () => undefined,
            (err: unknown) => this.log.error("status delivery failed", { error: err }),
          ),
        );
      // Events settled without a delivery (no relay target) are work done too; a whole settle batch leaves more.
      claimed = settled + events.length + deliveries.length + notices.length;
      full = (this.bulkhead.available <= 0 && claimed > 0) || !settledAll;
    } catch (err) {
      this.log.error("claiming queued work failed", { error: err });
    } finally {
      this.claimingQueues = false;
    }
    return { full, claimed };
  }

  // ---- the started worker's timers ----

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
    return timer;
  }

  /** Claims slots in `ms` (real time), unless a claim is already set for sooner. */
  private wakeSlots(ms: number): void {
    if (!this.started || this.stopping) return;
    const at = Date.now() + ms;
    if (this.slotTimer && this.slotWakeAt <= at) return;
    if (this.slotTimer) {
      clearTimeout(this.slotTimer);
      this.timers.delete(this.slotTimer);
    }
    this.slotWakeAt = at;
    this.slotTimer = this.later(ms, () => {
      this.slotTimer = null;
      this.slotWakeAt = Number.POSITIVE_INFINITY;
      void this.slotPass();
    });
  }

  /** Claims, then sleeps until shortly before the next slot it did not claim (or until capacity frees). */
  private async slotPass(): Promise<void> {
    if (this.claiming) return this.wakeSlots(WAKE_DEBOUNCE_MS);
    const now = this.now();
    const claims = await this.claimSlots();
    if (this.stopping) return;
    const idle = this.listener?.listening ? (this.options.maxIdleMs ?? DEFAULT_MAX_IDLE_MS) : FALLBACK_POLL_MS;
    // Saturated: runs that finish wake the loop (see track); this is the fallback.
    if (this.saturated) return this.wakeSlots(FALLBACK_POLL_MS);
    // A full chunk: more is due within the lookahead. Claim the next chunk once the slots held cover less than the
    // lookahead minus the lead (at once when behind), without asking when the next slot is: it is the next chunk's.
    if (this.chunkFull && claims.length > 0) {
      const lastSlotMs = claims.reduce((at, c) => Math.max(at, c.slot.getTime()), 0);
      const pace = nextChunk({ lastSlotMs, nowMs: this.now(), lookaheadMs: this.lookaheadMs, leadMs: CLAIM_LEAD_MS });
      this.behind = pace.behind;
      return this.wakeSlots(pace.waitMs);
    }
    this.behind = false;
    try {
      const next = await nextDueAfter(this.options.db, new Date(now + this.lookaheadMs), this.options.location ?? null, new Date(this.now()));
      let inFlightNextMs: number | null = null;
      for (const at of this.unrecorded.values()) if (inFlightNextMs === null || at < inFlightNextMs) inFlightNextMs = at;
      const sleep = slotSleep({ nextDueMs: next?.getTime() ?? null, inFlightNextMs, nowMs: this.now(), leadMs: CLAIM_LEAD_MS, idleMs: idle });
      this.claimOnRecord = sleep.onRecord;
      this.wakeSlots(claims.length === 0 && sleep.waitMs <= 0 && !sleep.onRecord ? WAKE_DEBOUNCE_MS : sleep.waitMs);
    } catch (err) {
      this.log.warn("reading the next due slot failed", { error: err });
      this.wakeSlots(FALLBACK_POLL_MS);
    }
  }

  private wakeQueues(ms: number): void {
    if (!this.started || this.stopping) return;
    const at = Date.now() + ms;
    if (this.queueTimer && this.queueWakeAt <= at) return;
    if (this.queueTimer) {
      clearTimeout(this.queueTimer);
      this.timers.delete(this.queueTimer);
    }
    this.queueWakeAt = at;
    this.queueTimer = this.later(ms, () => {
      this.queueTimer = null;
      this.queueWakeAt = Number.POSITIVE_INFINITY;
      void this.queuePass();
    });
  }

  /** One queue pass at a time: a wake while one runs (a notification, a finished item) runs one more after it. */
  private async queuePass(): Promise<void> {
    if (this.queuePassing) {
      this.queuePassAgain = true;
      return;
    }
    this.queuePassing = true;
    try {
      await this.queuePassOnce();
    } finally {
      this.queuePassing = false;
    }
    if (this.queuePassAgain) {
      this.queuePassAgain = false;
      this.wakeQueues(WAKE_DEBOUNCE_MS);
    }
  }

  /** Claims queued work, then sleeps until the next queued row is due (or a notification, or the safety poll). */
  private async queuePassOnce(): Promise<void> {
    const { full, claimed } = await this.claimQueues();
    if (this.stopping) return;
    const listening = this.listener?.listening ?? false;
    const busy = claimed > 0 || this.queuedInFlight > 0;
    let next: number | null = null;
    if (readsNextQueueDue({ full, listening, busy })) {
      try {
        next = (await nextQueueDue(this.options.db, new Date(this.now())))?.getTime() ?? null;
      } catch (err) {
        this.log.warn("reading the next due queued work failed", { error: err });
        return this.wakeQueues(FALLBACK_POLL_MS);
      }
    }
    this.wakeQueues(
      queueSleepMs({ full, listening, busy, next, now: this.now(), safetyMs: this.options.queuePollMs ?? DEFAULT_QUEUE_POLL_MS, pollMs: FALLBACK_POLL_MS }),
    );
  }

  /** A notification: new or changed integrations, or queued work (null: anything, e.g. after reconnecting). */
  private heard(kind: WorkKind | null): void {
    if (kind !== "queues") this.wakeSlots(WAKE_DEBOUNCE_MS);
    if (kind !== "integrations") this.wakeQueues(WAKE_DEBOUNCE_MS);
  }

  private loopJob(job: Job): void {
    if (!this.started || this.stopping) return;
    const wait = job.last + job.everyMs - this.now();
    this.later(wait, () => void this.runJob(job).finally(() => this.loopJob(job)));
  }

  private async runJob(job: Job): Promise<void> {
    if (job.running || this.stopping) return;
    job.running = true;
    job.last = this.now();
    try {
      await job.run(job.last);
    } finally {
      job.running = false;
    }
  }

  private async runDueJobs(): Promise<void> {
    if (this.stopping) return;
    const now = this.now();
    await Promise.all(this.jobs.filter((j) => !j.running && now - j.last >= j.everyMs).map((j) => this.runJob(j)));
  }

  /** How many more slots a claim may take: the hold's room, none while due slots wait for a place (claimRoom). */
  private room(): number {
    return claimRoom({ holdCapacity: this.options.concurrency, held: this.held, waitingForPlace: this.bulkhead.waiting });
  }

  /** A held slot started (or was dropped), or a place freed: a saturated worker claims again once there is room. */
  private roomFreed(): void {
    // Once a tenth of the capacity is free, not for every slot (one claim per run).
    if (this.saturated && this.room() >= Math.max(1, Math.ceil(this.options.concurrency / 10))) {
      this.saturated = false;
      this.wakeSlots(WAKE_DEBOUNCE_MS);
    }
  }

  /** The periodic jobs, each at its own cadence (a cadence of 0 turns a job off). Failures are logged, never fatal. */
  private periodicJobs(): Job[] {
    const o = this.options;
    const job = (name: string, everyMs: number, run: (now: number) => Promise<unknown>): Job => ({
      name,
      everyMs,
      last: Number.NEGATIVE_INFINITY,
      running: false,
      run,
    });
    const jobs = [
      job("heartbeat", HEARTBEAT_EVERY_MS, (now) =>
        beat(
          o.db,
          {
            id: this.id,
            hostname: hostname(),
            pid: process.pid,
            startedAt: this.startedAt,
            concurrency: o.concurrency,
            location: o.location ?? null,
            inFlight: [...this.running].map(([integrationId, since]) => ({ integrationId, since })),
            probesRun: this.probesRun,
          },
          new Date(now),
        ).catch((err: unknown) => this.log.warn("heartbeat failed", { error: err })),
      ),
      job("alert evaluation", o.alertEvaluationEveryMs ?? ALERT_EVALUATION_EVERY_MS, (now) =>
        runAlertEvaluation(o.db, { workerId: this.id, now: new Date(now) }).catch((err: unknown) => this.log.error("alert evaluation failed", { error: err })),
      ),
      job("provider status", o.providerStatusEveryMs ?? PROVIDER_STATUS_EVERY_MS, (now) =>
        runProviderStatusPoll(o.db, { now: new Date(now), outbound: o.outbound }).catch((err: unknown) =>
          this.log.warn("provider status poll failed", { error: err }),
        ),
      ),
      // One render at a time: at 10,000 integrations a render takes seconds, longer on a loaded machine.
      job("metrics render", o.metricsRenderEveryMs ?? METRICS_RENDER_EVERY_MS, (now) =>
        renderIfDue(o.db, { now: new Date(now), workerId: this.id, everyMs: o.metricsRenderEveryMs ?? METRICS_RENDER_EVERY_MS }).catch((err: unknown) =>
          this.log.warn("metrics render failed", { error: err }),
        ),
      ),
      job("status snapshots", o.statusSnapshotEveryMs ?? STATUS_SNAPSHOT_EVERY_MS, (now) =>
        refreshStatusSnapshots(o.db, { now, publicBase: o.publicUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000" }).catch((err: unknown) =>
          this.log.warn("status page snapshots failed", { error: err }),
        ),
      ),
      job("day summaries", this.daySummaries.everyMs, (now) => this.daySummaries.maybeRun(now)),
      job("run partitions", this.partitions.everyMs, (now) => this.partitions.maybeRun(now)),
      job("pruning", o.pruneEveryMs ?? 10 * 60_000, async (now) => {
        const report = await pruneOnce(o.db, now, o.retention ?? DEFAULT_RETENTION).catch((err: unknown) => {
          this.log.warn("pruning failed", { error: err });
          return null;
        });
        if (report && !report.skipped && report.runPartitions + report.minuteRollups + report.hourRollups > 0) this.log.info("pruned old data", { ...report });
      }),
    ];
    return jobs.filter((j) => j.everyMs > 0);
  }

  /** Resolves when every probe started so far has been recorded. */
  async drain(): Promise<void> {
    // Nothing waits for the gather meanwhile: each run is written as soon as it finishes.
    const done = this.recorder.hurry();
    try {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    } finally {
      done();
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const { timer, waits } of this.startBuckets.values()) {
      clearTimeout(timer);
      for (const wait of waits) wait(false);
    }
    this.startBuckets.clear();
    this.bulkhead.cancelAll();
    await this.jobsTask?.stop();
    await this.jobsTask?.destroy();
    this.jobsTask = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.slotTimer = this.queueTimer = null;
    await this.listener?.close();
    this.listener = null;
    this.snapshotFeed?.close();
    this.snapshotFeed = null;
    await this.drain();
    const released = await releaseLeases(this.options.db, this.id).catch(() => 0);
    await this.options.metricsPush?.shutdown();
    await markStopped(this.options.db, this.id, new Date(this.now())).catch(() => undefined);
    this.log.info("stopped", { worker: this.id, released });
  }

  private noteClaimed(n: number): void {
    this.claimedSince += n;
    const elapsed = Date.now() - this.claimRateFrom;
    if (elapsed < 1_000) return;
    this.claimRatePerS = claimRate(this.claimedSince, elapsed);
    this.claimedSince = 0;
    this.claimRateFrom = Date.now();
  }

  /**
   * Resolves true at the end of the start bucket of a slot due in `ms` (never sooner), or false as soon as the worker
   * stops. Slots of one bucket share its timer and start in the same turn of the event loop.
   */
  private waitForStart(ms: number): Promise<boolean> {
    const policy = this.options.startBuckets ?? DEFAULT_START_BUCKETS;
    const at = startDeadline(Date.now() + ms, policy.maxMs > 0 ? startBucketMs(this.claimRatePerS, policy) : 0);
    let bucket = this.startBuckets.get(at);
    if (!bucket) {
      const waits: ((started: boolean) => void)[] = [];
      const timer = setTimeout(() => {
        this.startBuckets.delete(at);
        for (const wait of waits) wait(true);
      }, at - Date.now());
      bucket = { timer, waits };
      this.startBuckets.set(at, bucket);
    }
    const { waits } = bucket;
    return new Promise((resolve) => waits.push(resolve));
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

  /**
   * Queued work, claimed up to the places free (it takes one now, or runs beside them if starts took them meanwhile):
   * once done, its row may be due again later (a retry's backoff), so the queue loop reads when.
   */
  private trackQueued(p: Promise<void>): void {
    this.queuedInFlight++;
    const placed = this.bulkhead.tryTake();
    this.track(
      p.finally(() => {
        if (placed) this.bulkhead.release();
        this.roomFreed();
        this.queuedInFlight--;
        this.wakeQueues(FALLBACK_POLL_MS);
      }),
    );
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

  private async runClaim(claim: Claim, claimedAt: number): Promise<void> {
    if (claim.target) this.unrecorded.set(claim, claim.slot.getTime() + claim.target.intervalSeconds * 1000);
    try {
      await this.holdAndRun(claim, claimedAt);
    } finally {
      this.unrecorded.delete(claim);
    }
  }

  /** A run was recorded (its row moved to its next slot): claim again if the slot loop waits for that. */
  private recorded(claim: Claim): void {
    this.unrecorded.delete(claim);
    if (!this.claimOnRecord) return;
    this.claimOnRecord = false;
    this.wakeSlots(WAKE_DEBOUNCE_MS);
  }

  private async holdAndRun(claim: Claim, claimedAt: number): Promise<void> {
    this.held++;
    let placed = false;
    try {
      // Claimed ahead of time: at the due time (or just after, with the slots of its start bucket) it takes a place in
      // the bulkhead, waiting for one if all are taken. A stopping worker drops it; its lease is given back.
      const wait = claim.slot.getTime() - this.now();
      if (wait > 0 && !(await this.waitForStart(wait))) return;
      placed = this.bulkhead.tryTake();
      if (!placed) {
        if (!(await this.bulkhead.take())) return;
        placed = true;
        const inLease = startsInLease({
          slotMs: claim.slot.getTime(),
          claimedAtMs: claimedAt,
          nowMs: this.now(),
          leaseMarginMs: this.options.leaseMarginMs ?? DEFAULT_LEASE_MARGIN_MS,
          maxGatherMs: this.maxGatherMs,
        });
        if (!inLease) {
          placed = false;
          this.bulkhead.release();
          this.log.warn("slot given up: it waited for a place past its lease", { integration: claim.integrationId });
          return;
        }
      }
    } finally {
      this.held--;
      if (!placed) this.roomFreed();
    }
    let release = () => {
      release = () => undefined;
      this.bulkhead.release();
      this.roomFreed();
    };
    try {
      await this.runPlaced(claim, () => release());
    } finally {
      release();
    }
  }

  /** Runs a claimed slot that holds a place; `done` gives the place back once the probe is done (before the write). */
  private async runPlaced(claim: Claim, done: () => void): Promise<void> {
    const { db } = this.options;
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
          done();
          const recorded = await this.recorder.record(input);
          this.recorded(claim);
          return recorded;
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
      // Sentry is loaded on the first such error, not at start: importing it costs seconds of a cold start.
      void import("../observability/sentry").then((m) => m.captureProbeError(err, { integrationId: claim.integrationId }));
      // The slot is not advanced. When the database failed under the run (it went away or stopped answering), the
      // slot is given back at the next claim that reaches it, so probes resume within seconds of it returning;
      // any other failure leaves the lease to run out, which paces a run that fails the same way each time.
      if (isDatabaseUnavailable(err)) {
        this.log.error("probe run not recorded: the database is unavailable; its slot runs again once it answers", {
          integration: claim.integrationId,
          error: err,
        });
        this.failedClaims.push(claim);
        this.wakeSlots(FALLBACK_POLL_MS);
        return;
      }
      this.log.error("probe run failed; the slot will run again when its lease expires", { integration: claim.integrationId, error: err });
      return;
    } finally {
      this.running.delete(claim.integrationId);
    }
    this.probesRun++;
  }
}
