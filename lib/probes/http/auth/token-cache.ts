// Access tokens kept between runs, so a check every minute does not ask for a token every minute. Keyed by a
// digest of the credentials (a rotated secret gets a fresh token); a token is used until its expires_in minus a
// margin, by the clock the caller passes. Process-local and bounded: losing it only costs one token request.
import { createHash } from "node:crypto";

export interface CachedToken {
  accessToken: string;
  /** Epoch ms when the provider says the token expires. */
  expiresAt: number;
  expiresInSeconds: number;
}

/** The margin before expiry at which a token is no longer used: a minute, or a tenth of a short-lived token's life. */
export function refreshMarginMs(expiresInSeconds: number): number {
  return Math.min(60_000, expiresInSeconds * 100);
}

export class TokenCache {
  private readonly entries = new Map<string, CachedToken>();

  constructor(private readonly maxEntries = 1_000) {}

  /** The token for `key` while it is still good at `now`; an expired one is dropped. */
  get(key: string, now: number): CachedToken | undefined {
    const token = this.entries.get(key);
    if (!token) return undefined;
    if (now < token.expiresAt - refreshMarginMs(token.expiresInSeconds)) return token;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, token: CachedToken): void {
    this.entries.delete(key);
    this.entries.set(key, token);
    // Oldest first: Map keeps insertion order.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export const tokenCache = new TokenCache();

/** A cache key that never holds a credential itself. */
export function tokenCacheKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}
