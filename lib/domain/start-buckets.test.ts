import { describe, expect, it } from "vitest";
import { claimRate, DEFAULT_START_BUCKETS, startBucketMs, startDeadline } from "./start-buckets";

describe("startBucketMs", () => {
  const cases: Array<[string, number, number]> = [
    ["rate not known yet: the widest", 0, 100],
    ["NaN rate: the widest", Number.NaN, 100],
    ["Uptime Kuma's 50/s: five slots a bucket would be 100 ms", 50, 100],
    ["slower than that: still at most 100 ms late", 5, 100],
    ["200/s: 25 ms", 200, 25],
    ["1,000/s: 5 ms", 1_000, 5],
    ["3,000/s: never under the narrowest", 3_000, 5],
    ["rounded to whole milliseconds", 300, 17],
  ];
  it.each(cases)("%s", (_label, rate, expected) => {
    expect(startBucketMs(rate, DEFAULT_START_BUCKETS)).toBe(expected);
  });

  it("follows the policy it is given", () => {
    expect(startBucketMs(50, { minMs: 2, maxMs: 40, targetPerBucket: 1 })).toBe(20);
    expect(startBucketMs(10, { minMs: 2, maxMs: 40, targetPerBucket: 1 })).toBe(40);
  });
});

describe("startDeadline", () => {
  const cases: Array<[string, number, number, number]> = [
    ["inside a bucket: its end", 1_000_030, 100, 1_000_100],
    ["on a bucket's end: that very time", 1_000_100, 100, 1_000_100],
    ["just after one: the next", 1_000_101, 100, 1_000_200],
    ["fractional due time: never before it", 1_000_100.4, 100, 1_000_200],
    ["a width of 1 ms: its own time", 1_000_037, 1, 1_000_037],
    ["a width of 0: its own time, rounded up", 1_000_037.2, 0, 1_000_038],
    ["5 ms buckets", 1_000_037, 5, 1_000_040],
  ];
  it.each(cases)("%s", (_label, due, width, expected) => {
    expect(startDeadline(due, width)).toBe(expected);
  });

  it("is never before the due time and at most a width after it", () => {
    for (let due = 5_000; due < 5_400; due += 7.3)
      for (const width of [0, 1, 5, 17, 100]) {
        const at = startDeadline(due, width);
        expect(at).toBeGreaterThanOrEqual(due);
        expect(at - due).toBeLessThanOrEqual(Math.max(width, 1));
      }
  });

  it("gives slots of one bucket the same deadline", () => {
    expect(new Set([10_001, 10_040, 10_099, 10_100].map((due) => startDeadline(due, 100)))).toEqual(new Set([10_100]));
  });
});

describe("claimRate", () => {
  const cases: Array<[string, number, number, number]> = [
    ["50 slots over a second", 50, 1_000, 50],
    ["100 over two seconds", 100, 2_000, 50],
    ["a burst over a short span counts as at least a second", 60, 100, 60],
    ["nothing claimed", 0, 5_000, 0],
  ];
  it.each(cases)("%s", (_label, claimed, elapsed, expected) => {
    expect(claimRate(claimed, elapsed)).toBe(expected);
  });
});
