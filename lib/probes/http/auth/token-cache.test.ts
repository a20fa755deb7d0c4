import { describe, expect, it } from "vitest";
import { refreshMarginMs, TokenCache, tokenCacheKey } from "./token-cache";

const T0 = Date.parse("2026-11-24T12:00:00Z");

describe("access-token cache", () => {
  it("reuses a token until a minute before its expiry, then drops it", () => {
    const cache = new TokenCache();
    cache.set("k", { accessToken: "a", expiresInSeconds: 32_400, expiresAt: T0 + 32_400_000 });
    expect(cache.get("k", T0 + 32_340_000 - 1)?.accessToken).toBe("a");
    expect(cache.get("k", T0 + 32_340_000)).toBeUndefined();
    expect(cache.get("k", T0)).toBeUndefined();
  });

  it("keeps a short-lived token for nine tenths of its life, and evicts the oldest beyond its size", () => {
    expect(refreshMarginMs(30)).toBe(3_000);
    const cache = new TokenCache(2);
    for (const k of ["a", "b", "c"]) cache.set(k, { accessToken: k, expiresInSeconds: 30, expiresAt: T0 + 30_000 });
    expect(cache.get("a", T0)).toBeUndefined();
    expect(cache.get("c", T0 + 26_999)?.accessToken).toBe("c");
    expect(cache.get("c", T0 + 27_000)).toBeUndefined();
  });

  it("keys by a digest that changes with any part and holds none of them", () => {
    const key = tokenCacheKey("oauth2", "https://t.test/token", "client", "s3cret-value");
    expect(key).not.toContain("s3cret");
    expect(key).not.toBe(tokenCacheKey("oauth2", "https://t.test/token", "client", "rotated-value"));
  });
});
