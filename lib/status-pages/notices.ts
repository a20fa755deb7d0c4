// What a status page tells its subscribers: an incident update or a maintenance announcement. Publishing one
// records it (the feeds list these) and queues one delivery per confirmed subscriber whose components it touches;
// it sends nothing itself. Pass a transaction's client to publish with the change that caused it.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { subscriberWantsNotice } from "./subscriptions/matching";

interface NoticeBase {
  pageId: string;
  /** Stable per update: publishing it again (an edit) updates the record and sends nothing. */
  updateId: string;
  title: string;
  status: string;
  body: string;
  /** The page's component ids it concerns; empty means the whole page. */
  componentIds: string[];
  /** Where a reader sees it on the status page. */
  url: string;
  occurredAt: Date;
}

export type StatusNotice =
  (NoticeBase & { kind: "incident"; incidentId: string }) | (NoticeBase & { kind: "maintenance"; maintenanceId: string; startsAt: Date; endsAt: Date });

export type NoticeWriter = Pick<Db | Prisma.TransactionClient, "statusPageNotice" | "statusSubscriber" | "statusSubscriberDelivery">;

export interface PublishedNotice {
  noticeId: string;
  /** Deliveries queued; 0 when the notice was already published. */
  queued: number;
}

export async function publishStatusNotice(db: NoticeWriter, notice: StatusNotice, now = new Date()): Promise<PublishedNotice> {
  const subjectId = notice.kind === "incident" ? notice.incidentId : notice.maintenanceId;
  const existing = await db.statusPageNotice.findUnique({
    where: { pageId_updateId: { pageId: notice.pageId, updateId: notice.updateId } },
    select: { id: true },
  });
  // An edited update corrects the record (the feeds show the correction) but is not sent again.
  if (existing) {
    await db.statusPageNotice.update({
      where: { id: existing.id },
      data: {
        title: notice.title.slice(0, 300),
        status: notice.status,
        body: notice.body.slice(0, 10_000),
        componentIds: notice.componentIds,
        url: notice.url,
      },
    });
    return { noticeId: existing.id, queued: 0 };
  }
  const row = await db.statusPageNotice.create({
    data: {
      pageId: notice.pageId,
      kind: notice.kind,
      subjectId,
      updateId: notice.updateId,
      title: notice.title.slice(0, 300),
      status: notice.status,
      body: notice.body.slice(0, 10_000),
      componentIds: notice.componentIds,
      url: notice.url,
      occurredAt: notice.occurredAt,
    },
  });
  const subscribers = await db.statusSubscriber.findMany({
    where: { pageId: notice.pageId, confirmedAt: { not: null }, unsubscribedAt: null },
    select: { id: true, componentIds: true },
  });
  const to = subscribers.filter((s) => subscriberWantsNotice(s.componentIds, notice.componentIds));
  if (to.length === 0) return { noticeId: row.id, queued: 0 };
  const { count } = await db.statusSubscriberDelivery.createMany({
    data: to.map((s) => ({ subscriberId: s.id, noticeId: row.id, kind: "notice", status: "queued" as const, nextAttemptAt: now })),
  });
  return { noticeId: row.id, queued: count };
}
