// The one interface every webhook verification scheme implements. A verifier is pure: it reads the exact bytes
// received, the headers and the injected clock, and returns a classified result; it never throws on request input.
import type { Dispatcher } from "undici";
import type { VerificationKind } from "./config";

export interface VerificationInput {
  /** The body exactly as received. Anything re-serialised (JSON parsed and stringified) will not verify. */
  rawBody: Buffer;
  /** Request headers with lower-cased names; repeated headers already joined by the HTTP layer. */
  headers: Record<string, string | undefined>;
  /** Milliseconds since the epoch. A replay of a stored delivery passes the time it was first received. */
  now: number;
  /** The query string as received, without `?` (Twilio signs it with the URL); absent or empty when there was none. */
  query?: string;
}

export const VERIFICATION_FAILURE_REASONS = [
  /** No usable secret was given (none, or only empty strings). */
  "no_secret",
  /** Secrets were given but none could be turned into a key (a `whsec_` secret that is not base64). */
  "invalid_secret",
  "missing_header",
  /** Present but unreadable: empty, missing parts, a bad timestamp, a signature of the wrong length or alphabet. */
  "malformed_header",
  /** Well-formed, but no signature matches any secret: wrong secret, altered or re-serialised body. */
  "bad_signature",
  /** Authentic but signed longer ago than the tolerance: a replay, or a clock far behind. */
  "timestamp_too_old",
  /** Authentic but signed further ahead than the tolerance: a clock far ahead. */
  "timestamp_in_future",
  /** The provider's own verification service (PayPal's postback) could not give a verdict: the sender must retry. */
  "unavailable",
] as const;
export type VerificationFailureReason = (typeof VERIFICATION_FAILURE_REASONS)[number];

export type VerificationSuccess =
  | {
      ok: true;
      verified: true;
      scheme: Exclude<VerificationKind, "none">;
      /** Index into the secrets passed: 0 is the current secret, 1 the previous one during a rotation overlap. */
      matchedSecretIndex: number;
      /** The sender's delivery or event id, for de-duplication; only read once the signature holds. */
      eventId?: string;
      /** The signed timestamp, in milliseconds since the epoch, for schemes that sign one. */
      timestamp?: number;
    }
  /** The `none` scheme: accepted without any check, so the UI can say "not verified". */
  | { ok: true; verified: false; scheme: "none"; eventId?: string };

export interface VerificationFailure {
  ok: false;
  scheme: VerificationKind;
  reason: VerificationFailureReason;
  /** For people. Names headers and counts, never a secret or a computed signature. */
  detail: string;
}

export type VerificationResult = VerificationSuccess | VerificationFailure;

/** An answer the provider requires in place of our acknowledgement (Discord's PONG to a PING). */
export interface ProviderAnswer {
  status: 200;
  body: unknown;
}

/** What a scheme that asks its provider (PayPal) needs from the receiver. */
export interface RemoteContext {
  /** An undici dispatcher behind the outbound guard (lib/security/outbound.ts); made only when asked for. */
  dispatcher(): Dispatcher;
}

/**
 * A scheme that cannot decide alone and asks its provider over the network (PayPal's verify-webhook-signature).
 * It never throws either: an unreachable or failing provider is the `unavailable` reason.
 */
export interface RemoteVerifier<Config> {
  verify: (input: VerificationInput, config: Config, secrets: readonly string[], ctx: RemoteContext) => Promise<VerificationResult>;
  answer?: (rawBody: Buffer) => ProviderAnswer | null;
}

export interface Verifier<Config> {
  /**
   * `secrets`: the current secret first, then older ones still accepted during a rotation overlap. A property,
   * not a method, so the registry checks each verifier's config type strictly rather than bivariantly.
   */
  verify: (input: VerificationInput, config: Config, secrets: readonly string[]) => VerificationResult;
  /**
   * For a verified delivery, the answer the provider expects instead of ours, or null to answer as usual. The
   * delivery is stored either way; the receiver asks every scheme that has one, and branches on none.
   */
  answer?: (rawBody: Buffer) => ProviderAnswer | null;
}
