// The webhook event explorer's queries and actions: filtered, cursor-paginated lists (text search in the raw
// payload included), one event in full with its delivery attempts, replays, and export.
import { z } from "zod";
import type { Db } from "../db/client";
import { idCursor, keysetPage } from "../db/keyset";
import { Prisma, type WebhookEventStatus } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { forward, processWebhookEvent, type ForwardResult } from "./processor";

/** An event id path parameter; anything else cannot exist, so it is a 404. */
export function parseEventId(value: string): bigint {
  if (!/^\d{1,18}$/.test(value)) throw ApiError.notFound("webhook event");
  return BigInt(value);
}

export const EVENT_STATUSES = ["received", "rejected_signature", "processed", "failed", "dead_lettered"] as const;

export const eventFilterSchema = z.object({
  sourceId: z.uuid().optional(),
  integrationId: z.uuid().optional(),
  eventType: z.string().trim().max(200).optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type EventFilter = z.infer<typeof eventFilterSchema>;

export interface EventSummary {
  id: string;
  receivedAt: string;
  source: { id: string; name: string; slug: string };
  eventType: string | null;
  externalId: string | null;
  status: WebhookEventStatus;
  verified: boolean;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sizeBytes: number;
}

export interface EventDetail extends EventSummary {
  headers: Record<string, string>;
  /** Exactly as received: UTF-8 text, or base64 when the bytes are not UTF-8 (bodyEncoding). */
  body: string;
  bodyEncoding: "utf8" | "base64";
  bodyIsJson: boolean;
  contentType: string | null;
  verificationDetail: string;
  forwardUrl: string | null;
  deliveries: DeliveryView[];
}

export interface DeliveryView {
  id: string;
  /** 0 for an edited replay: it is not one of the event's own delivery attempts. */
  attempt: number;
  startedAt: string;
  durationMs: number;
  url: string;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  trigger: string;
  /** What an edited replay sent instead of the stored event. */
  edited: { headers: Record<string, string>; body: string; bodyEncoding: "utf8" | "base64" } | null;
}

/** Bytes for display and editing: UTF-8 text when they are, base64 when not (never silently altered). */
function bodyText(bytes: Uint8Array): { body: string; bodyEncoding: "utf8" | "base64" } {
  const text = utf8(bytes);
  return text === null ? { body: Buffer.from(bytes).toString("base64"), bodyEncoding: "base64" } : { body: text, bodyEncoding: "utf8" };
}

function where(f: Omit<EventFilter, "limit" | "cursor">): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.sourceId) parts.push(Prisma.sql`e."sourceId" = ${f.sourceId}::uuid`);
  if (f.integrationId) parts.push(Prisma.sql`s."integrationId" = ${f.integrationId}::uuid`);
  if (f.eventType) parts.push(Prisma.sql`e."eventType" = ${f.eventType}`);
  if (f.status) parts.push(Prisma.sql`e.status = ${f.status}::"WebhookEventStatus"`);
  if (f.since) parts.push(Prisma.sql`e."receivedAt" >= ${f.since}::timestamp`);
  if (f.until) parts.push(Prisma.sql`e."receivedAt" < ${f.until}::timestamp`);
  // Payloads are stored as bytes, exactly as received. webhook_body_text (a SQL function, see the migration
  // webhook_edited_replay) reads them as UTF-8 text, or, for a body that is not valid UTF-8, in its escaped form,
  // so one binary payload in range cannot fail the search.
  if (f.q) parts.push(Prisma.sql`webhook_body_text(e.body) ILIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return Prisma.join(parts, " AND ");
}

type Row = {
  id: bigint;
  receivedAt: Date;
  sourceId: string;
  sourceName: string;
  slug: string;
  eventType: string | null;
  externalId: string | null;
  status: WebhookEventStatus;
  verified: boolean;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  size: number;
};

const toSummary = (r: Row): EventSummary => ({
  id: r.id.toString(),
  receivedAt: r.receivedAt.toISOString(),
  source: { id: r.sourceId, name: r.sourceName, slug: r.slug },
  eventType: r.eventType,
  externalId: r.externalId,
  status: r.status,
  verified: r.verified,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  sizeBytes: r.size,
});

export async function listEvents(db: Db, filter: EventFilter): Promise<{ events: EventSummary[]; nextCursor: string | null }> {
  const cursor = filter.cursor ? Prisma.sql`AND e.id < ${BigInt(filter.cursor)}` : Prisma.empty;
  const { items, nextCursor } = await keysetPage(
    filter.limit,
    (take) => db.$queryRaw<Row[]>`
      SELECT e.id, e."receivedAt", e."sourceId", s.name AS "sourceName", s.slug, e."eventType", e."externalId", e.status, e.verified,
             e.attempts, e."lastError", e."nextAttemptAt", octet_length(e.body) AS size
      FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
      WHERE ${where(filter)} ${cursor}
      ORDER BY e.id DESC LIMIT ${take}`,
    idCursor,
  );
  return { events: items.map(toSummary), nextCursor };
}

export async function getEvent(db: Db, id: bigint): Promise<EventDetail> {
  const e = await db.webhookEvent.findUnique({ where: { id }, include: { source: true, deliveries: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] } } });
  if (!e) throw ApiError.notFound("webhook event");
  const { body, bodyEncoding } = bodyText(e.body);
  let bodyIsJson = false;
  if (bodyEncoding === "utf8") {
    try {
      JSON.parse(body);
      bodyIsJson = true;
    } catch {
      // Not JSON: shown as received.
    }
  }
  return {
    ...toSummary({ ...e, sourceName: e.source.name, slug: e.source.slug, size: e.body.length }),
    headers: e.headers as Record<string, string>,
    body,
    bodyEncoding,
    bodyIsJson,
    contentType: e.contentType,
    verificationDetail: e.verificationDetail,
    forwardUrl: e.source.forwardUrl,
    deliveries: e.deliveries.map((d) => ({
      id: d.id.toString(),
      attempt: d.attempt,
      startedAt: d.startedAt.toISOString(),
      durationMs: d.durationMs,
      url: d.url,
      responseStatus: d.responseStatus,
      responseExcerpt: d.responseExcerpt,
      error: d.error,
      trigger: d.trigger,
      edited: d.requestBody ? { headers: (d.requestHeaders ?? {}) as Record<string, string>, ...bodyText(d.requestBody) } : null,
    })),
  };
}

/** An HTTP header name (RFC 9110 token) and a value without line breaks. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export const editedReplaySchema = z.object({
  headers: z
    .record(
      z.string(),
      z
        .string()
        .max(8_192, "At most 8,192 characters")
        .regex(/^[^\r\n\0]*$/, "A header value cannot contain line breaks"),
    )
    .superRefine((headers, ctx) => {
      const names = Object.keys(headers);
      if (names.length > 100) ctx.addIssue({ code: "custom", message: "At most 100 headers" });
      for (const name of names) if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "Not a valid header name" });
    }),
  body: z.string(),
  bodyEncoding: z.enum(["utf8", "base64"]).default("utf8"),
});

/**
 * Forwards an admin's edited copy of an event to the source's relay target, now. The stored event is never
 * changed: the attempt is recorded with it (trigger "edited_replay", attempt 0, not one of its own attempts)
 * together with the exact headers and body sent, and its status and retry schedule stay as they were.
 */
export async function replayEdited(db: Db, id: bigint, raw: unknown, actor: Actor): Promise<DeliveryView> {
  const input = editedReplaySchema.parse(raw);
  const event = await db.webhookEvent.findUnique({
    where: { id },
    select: { id: true, source: { select: { name: true, forwardUrl: true, maxBodyBytes: true } } },
  });
  if (!event) throw ApiError.notFound("webhook event");
  const target = event.source.forwardUrl;
  if (!target) throw ApiError.conflict("This event's source has no relay target, so there is nowhere to replay it to");
  const body = Buffer.from(input.body, input.bodyEncoding === "base64" ? "base64" : "utf8");
  if (input.bodyEncoding === "base64" && body.toString("base64").replace(/=+$/, "") !== input.body.replace(/\s+/g, "").replace(/=+$/, "")) {
    throw ApiError.invalidFields({ body: ["Not valid base64"] });
  }
  if (body.length > event.source.maxBodyBytes) {
    throw ApiError.invalidFields({ body: [`At most ${event.source.maxBodyBytes.toLocaleString("en")} bytes, this source's limit`] });
  }
  const headers = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const sent = await forward(target, headers, body, event.id);
  const row = await db.webhookDelivery.create({
    data: {
      eventId: id,
      attempt: 0,
      startedAt: new Date(sent.started),
      durationMs: Math.round(sent.finished - sent.started),
      url: target,
      responseStatus: sent.responseStatus,
      responseExcerpt: sent.excerpt,
      error: sent.error,
      trigger: "edited_replay",
      requestHeaders: headers,
      requestBody: body,
    },
  });
  await audit(db, actorOf(actor), {
    action: "webhook.replay",
    summary: `Replayed an edited copy of webhook event ${id} from ${event.source.name}: ${sent.error ?? `HTTP ${sent.responseStatus}`}`,
    targetType: "webhook_event",
    targetId: id.toString(),
    ip: actor.ip,
  });
  return {
    id: row.id.toString(),
    attempt: 0,
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
    url: target,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    trigger: row.trigger,
    edited: { headers, ...bodyText(body) },
  };
}

