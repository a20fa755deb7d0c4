// HMAC computation and the constant-time search for a signature that matches one of the secrets. Every
// (secret, signature) pair is computed and compared, with no early exit, so the time taken does not say which
// secret matched or how many signatures were checked before it.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { HmacAlgorithm } from "./fields";

export const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

/**
 * Equal-length comparison in constant time. The expected length is public (fixed by the algorithm), so a length
 * mismatch reveals nothing secret; it still costs one full comparison, so the two paths take the same time.
 */
export function constantTimeEqual(expected: Buffer, received: Buffer): boolean {
  const sameLength = expected.length === received.length;
  return timingSafeEqual(expected, sameLength ? received : expected) && sameLength;
}

/** Secrets used as their UTF-8 bytes, as Stripe, GitHub and Slack do. An empty secret yields no key. */
export function utf8Keys(secrets: readonly string[]): Buffer[][] {
  return secrets.map((secret) => (secret.length > 0 ? [Buffer.from(secret, "utf8")] : []));
}

/**
 * Index of the first secret under which one of `candidates` is the HMAC of `content`, or -1. Each secret may
 * offer several keys (several readings of the same secret string); an empty list means the secret is unusable.
 */
export function matchingSecretIndex(
  keysPerSecret: readonly (readonly Buffer[])[],
  algorithm: HmacAlgorithm,
  content: Buffer,
  candidates: readonly Buffer[],
): number {
  let matched = -1;
  keysPerSecret.forEach((keys, index) => {
    for (const key of keys) {
      const expected = createHmac(algorithm, key).update(content).digest();
      for (const candidate of candidates) {
        if (constantTimeEqual(expected, candidate) && matched === -1) matched = index;
      }
    }
  });
  return matched;
}

/** `prefix` then the body, as bytes: the body is never decoded, so bytes that are not UTF-8 are signed as sent. */
export function signedContent(prefix: string, rawBody: Buffer): Buffer {
  return Buffer.concat([Buffer.from(prefix, "utf8"), rawBody]);
}
