// Subscribing, confirming and unsubscribing, and the editors' list. Email subscriptions are double opt-in: a
// new (or lapsed) address gets a confirmation email with a link valid 24 hours, and nothing else until it is
// confirmed; a confirmed address asking again changes nothing and learns nothing. Webhook subscribers (JSON
// clients) are active at once and get their signing secret in the answer, the only time it is shown.
import type { Db } from "../../db/client";
import type { StatusPage, StatusSubscriber } from "../../db/generated/client";
import { ApiError } from "../../api/errors";
import { audit } from "../../audit/audit-log";
import { actorOf, type Actor } from "../../auth/actor";
import { storedGroups } from "../page-input";
import type { SubscribeInput } from "./subscribe-input";
import { rotateAll, type Keyring } from "../../secrets/crypto";
import { keyring } from "../../secrets/store";
import {
  CONFIRM_TTL_MS,
  confirmState,
  hashToken,
  newToken,
  newWebhookSecret,
  sealTokens,
  sealWebhookSecret,
  tokensAad,
  webhookSecretAad,
  type ConfirmState,
} from "./tokens";

export type SubscribeResult = { kind: "confirmation_sent" } | { kind: "webhook"; id: string; secret: string };

const pageComponentIds = (page: Pick<StatusPage, "groups">) => new Set(storedGroups(page.groups).flatMap((g) => g.components.map((c) => c.id)));

export async function subscribe(db: Db, page: StatusPage, input: SubscribeInput, now = new Date()): Promise<SubscribeResult> {
  const known = pageComponentIds(page);
  const componentIds = [...new Set(input.components)];
  if (componentIds.some((id) => !known.has(id))) throw ApiError.invalidFields({ components: ["Choose components of this page"] });
  if (input.channel === "email" && !page.emailChannelId) throw ApiError.conflict("This status page does not send email updates");
  const existing = await db.statusSubscriber.findUnique({
    where: { pageId_channel_address: { pageId: page.id, channel: input.channel, address: input.address } },
  });
  const active = existing?.confirmedAt && !existing.unsubscribedAt;

  if (input.channel === "webhook") {
    if (active) throw ApiError.conflict("This URL is already subscribed; unsubscribe it first");
    const secret = newWebhookSecret();
    const row = await db.$transaction(async (tx) => {
      const sub = existing ?? (await tx.statusSubscriber.create({ data: blankRow(page.id, input, componentIds) }));
      const tokens = { confirm: newToken(), unsubscribe: newToken() };
      return tx.statusSubscriber.update({
        where: { id: sub.id },
        data: {
          componentIds,
          tokenCiphertext: sealTokens(sub.id, tokens),
          confirmTokenHash: null,
          confirmExpiresAt: null,
          unsubscribeTokenHash: hashToken(tokens.unsubscribe),
          secretCiphertext: sealWebhookSecret(sub.id, secret),
          confirmedAt: now,
          unsubscribedAt: null,
        },
      });
    });
    return { kind: "webhook", id: row.id, secret };
  }

  if (active) return { kind: "confirmation_sent" };
  await db.$transaction(async (tx) => {
    const sub = existing ?? (await tx.statusSubscriber.create({ data: blankRow(page.id, input, componentIds) }));
    const tokens = { confirm: newToken(), unsubscribe: newToken() };
    await tx.statusSubscriber.update({
      where: { id: sub.id },
      data: {
        componentIds,
        tokenCiphertext: sealTokens(sub.id, tokens),
        confirmTokenHash: hashToken(tokens.confirm),
        confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS),
        unsubscribeTokenHash: hashToken(tokens.unsubscribe),
        confirmedAt: null,
        unsubscribedAt: null,
      },
    });
    // A new confirmation replaces one still waiting to be sent.
    await tx.statusSubscriberDelivery.deleteMany({ where: { subscriberId: sub.id, kind: "confirm", status: { in: ["queued", "failed"] } } });
    await tx.statusSubscriberDelivery.create({ data: { subscriberId: sub.id, kind: "confirm", status: "queued", nextAttemptAt: now } });
  });
  return { kind: "confirmation_sent" };
}

/** A placeholder row; its tokens are set in the same transaction, once its id is known (the seal is bound to it). */
function blankRow(pageId: string, input: SubscribeInput, componentIds: string[]) {
  return { pageId, channel: input.channel, address: input.address, componentIds, tokenCiphertext: "", unsubscribeTokenHash: `pending:${newToken()}` };
}

export type LinkResult = { kind: Exclude<ConfirmState, "confirmable"> | "invalid" | "done"; slug: string | null };

