// Subscriber link tokens: random, looked up by their SHA-256 hash, sealed with the keyring for the worker that
// writes them into links. A confirm link lasts 24 hours; an unsubscribe link lasts as long as the subscription.
import { createHash, randomBytes } from "node:crypto";
import type { Keyring } from "../../secrets/crypto";
import { keyring } from "../../secrets/store";

export const CONFIRM_TTL_MS = 24 * 3_600_000;

export interface SubscriberTokens {
  confirm: string;
  unsubscribe: string;
}

export const newToken = (): string => randomBytes(24).toString("base64url");
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

/** What each sealed value is bound to (its additional authenticated data), so a ciphertext cannot move rows. */
export const tokensAad = (subscriberId: string) => `status-subscriber:${subscriberId}`;
export const webhookSecretAad = (subscriberId: string) => `${tokensAad(subscriberId)}:webhook`;

export function sealTokens(subscriberId: string, tokens: SubscriberTokens, keys: Keyring = keyring()): string {
  return keys.encrypt(JSON.stringify(tokens), tokensAad(subscriberId));
}

export function openTokens(subscriberId: string, sealed: string, keys: Keyring = keyring()): SubscriberTokens {
  return JSON.parse(keys.decrypt(sealed, tokensAad(subscriberId)).reveal()) as SubscriberTokens;
}

export function sealWebhookSecret(subscriberId: string, secret: string, keys: Keyring = keyring()): string {
  return keys.encrypt(secret, webhookSecretAad(subscriberId));
}

export function openWebhookSecret(subscriberId: string, sealed: string, keys: Keyring = keyring()): string {
  return keys.decrypt(sealed, webhookSecretAad(subscriberId)).reveal();
}

export type ConfirmState = "confirmable" | "confirmed" | "expired" | "unsubscribed";

/** Whether a confirm link may still be used. Pure: `now` is a parameter. */
export function confirmState(sub: { confirmedAt: Date | null; unsubscribedAt: Date | null; confirmExpiresAt: Date | null }, now: number): ConfirmState {
  if (sub.unsubscribedAt) return "unsubscribed";
  if (sub.confirmedAt) return "confirmed";
  if (!sub.confirmExpiresAt || sub.confirmExpiresAt.getTime() <= now) return "expired";
  return "confirmable";
}
