import { describe, expect, it } from "vitest";
import { DEFAULT_GATHER_POLICY as policy, flushDelayMs, gatherTimeMs, maxGatherWithin, measuredRate } from "./record-gather";

const waiting = (over: Partial<Parameters<typeof flushDelayMs>[0]> = {}) => ({ pending: 1, oldestWaitedMs: 0, ratePerS: 50, urgent: false, ...over });

describe("gatherTimeMs", () => {
  it("waits about targetBatch runs' time when runs come slowly, bounded by the longest gather", () => {
    expect(gatherTimeMs(100, policy)).toBe(500);
    expect(gatherTimeMs(50, policy)).toBe(1_000);
    expect(gatherTimeMs(5, policy)).toBe(1_000);
    expect(gatherTimeMs(0, policy)).toBe(1_000);
    expect(gatherTimeMs(Number.NaN, policy)).toBe(1_000);
  });

  it("stays at the shortest gather under load", () => {
    expect(gatherTimeMs(500, policy)).toBe(100);
    expect(gatherTimeMs(1_000, policy)).toBe(100);
    expect(gatherTimeMs(20_000, policy)).toBe(100);
  });
});

describe("flushDelayMs", () => {
  it("has nothing to write when no run waits", () => {
    expect(flushDelayMs(waiting({ pending: 0, urgent: true }), policy)).toBeNull();
  });

  it("counts the gather time from the oldest waiting run", () => {
    expect(flushDelayMs(waiting({ ratePerS: 50 }), policy)).toBe(1_000);
    expect(flushDelayMs(waiting({ ratePerS: 50, oldestWaitedMs: 700 }), policy)).toBe(300);
    expect(flushDelayMs(waiting({ ratePerS: 50, oldestWaitedMs: 1_400 }), policy)).toBe(0);
    expect(flushDelayMs(waiting({ ratePerS: 1_000, oldestWaitedMs: 40 }), policy)).toBe(60);
  });

  it("writes a full batch at once, however slow the rate", () => {
    expect(flushDelayMs(waiting({ pending: policy.maxBatch, ratePerS: 1 }), policy)).toBe(0);
    expect(flushDelayMs(waiting({ pending: policy.maxBatch - 1, ratePerS: 1 }), policy)).toBe(1_000);
  });

  it("writes at once when a run is waited for (manual probe) or the recorder drains", () => {
    expect(flushDelayMs(waiting({ urgent: true, ratePerS: 1 }), policy)).toBe(0);
  });
});

describe("measuredRate", () => {
  it("is runs a second since the last take", () => {
    expect(measuredRate(50, 1_000, policy)).toBe(50);
    expect(measuredRate(100, 100, policy)).toBe(1_000);
  });

  it("reads a burst over at least the shortest gather, and a quiet spell as a low rate", () => {
    expect(measuredRate(10, 1, policy)).toBe(100);
    expect(measuredRate(1, 600_000, policy)).toBeLessThan(0.01);
  });
});

describe("maxGatherWithin", () => {
  it("keeps the longest gather to a tenth of the lease margin, never below 100 ms", () => {
    expect(maxGatherWithin(15_000)).toBe(1_000);
    expect(maxGatherWithin(5_000)).toBe(500);
    expect(maxGatherWithin(1_000)).toBe(100);
    expect(maxGatherWithin(200)).toBe(100);
    expect(maxGatherWithin(15_000, 300)).toBe(300);
  });
});
