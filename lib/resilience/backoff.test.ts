import { describe, expect, it } from "vitest";
import { delaysOf, exponentialBackoff } from "./backoff";

describe("exponential backoff with full jitter", () => {
  it("reaches the exponential ceiling, capped, when the random source is at its top", () => {
    const backoff = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
    expect(delaysOf(backoff, 6)).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it("can wait zero when the random source is at its bottom (full jitter, not equal jitter)", () => {
    const backoff = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0 });
    expect(delaysOf(backoff, 4)).toEqual([0, 0, 0, 0]);
  });

  it("spreads delays uniformly under the ceiling", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const samples = Array.from({ length: 2_000 }, () => delaysOf(exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 10_000, random }), 3)[2]!);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(400);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(mean).toBeGreaterThan(180);
    expect(mean).toBeLessThan(220);
  });
});