/** Replays one event now, in the request, so the person sees the new attempt at once. */
export async function replayEvent(db: Db, id: bigint, actor: Actor): Promise<ForwardResult> {
  const event = await db.webhookEvent.findUnique({ where: { id }, select: { status: true, source: { select: { name: true } } } });
  if (!event) throw ApiError.notFound("webhook event");
  if (event.status === "rejected_signature") throw ApiError.conflict("This delivery failed verification; replaying it would relay an unauthenticated payload");
  // Take the lease so a worker does not process it at the same moment.
  const now = new Date();
  const { count } = await db.webhookEvent.updateMany({
    where: { id, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseOwner: "replay", leaseExpiresAt: new Date(now.getTime() + 60_000) },
  });
  if (count === 0) throw ApiError.conflict("A worker is delivering this event right now; try again in a moment");
  const result = await processWebhookEvent(db, id, { workerId: "replay", trigger: "replay" });
  await audit(db, actorOf(actor), {
    action: "webhook.replay",
    summary: `Replayed webhook event ${id} from ${event.source.name}: ${result?.status}`,
    targetType: "webhook_event",
    targetId: id.toString(),
    ip: actor.ip,
  });
  return result!;
}

/** Queues every matching failed or dead-lettered event for the worker fleet; returns their ids for progress. */
export async function bulkReplay(db: Db, filter: EventFilter, actor: Actor, max = 1_000): Promise<{ ids: string[] }> {
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    UPDATE "WebhookEvent" SET status = 'failed', "nextAttemptAt" = now(), "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    WHERE id IN (
      SELECT e.id FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
      WHERE ${where(filter)} AND e.status IN ('failed', 'dead_lettered') ORDER BY e.id DESC LIMIT ${max}
    ) RETURNING id`;
  // Due now, and no trigger hears a failed event made due again: tell the workers (lib/scheduler/work-listener.ts; they sleep until the next due row).
  if (rows.length > 0) await db.$executeRaw`SELECT pg_notify('tether_work', 'queues')`;
  await audit(db, actorOf(actor), {
    action: "webhook.replay",
    summary: `Queued ${rows.length} webhook event(s) for replay`,
    details: { filter },
    ip: actor.ip,
  });
  return { ids: rows.map((r) => r.id.toString()) };
}

/** How far a bulk replay has got: counts by status of the given events. */
export async function replayProgress(db: Db, ids: bigint[]): Promise<Record<string, number>> {
  const rows = await db.webhookEvent.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

export type ExportedEvent = EventSummary & { headers: unknown } & ({ body: string } | { bodyBase64: string });

/** Bodies go out as text when they are UTF-8 and as base64 when not, so the export is exact either way. */
export async function exportEvents(db: Db, filter: EventFilter): Promise<ExportedEvent[]> {
  const rows = await db.$queryRaw<(Row & { headers: unknown; body: Uint8Array })[]>`
    SELECT e.id, e."receivedAt", e."sourceId", s.name AS "sourceName", s.slug, e."eventType", e."externalId", e.status, e.verified,
           e.attempts, e."lastError", e."nextAttemptAt", octet_length(e.body) AS size, e.headers, e.body
    FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
    WHERE ${where(filter)} ORDER BY e.id DESC LIMIT 5000`;
  return rows.map((r) => {
    const body = Buffer.from(r.body);
    const text = utf8(body);
    return { ...toSummary(r), headers: r.headers, ...(text === null ? { bodyBase64: body.toString("base64") } : { body: text }) };
  });
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text, or null when they are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
