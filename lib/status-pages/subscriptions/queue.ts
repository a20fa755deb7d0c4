// Status subscriber deliveries, a PostgreSQL outbox like the alert notifications': rows are queued by subscribe()
// and publishStatusNotice(); workers claim them by lease (FOR UPDATE SKIP LOCKED), send the confirmation or the
// notice by email (through the page's SMTP channel) or signed webhook, and retry on the relay's schedule before
// dead-lettering. Nothing goes to a subscriber who unsubscribed, nor a notice to one who never confirmed.
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { publicUrl } from "../../alerts/incidents/lifecycle";
import { channelConfig } from "../../alerts/channel-config";
import type { EmailConfig } from "../../alerts/channels/email/config";
import { sendSmtpMail } from "../../alerts/channels/email/smtp-send";
import { postJson } from "../../alerts/channels/shared/http-send";
import { refused, type SendOutcome } from "../../alerts/notification";
import { claimOutbox } from "../../db/outbox";
import { signStandardWebhook } from "../../webhooks/verification/standard-webhooks/standard-webhooks-verifier";
import { nextAttemptAt } from "../../webhooks/retry-schedule";
import { confirmationEmail, noticeEmail, noticeWebhookPayload, subscriberLinks } from "./messages";
import { openTokens, openWebhookSecret } from "./tokens";

const SEND_DEADLINE_MS = 45_000;
const LEASE_MS = SEND_DEADLINE_MS + 15_000;

export function claimStatusDeliveries(db: Db, opts: { workerId: string; now: Date; limit: number }): Promise<bigint[]> {
  return claimOutbox(db, "StatusSubscriberDelivery", { ...opts, leaseMs: LEASE_MS });
}

type Loaded = Prisma.StatusSubscriberDeliveryGetPayload<{ include: { subscriber: { include: { page: { include: { emailChannel: true } } } }; notice: true } }>;

async function sendOnce(d: Loaded, now: () => number, base: string): Promise<SendOutcome> {
  const sub = d.subscriber;
  const page = sub.page;
  if (sub.unsubscribedAt) return refused(sub.address, "Unsubscribed before this was sent");
  if (d.kind === "notice" && !sub.confirmedAt) return refused(sub.address, "The subscription was never confirmed");
  const notice = d.notice ? { ...d.notice, kind: d.notice.kind === "incident" ? ("incident" as const) : ("maintenance" as const) } : null;
  const links = subscriberLinks(base, page.slug, openTokens(sub.id, sub.tokenCiphertext));
  const signal = AbortSignal.timeout(SEND_DEADLINE_MS);

  if (sub.channel === "webhook") {
    if (!notice || !sub.secretCiphertext) return refused(sub.address, "Nothing to send to a webhook");
    const secret = openWebhookSecret(sub.id, sub.secretCiphertext);
    const body = JSON.stringify(noticeWebhookPayload(page, notice, links, new Date(now())));
    const headers = signStandardWebhook({ id: `msg_status_${d.id}`, timestamp: Math.floor(now() / 1000), body, secret });
    return postJson(sub.address, body, { ctx: { now, signal }, target: sub.address, headers: { ...headers }, secrets: [secret] });
  }

  const channel = page.emailChannel;
  if (!channel || channel.kind !== "email") return refused(sub.address, "The status page has no SMTP channel for email updates");
  if (!channel.enabled) return { ...refused(channel.name, "The page's SMTP channel is disabled"), permanent: false };
  const { config } = channelConfig(channel);
  const content = d.kind === "confirm" ? confirmationEmail(page.title, links) : noticeEmail(page.title, notice!, links);
  return sendSmtpMail(config as EmailConfig, { to: [sub.address], ...content }, { signal });
}

export interface StatusDeliveryResult {
  status: "delivered" | "failed" | "dead_lettered";
  attempt: number;
  outcome: SendOutcome;
}

/** Sends one claimed delivery, records the attempt on the row and settles its status. */
export async function processStatusDelivery(db: Db, id: bigint, opts: { now?: () => number; baseUrl?: string } = {}): Promise<StatusDeliveryResult | null> {
  const now = opts.now ?? Date.now;
  const d = await db.statusSubscriberDelivery.findUnique({
    where: { id },
    include: { subscriber: { include: { page: { include: { emailChannel: true } } } }, notice: true },
  });
  if (!d) return null;
  let outcome: SendOutcome;
  try {
    outcome = await sendOnce(d, now, opts.baseUrl ?? publicUrl());
  } catch (err) {
    outcome = { ...refused(d.subscriber.address, `Unexpected error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`), permanent: false };
  }
  const attempt = d.attempts + 1;
  const next = outcome.ok || outcome.permanent ? null : nextAttemptAt(attempt, now(), outcome.retryAfterMs);
  const status = outcome.ok ? "delivered" : next !== null ? "failed" : "dead_lettered";
  await db.statusSubscriberDelivery.update({
    where: { id },
    data: {
      attempts: attempt,
      status,
      lastError: outcome.error?.slice(0, 1_000) ?? null,
      nextAttemptAt: next === null ? null : new Date(next),
      deliveredAt: outcome.ok ? new Date(now()) : null,
      leaseOwner: null,
      leaseExpiresAt: null,
    },
  });
  return { status, attempt, outcome };
}
