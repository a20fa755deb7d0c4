import { describe, expect, it } from "vitest";
import { publicUrl } from "./incidents/lifecycle";
import { credentialDaysLeft, tlsDaysLeft } from "./observations";
import { ruleConditionSchema } from "./rule";

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const DAY = 86_400_000;

describe("tlsDaysLeft", () => {
  it("counts from now to the certificate's end, so stored readings age correctly", () => {
    expect(tlsDaysLeft({ validTo: new Date(NOW + 10.5 * DAY).toISOString(), daysLeft: 99 }, NOW)).toBe(10);
    expect(tlsDaysLeft({ validTo: new Date(NOW - 1.5 * DAY).toISOString() }, NOW)).toBe(-2);
  });

  it("falls back to the recorded days left, and is null without TLS readings", () => {
    expect(tlsDaysLeft({ daysLeft: 7 }, NOW)).toBe(7);
    expect(tlsDaysLeft({ status: 200 }, NOW)).toBeNull();
    expect(tlsDaysLeft(null, NOW)).toBeNull();
  });
});

describe("credentialDaysLeft", () => {
  const github = (expiresAt: string, daysLeft = 99) => ({ status: 200, credential: { source: "token_expiration", expiresAt, daysLeft } });

  it("counts from now to the token's expiry the provider reported, so stored readings age", () => {
    expect(credentialDaysLeft(github(new Date(NOW + 3.5 * DAY).toISOString()), NOW)).toBe(3);
    expect(credentialDaysLeft(github(new Date(NOW - 0.5 * DAY).toISOString()), NOW)).toBe(-1);
    expect(credentialDaysLeft({ credential: { source: "token_expiration", expiresAt: null, daysLeft: 5 } }, NOW)).toBe(5);
  });

  it("ignores a short-lived OAuth2 access token unless the reading says it is the renewable credential", () => {
    const token = { source: "oauth2_access_token", expiresAt: new Date(NOW + 3_600_000).toISOString(), daysLeft: 0, expiresInSeconds: 3_600, cached: false };
    expect(credentialDaysLeft({ credential: token }, NOW)).toBeNull();
    expect(credentialDaysLeft({ credential: { ...token, expiresAt: new Date(NOW + 20 * DAY).toISOString(), renewable: true } }, NOW)).toBe(20);
  });

  it("is null without a credential reading", () => {
    expect(credentialDaysLeft({ status: 200, validTo: new Date(NOW + DAY).toISOString() }, NOW)).toBeNull();
    expect(credentialDaysLeft({ credential: "soon" }, NOW)).toBeNull();
    expect(credentialDaysLeft(null, NOW)).toBeNull();
  });

  it("takes 1 to 365 days as its rule", () => {
    expect(ruleConditionSchema.safeParse({ kind: "credential_expiry", days: 7 }).success).toBe(true);
    expect(ruleConditionSchema.safeParse({ kind: "credential_expiry", days: 0 }).success).toBe(false);
    expect(ruleConditionSchema.safeParse({ kind: "credential_expiry", days: 366 }).success).toBe(false);
  });
});

describe("publicUrl", () => {
  it("prefers NEXTAUTH_URL, then TETHER_PUBLIC_URL, then localhost on PORT, without a trailing slash", () => {
    expect(publicUrl({ NEXTAUTH_URL: "https://tether.example/", TETHER_PUBLIC_URL: "https://other" })).toBe("https://tether.example");
    expect(publicUrl({ TETHER_PUBLIC_URL: "https://status.example" })).toBe("https://status.example");
    expect(publicUrl({ PORT: "3100" })).toBe("http://localhost:3100");
  });
});
