// The webhook event explorer's queries and actions: filtered, cursor-paginated lists (text search in the raw
// payload included), one event in full with its delivery attempts, replays, and export.
import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma, type WebhookEventStatus } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import type { Actor } from "../integrations/service";
import { processWebhookEvent, type ForwardResult } from "./processor";

/** An event id path parameter; anything else cannot exist, so it is a 404. */
export function parseEventId(value: string): bigint {
  if (!/^\d{1,18}$/.test(value)) throw new ApiError(404, "not_found", "No webhook event with that id");
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
  body: string;
  bodyIsJson: boolean;
  contentType: string | null;
  verificationDetail: string;
  forwardUrl: string | null;
  deliveries: { id: string; attempt: number; startedAt: string; durationMs: number; url: string; responseStatus: number | null; responseExcerpt: string | null; error: string | null; trigger: string }[];
}

function where(f: Omit<EventFilter, "limit" | "cursor">): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.sourceId) parts.push(Prisma.sql`e."sourceId" = ${f.sourceId}::uuid`);
  if (f.integrationId) parts.push(Prisma.sql`s."integrationId" = ${f.integrationId}::uuid`);
  if (f.eventType) parts.push(Prisma.sql`e."eventType" = ${f.eventType}`);
  if (f.status) parts.push(Prisma.sql`e.status = ${f.status}::"WebhookEventStatus"`);
  if (f.since) parts.push(Prisma.sql`e."receivedAt" >= ${f.since}::timestamp`);
  if (f.until) parts.push(Prisma.sql`e."receivedAt" < ${f.until}::timestamp`);
  // Payloads are stored as bytes, exactly as received; search reads them as UTF-8 text.
  if (f.q) parts.push(Prisma.sql`convert_from(e.body, 'UTF8') ILIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return Prisma.join(parts, " AND ");
}

type Row = { id: bigint; receivedAt: Date; sourceId: string; sourceName: string; slug: string; eventType: string | null; externalId: string | null; status: WebhookEventStatus; verified: boolean; attempts: number; lastError: string | null; nextAttemptAt: Date | null; size: number };

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
  const rows = await db.$queryRaw<Row[]>`
    SELECT e.id, e."receivedAt", e."sourceId", s.name AS "sourceName", s.slug, e."eventType", e."externalId", e.status, e.verified,
           e.attempts, e."lastError", e."nextAttemptAt", octet_length(e.body) AS size
    FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
    WHERE ${where(filter)} ${cursor}
    ORDER BY e.id DESC LIMIT ${filter.limit + 1}`;
  const page = rows.slice(0, filter.limit);
  return { events: page.map(toSummary), nextCursor: rows.length > filter.limit ? page[page.length - 1]!.id.toString() : null };
}

export async function getEvent(db: Db, id: bigint): Promise<EventDetail> {
  const e = await db.webhookEvent.findUnique({ where: { id }, include: { source: true, deliveries: { orderBy: { attempt: "asc" } } } });
  if (!e) throw new ApiError(404, "not_found", "No webhook event with that id");
  const text = Buffer.from(e.body).toString("utf8");
  let body = text;
  let bodyIsJson = false;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
    bodyIsJson = true;
  } catch {
    // Not JSON: shown as received.
  }
  return {
    ...toSummary({ ...e, sourceName: e.source.name, slug: e.source.slug, size: e.body.length }),
    headers: e.headers as Record<string, string>,
    body,
    bodyIsJson,
    contentType: e.contentType,
    verificationDetail: e.verificationDetail,
    forwardUrl: e.source.forwardUrl,
    deliveries: e.deliveries.map((d) => ({ ...d, id: d.id.toString(), eventId: undefined, startedAt: d.startedAt.toISOString() })),
  };
}

/** Replays one event now, in the request, so the person sees the new attempt at once. */
export async function replayEvent(db: Db, id: bigint, actor: Actor): Promise<ForwardResult> {
  const event = await db.webhookEvent.findUnique({ where: { id }, select: { status: true, source: { select: { name: true } } } });
  if (!event) throw new ApiError(404, "not_found", "No webhook event with that id");
  if (event.status === "rejected_signature") throw new ApiError(409, "conflict", "This delivery failed verification; replaying it would relay an unauthenticated payload");
  // Take the lease so a worker does not process it at the same moment.
  const now = new Date();
  const { count } = await db.webhookEvent.updateMany({
    where: { id, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseOwner: "replay", leaseExpiresAt: new Date(now.getTime() + 60_000) },
  });
  if (count === 0) throw new ApiError(409, "conflict", "A worker is delivering this event right now; try again in a moment");
  const result = await processWebhookEvent(db, id, { workerId: "replay", trigger: "replay" });
  await audit(db, actor.principal ?? { label: "system" }, { action: "webhook.replay", summary: `Replayed webhook event ${id} from ${event.source.name}: ${result?.status}`, targetType: "webhook_event", targetId: id.toString(), ip: actor.ip });
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
  await audit(db, actor.principal ?? { label: "system" }, { action: "webhook.replay", summary: `Queued ${rows.length} webhook event(s) for replay`, details: { filter }, ip: actor.ip });
  return { ids: rows.map((r) => r.id.toString()) };
}

/** How far a bulk replay has got: counts by status of the given events. */
export async function replayProgress(db: Db, ids: bigint[]): Promise<Record<string, number>> {
  const rows = await db.webhookEvent.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

export async function exportEvents(db: Db, filter: EventFilter): Promise<(EventSummary & { headers: unknown; body: string })[]> {
  const rows = await db.$queryRaw<(Row & { headers: unknown; bodyText: string })[]>`
    SELECT e.id, e."receivedAt", e."sourceId", s.name AS "sourceName", s.slug, e."eventType", e."externalId", e.status, e.verified,
           e.attempts, e."lastError", e."nextAttemptAt", octet_length(e.body) AS size, e.headers, convert_from(e.body, 'UTF8') AS "bodyText"
    FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
    WHERE ${where(filter)} ORDER BY e.id DESC LIMIT 5000`;
  return rows.map((r) => ({ ...toSummary(r), headers: r.headers, body: r.bodyText }));
}
