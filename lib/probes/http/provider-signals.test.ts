import { describe, expect, it } from "vitest";
import { parseDeprecation, parseRateLimit, parseScopes, parseTokenExpiration } from "./provider-signals";

const NOW = Date.parse("2026-11-24T12:00:00Z");

describe("rate-limit headroom", () => {
  it("reads GitHub's headers (reset in epoch seconds)", () => {
    const h = {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4990",
      "x-ratelimit-reset": "1795521600",
      "x-ratelimit-used": "10",
      "x-ratelimit-resource": "core",
    };
    expect(parseRateLimit(h, NOW)).toEqual({ limit: 5000, remaining: 4990, resetAt: "2026-11-24T12:00:00.000Z", headroom: 0.998, source: "x-ratelimit" });
  });
  it("reads the IETF RateLimit fields (reset in seconds from now, policy suffix)", () => {
    expect(parseRateLimit({ "ratelimit-limit": "100;w=60", "ratelimit-remaining": "5", "ratelimit-reset": "30" }, NOW)).toEqual({
      limit: 100,
      remaining: 5,
      resetAt: "2026-11-24T12:00:30.000Z",
      headroom: 0.05,
      source: "ratelimit",
    });
  });
  it("reads Sentry's headers, and returns null when there are none", () => {
    expect(
      parseRateLimit({ "x-sentry-rate-limit-limit": "40", "x-sentry-rate-limit-remaining": "0", "x-sentry-rate-limit-reset": "1795521660" }, NOW),
    ).toMatchObject({ remaining: 0, headroom: 0, source: "x-sentry-rate-limit" });
    expect(parseRateLimit({ "content-type": "application/json" }, NOW)).toBeNull();
  });
});

describe("Discord's rate-limit headers", () => {
  it("prefers X-RateLimit-Reset-After over the epoch reset and keeps the bucket", () => {
    const h = {
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "1",
      "x-ratelimit-reset": "1795521699.250",
      "x-ratelimit-reset-after": "2.5",
      "x-ratelimit-bucket": "abcd1234",
    };
    expect(parseRateLimit(h, NOW)).toEqual({
      limit: 5,
      remaining: 1,
      resetAt: "2026-11-24T12:00:02.500Z",
      headroom: 0.2,
      source: "x-ratelimit",
      bucket: "abcd1234",
    });
  });
});

describe("credential readings", () => {
  it("reads GitHub's token expiration in UTC and with a numeric offset", () => {
    expect(parseTokenExpiration({ "github-authentication-token-expiration": "2026-12-04 12:00:00 UTC" }, NOW)).toEqual({
      source: "token_expiration",
      expiresAt: "2026-12-04T12:00:00.000Z",
      daysLeft: 10,
    });
    expect(parseTokenExpiration({ "github-authentication-token-expiration": "2026-11-24 05:00:00 -0800" }, NOW)).toMatchObject({
      expiresAt: "2026-11-24T13:00:00.000Z",
      daysLeft: 0,
    });
    expect(parseTokenExpiration({ "github-authentication-token-expiration": "soon" }, NOW)).toBeNull();
    expect(parseTokenExpiration({}, NOW)).toBeNull();
  });
  it("compares Slack's x-oauth-scopes with the scopes the check needs", () => {
    expect(parseScopes({ "x-oauth-scopes": "chat:write, channels:read,users:read" }, ["chat:write", "chat:write.public"])).toEqual({
      granted: ["chat:write", "channels:read", "users:read"],
      required: ["chat:write", "chat:write.public"],
      missing: ["chat:write.public"],
    });
    expect(parseScopes({ "x-oauth-scopes": "" }, ["chat:write"])).toMatchObject({ granted: [], missing: ["chat:write"] });
    expect(parseScopes({ "x-oauth-scopes": "chat:write" }, [])).toBeNull();
    expect(parseScopes({}, ["chat:write"])).toBeNull();
  });
});

describe("deprecation and sunset", () => {
  it("reads RFC 9745 Deprecation, RFC 8594 Sunset and the linked notice", () => {
    const h = {
      deprecation: "@1767225600",
      sunset: "Wed, 30 Dec 2026 23:59:59 GMT",
      link: '<https://developer.example.com/changelog>; rel="deprecation"; type="text/html"',
    };
    expect(parseDeprecation(h, NOW)).toEqual({
      deprecatedAt: "2026-01-01T00:00:00.000Z",
      sunsetAt: "2026-12-30T23:59:59.000Z",
      daysUntilSunset: 36,
      link: "https://developer.example.com/changelog",
    });
  });
  it("accepts the older boolean form and ignores responses without notices", () => {
    expect(parseDeprecation({ deprecation: "true" }, NOW)).toEqual({ deprecatedAt: "true", sunsetAt: null, daysUntilSunset: null, link: null });
    expect(parseDeprecation({}, NOW)).toBeNull();
  });
});
