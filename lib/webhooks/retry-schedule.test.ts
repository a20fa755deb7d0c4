import { describe, expect, it } from "vitest";
import { nextAttemptAt, RETRY_DELAYS_MS, retryAfterMs } from "./retry-schedule";

const NOW = Date.parse("2026-11-24T12:00:00Z");

describe("retry schedule", () => {
  it("follows immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then dead-letters", () => {
    expect(RETRY_DELAYS_MS.map((_, i) => nextAttemptAt(i, NOW, null)! - NOW)).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(nextAttemptAt(RETRY_DELAYS_MS.length, NOW, null)).toBeNull();
  });
  it("never retries sooner than Retry-After, in seconds or as a date", () => {
    expect(nextAttemptAt(1, NOW, retryAfterMs("120", NOW))! - NOW).toBe(120_000);
    expect(nextAttemptAt(2, NOW, retryAfterMs("10", NOW))! - NOW).toBe(300_000);
    expect(retryAfterMs("Tue, 24 Nov 2026 12:01:00 GMT", NOW)).toBe(60_000);
    expect(retryAfterMs("soon", NOW)).toBeNull();
  });
  it("dead-letters after the source's own number of attempts", () => {
    expect(nextAttemptAt(1, NOW, null, 2)! - NOW).toBe(5_000);
    expect(nextAttemptAt(2, NOW, null, 2)).toBeNull();
    expect(nextAttemptAt(1, NOW, null, 1)).toBeNull();
  });
});
