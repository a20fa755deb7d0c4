import { describe, expect, it } from "vitest";
import { publicUrl } from "./incidents/lifecycle";
import { tlsDaysLeft } from "./observations";

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

describe("publicUrl", () => {
  it("prefers NEXTAUTH_URL, then TETHER_PUBLIC_URL, then localhost on PORT, without a trailing slash", () => {
    expect(publicUrl({ NEXTAUTH_URL: "https://tether.example/", TETHER_PUBLIC_URL: "https://other" })).toBe("https://tether.example");
    expect(publicUrl({ TETHER_PUBLIC_URL: "https://status.example" })).toBe("https://status.example");
    expect(publicUrl({ PORT: "3100" })).toBe("http://localhost:3100");
  });
});
