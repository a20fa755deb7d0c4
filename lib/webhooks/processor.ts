// The webhook queue, in PostgreSQL: workers claim accepted events with a lease (FOR UPDATE SKIP LOCKED), forward
// them when the source has a relay target, record every attempt, and retry or dead-letter. Events of a
// source without a target are simply marked processed, thousands at a time in one statement.
import { request } from "undici";
import type { Db } from "../db/client";
import { createSafeDispatcher, outboundPolicyFromEnv } from "../security/outbound";
import { classifyNetworkError } from "../probes/classify-error";
import { nextAttemptAt, retryAfterMs } from "./retry-schedule";

const FORWARD_TIMEOUT_MS = 15_000;
const LEASE_MS = FORWARD_TIMEOUT_MS + 15_000;
/** Headers not relayed: hop-by-hop, and ones the relay sets itself. */
const NOT_RELAYED = new Set([
  "content-length",
  "host",
  "connection",
  "transfer-encoding",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
]);

/** Events of sources without a relay target settled per tick in one statement (they need no delivery slot). */
export const SETTLE_BATCH = 5_000;

/**
 * Marks due events of sources without a relay target processed, in bulk: there is nothing to deliver, so they
 * take no worker capacity and need no lease. Returns how many.
 */
export async function settleUnrelayedEvents(db: Db, opts: { now: Date; limit?: number }): Promise<number> {
  return db.$executeRaw`
    UPDATE "WebhookEvent" e SET status = 'processed', "nextAttemptAt" = NULL, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    WHERE e.id IN (
      SELECT d.id FROM "WebhookEvent" d JOIN "WebhookSource" s ON s.id = d."sourceId"
      WHERE d.status IN ('received', 'failed') AND d."nextAttemptAt" <= ${opts.now}::timestamp AND s."forwardUrl" IS NULL
        AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < ${opts.now}::timestamp)
      ORDER BY d."nextAttemptAt" LIMIT ${opts.limit ?? SETTLE_BATCH}
      FOR UPDATE OF d SKIP LOCKED
    )`;
}

/**
 * Claims due events that have a delivery to make, up to `limit`, after settling (in bulk, without using any of
 * `limit`) those that have none.
 */
export async function claimWebhookEvents(db: Db, opts: { workerId: string; now: Date; limit: number }): Promise<bigint[]> {
  return (await claimWebhookWork(db, opts)).ids;
}

/**
 * claimWebhookEvents, also saying how many events it settled: the worker's queue loop counts those as work done
 * (more may follow), and a whole settle batch as more waiting.
 */
export async function claimWebhookWork(
  db: Db,
  opts: { workerId: string; now: Date; limit: number },
): Promise<{ ids: bigint[]; settled: number; settledAll: boolean }> {
  const settled = await settleUnrelayedEvents(db, { now: opts.now });
  const settledAll = settled < SETTLE_BATCH;
  if (opts.limit <= 0) return { ids: [], settled, settledAll };
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookEvent" d JOIN "WebhookSource" s ON s.id = d."sourceId"
      WHERE d.status IN ('received', 'failed') AND d."nextAttemptAt" <= ${opts.now}::timestamp AND s."forwardUrl" IS NOT NULL
        AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < ${opts.now}::timestamp)
      ORDER BY d."nextAttemptAt" LIMIT ${opts.limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookEvent" e SET "leaseOwner" = ${opts.workerId}, "leaseExpiresAt" = ${new Date(opts.now.getTime() + LEASE_MS)}::timestamp
    FROM due WHERE e.id = due.id RETURNING e.id`;
  return { ids: rows.map((r) => r.id), settled, settledAll };
}

export interface ForwardOutcome {
  started: number;
  finished: number;
  responseStatus: number | null;
  excerpt: string | null;
  /** null when the target answered 2xx. */
  error: string | null;
  retryAfter: number | null;
}

/** One POST of a body to a relay target through the outbound guard. Never throws: failures are classified. */
export async function forward(
  target: string,
  headers: Record<string, string>,
  body: Buffer,
  eventId: bigint,
  now: () => number = Date.now,
): Promise<ForwardOutcome> {
  const started = now();
  let responseStatus: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  let retryAfter: number | null = null;
  try {
    const res = await request(target, {
      method: "POST",
      headers: {
        ...Object.fromEntries(Object.entries(headers).filter(([k]) => !NOT_RELAYED.has(k.toLowerCase()))),
        "x-tether-event-id": eventId.toString(),
        "user-agent": "Tether-Relay/1",
      },
      body,
      dispatcher: createSafeDispatcher(outboundPolicyFromEnv()),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    responseStatus = res.statusCode;
    excerpt = (await res.body.text()).slice(0, 1_000);
    retryAfter = retryAfterMs(res.headers["retry-after"] as string | undefined, now());
    if (responseStatus < 200 || responseStatus >= 300) error = `HTTP ${responseStatus}`;
  } catch (err) {
    error = classifyNetworkError(err).message;
  }
  return { started, finished: now(), responseStatus, excerpt, error, retryAfter };
}

export interface ForwardResult {
  status: "processed" | "failed" | "dead_lettered";
  responseStatus: number | null;
  error: string | null;
}

/** Processes one claimed event: forward (if configured), record the attempt, and settle its status. */
export async function processWebhookEvent(
  db: Db,
  id: bigint,
  opts: { workerId: string; now?: () => number; trigger?: "retry" | "replay" },
): Promise<ForwardResult | null> {
  const now = opts.now ?? Date.now;
  const event = await db.webhookEvent.findUnique({ where: { id }, include: { source: true } });
  if (!event) return null;
  const target = event.source.forwardUrl;
  if (!target) {
    await db.webhookEvent.update({ where: { id }, data: { status: "processed", nextAttemptAt: null, leaseOwner: null, leaseExpiresAt: null } });
    return { status: "processed", responseStatus: null, error: null };
  }

  const { started, finished, responseStatus, excerpt, error, retryAfter } = await forward(
    target,
    event.headers as Record<string, string>,
    Buffer.from(event.body),
    event.id,
    now,
  );
  const attempt = event.attempts + 1;
  const ok = error === null;
  const next = ok ? null : nextAttemptAt(attempt, finished, retryAfter, event.source.maxAttempts);
  const status = ok ? "processed" : next === null ? "dead_lettered" : "failed";
  // The attempt and the event's new state in one statement: atomic without a transaction, so a busy connection
  // pool cannot fail the record after the forward was made (a Prisma transaction gives up waiting for a
  // connection after 2 s, and an unrecorded forward is sent again once the lease expires). A failed event keeps
  // a nextAttemptAt, so the queue picks it up again then.
  await db.$executeRaw`
    WITH attempt AS (
      INSERT INTO "WebhookDelivery" ("eventId", attempt, "startedAt", "durationMs", url, "responseStatus", "responseExcerpt", error, trigger)
      VALUES (${id}, ${attempt}, ${new Date(started).toISOString()}::timestamp, ${Math.round(finished - started)}, ${target}, ${responseStatus}, ${excerpt}, ${error}, ${opts.trigger ?? "retry"})
    )
    UPDATE "WebhookEvent" SET attempts = ${attempt}, status = ${status}::"WebhookEventStatus", "lastError" = ${error},
      "nextAttemptAt" = ${next === null ? null : new Date(next).toISOString()}::timestamp, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    WHERE id = ${id}`;
  return { status, responseStatus, error };
}