/** Confirms the subscription a confirm link names, if the link is still good. */
export async function confirmSubscription(db: Db, token: string, now = new Date()): Promise<LinkResult> {
  if (!token) return { kind: "invalid", slug: null };
  const sub = await db.statusSubscriber.findUnique({ where: { confirmTokenHash: hashToken(token) }, include: { page: { select: { slug: true } } } });
  if (!sub) return { kind: "invalid", slug: null };
  const state = confirmState(sub, now.getTime());
  if (state !== "confirmable") return { kind: state, slug: sub.page.slug };
  await db.statusSubscriber.update({ where: { id: sub.id }, data: { confirmedAt: now, confirmTokenHash: null, confirmExpiresAt: null } });
  return { kind: "done", slug: sub.page.slug };
}

/** Ends the subscription an unsubscribe link names; whatever is still queued for it is dropped. */
export async function unsubscribe(db: Db, token: string, now = new Date()): Promise<LinkResult> {
  if (!token) return { kind: "invalid", slug: null };
  const sub = await db.statusSubscriber.findUnique({ where: { unsubscribeTokenHash: hashToken(token) }, include: { page: { select: { slug: true } } } });
  if (!sub) return { kind: "invalid", slug: null };
  if (sub.unsubscribedAt) return { kind: "unsubscribed", slug: sub.page.slug };
  await endSubscription(db, sub.id, now);
  return { kind: "done", slug: sub.page.slug };
}

async function endSubscription(db: Db, id: string, now: Date) {
  await db.statusSubscriber.update({ where: { id }, data: { unsubscribedAt: now, confirmTokenHash: null, confirmExpiresAt: null, secretCiphertext: null } });
  await db.statusSubscriberDelivery.deleteMany({ where: { subscriberId: id, status: { in: ["queued", "failed"] } } });
}

export interface SubscriberView {
  id: string;
  channel: "email" | "webhook";
  address: string;
  componentIds: string[];
  state: "pending" | "active" | "unsubscribed";
  confirmedAt: string | null;
  createdAt: string;
}

function toView(s: StatusSubscriber): SubscriberView {
  return {
    id: s.id,
    channel: s.channel,
    address: s.address,
    componentIds: s.componentIds,
    state: s.unsubscribedAt ? "unsubscribed" : s.confirmedAt ? "active" : "pending",
    confirmedAt: s.confirmedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

export interface SubscribersResponse {
  counts: { active: number; pending: number; unsubscribed: number };
  subscribers: SubscriberView[];
}

export async function listSubscribers(db: Db, pageId: string): Promise<SubscribersResponse> {
  const page = await db.statusPage.findUnique({ where: { id: pageId }, select: { id: true } });
  if (!page) throw ApiError.notFound("status page");
  const rows = await db.statusSubscriber.findMany({ where: { pageId }, orderBy: { createdAt: "desc" }, take: 500 });
  const subscribers = rows.map(toView);
  const count = (state: SubscriberView["state"]) => subscribers.filter((s) => s.state === state).length;
  return { counts: { active: count("active"), pending: count("pending"), unsubscribed: count("unsubscribed") }, subscribers };
}

/** An editor removes a subscriber: the row and its queue go, audited. */
export async function removeSubscriber(db: Db, pageId: string, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.statusSubscriber.findFirst({ where: { id, pageId }, include: { page: { select: { slug: true } } } });
    if (!row) throw ApiError.notFound("subscriber");
    await tx.statusSubscriber.delete({ where: { id } });
    await audit(tx, actorOf(actor), {
      action: "status_page.subscriber.remove",
      summary: `Removed ${row.channel} subscriber ${row.address} from /status/${row.page.slug}`,
      targetType: "status_page",
      targetId: pageId,
      ip: actor.ip,
    });
  });
}

/**
 * Key rotation (`npm run secrets:rotate`): re-encrypts every subscriber's sealed link tokens and webhook signing
 * secret under the current key, each update guarded by the old ciphertext so a concurrent write wins. Returns how
 * many values changed. Without this, the worker could no longer open them once the previous key is removed.
 */
export async function reencryptSubscriberSecrets(db: Db, keys: Keyring = keyring(), batchSize = 500): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.statusSubscriber.findMany({
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      orderBy: { id: "asc" },
      select: { id: true, tokenCiphertext: true, secretCiphertext: true },
    });
    if (rows.length === 0) return changed;
    cursor = rows.at(-1)!.id;
    const columns = [
      { column: "tokenCiphertext", aad: tokensAad },
      { column: "secretCiphertext", aad: webhookSecretAad },
    ] as const;
    for (const { column, aad } of columns) {
      const records = rows.flatMap((r) => (r[column] ? [{ id: r.id, ciphertext: r[column], aad: aad(r.id), old: r[column] }] : []));
      for (const r of rotateAll(records, keys)) {
        const { count } = await db.statusSubscriber.updateMany({ where: { id: r.id, [column]: r.old }, data: { [column]: r.ciphertext } });
        changed += count;
      }
    }
  }
}
