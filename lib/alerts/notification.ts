// What the alert engine hands to channels, and the one interface every channel implements. The engine decides
// (lib/alerts/evaluator.ts, pure); the worker enqueues a notification per channel (lib/alerts/deliveries/queue.ts),
// and the delivery queue sends it through the channel with retries, recording every attempt.
import type { z } from "zod";
import type { Severity } from "./rule";

export type NotificationEvent = "firing" | "resolved" | "reminder" | "acknowledged" | "test";

export interface AlertNotification {
  event: NotificationEvent;
  /** Null only for a channel's "send test". */
  incidentId: string | null;
  /** Stable for one incident's life (rule x integration): PagerDuty's dedup_key, a thread key for chat. */
  dedupKey: string;
  rule: { id: string; name: string; severity: Severity };
  integration: { id: string; name: string } | null;
  /** One line a person reads first: "Stripe API: error rate 42% over 5 min (threshold 10%)". */
  summary: string;
  value: number | null;
  threshold: number | null;
  startedAt: string;
  resolvedAt: string | null;
  /** Absolute link to the incident in Tether. */
  url: string;
}

/** What one send attempt produced; recorded as a delivery attempt whatever the outcome. */
export interface SendOutcome {
  ok: boolean;
  /** Where it went, with secrets (webhook tokens, passwords) removed: "hooks.slack.com/services/…", "smtp://mail:587". */
  target: string;
  /** The request body sent (or the email's text), secrets scrubbed, for the explorer. */
  requestExcerpt: string;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  /** From Retry-After (or the channel's own throttling signal), to schedule the next attempt. */
  retryAfterMs: number | null;
  /**
   * The receiver refused the request itself (a 4xx other than 408/425/429, an SMTP 5xx, a refused address):
   * sending the same again cannot help, so the delivery is dead-lettered at once instead of retried.
   */
  permanent?: boolean;
}

/** A send refused before anything went out (a disabled channel, an unsubscribed address): permanent, not retried. */
export function refused(target: string, error: string): SendOutcome {
  return { ok: false, target, requestExcerpt: "", responseStatus: null, responseExcerpt: null, error, retryAfterMs: null, permanent: true };
}

export interface SendContext {
  now: () => number;
  signal: AbortSignal;
  /** Stable across the retries of one delivery (the signed webhook's `webhook-id`). */
  messageId?: string;
}

/** One alert channel kind. `secretFields` are stored encrypted and never returned by the API. */
export interface ChannelImpl<C> {
  label: string;
  configSchema: z.ZodType<C>;
  secretFields: readonly (keyof C & string)[];
  /** Where it sends, with secrets removed, for lists and attempt records ("https://hooks.slack.com/services/…"). */
  target(config: C): string;
  send(config: C, notification: AlertNotification, ctx: SendContext): Promise<SendOutcome>;
}
