import { describe, expect, it } from "vitest";
import { queueSleepMs, readsNextQueueDue } from "./queue-due";

const base = { full: false, listening: true, busy: false, next: null, now: 100_000, safetyMs: 30_000, pollMs: 1_000 };

describe("queueSleepMs", () => {
  it("sleeps until the next queued row is due, not on a fixed poll", () => {
    expect(queueSleepMs({ ...base, next: 107_500 })).toBe(7_500);
  });

  it("with nothing queued, sleeps the safety poll (notifications wake it sooner)", () => {
    expect(queueSleepMs(base)).toBe(30_000);
    expect(queueSleepMs({ ...base, next: 100_000 + 3_600_000 })).toBe(30_000);
  });

  it("waits at least the poll pace when a row is due but was not claimable, and polls without notifications", () => {
    expect(queueSleepMs({ ...base, next: 99_000 })).toBe(1_000);
    expect(queueSleepMs({ ...base, next: 100_200 })).toBe(1_000);
    expect(queueSleepMs({ ...base, listening: false, next: 107_500 })).toBe(1_000);
  });

  it("comes back soon after a pass that took all capacity", () => {
    expect(queueSleepMs({ ...base, full: true, next: 107_500 })).toBe(250);
  });

  it("while busy, sleeps the poll pace without a read (finishing work and notifications wake it)", () => {
    expect(queueSleepMs({ ...base, busy: true })).toBe(1_000);
  });
});

describe("readsNextQueueDue", () => {
  it.each([
    // full, listening, busy -> reads
    [false, true, false, true],
    [false, true, true, false], // claimed work, or work still running: it wakes the loop itself
    [true, true, false, false], // full: back in a quarter of the poll anyway
    [false, false, false, false], // not listening: plain polling
    [true, false, true, false],
  ])("full %s, listening %s, busy %s: %s", (full, listening, busy, reads) => {
    expect(readsNextQueueDue({ full, listening, busy })).toBe(reads);
  });
});
