import { describe, expect, it } from "vitest";
import { afterClaim, nextChunk, type ClaimTaken } from "./claim-pacing";

const chunk = 250;

describe("afterClaim", () => {
  const cases: Array<[string, ClaimTaken, { saturated: boolean; chunkFull: boolean }]> = [
    [
      "a quiet claim: fewer due than a chunk, capacity to spare",
      { chunk, located: 0, unlocatedLimit: 250, unlocated: 40, freeAfter: 1_560 },
      { saturated: false, chunkFull: false },
    ],
    [
      "a busy claim: a whole chunk, capacity to spare",
      { chunk, located: 0, unlocatedLimit: 250, unlocated: 250, freeAfter: 1_000 },
      { saturated: false, chunkFull: true },
    ],
    ["held to the free capacity and filled it", { chunk, located: 0, unlocatedLimit: 30, unlocated: 30, freeAfter: 0 }, { saturated: true, chunkFull: false }],
    [
      "held to the free capacity, fewer due than that",
      { chunk, located: 0, unlocatedLimit: 30, unlocated: 10, freeAfter: 20 },
      { saturated: false, chunkFull: false },
    ],
    ["no capacity at all: nothing asked for", { chunk, located: 0, unlocatedLimit: 0, unlocated: 0, freeAfter: 0 }, { saturated: true, chunkFull: false }],
    [
      "capacity went to slots that freed meanwhile, still filled",
      { chunk, located: 0, unlocatedLimit: 30, unlocated: 30, freeAfter: 5 },
      { saturated: true, chunkFull: false },
    ],
    [
      "the location's slots filled the chunk: nothing left to ask",
      { chunk, located: 250, unlocatedLimit: 0, unlocated: 0, freeAfter: 900 },
      { saturated: false, chunkFull: true },
    ],
    [
      "the location's and the unlocated slots share the chunk",
      { chunk, located: 100, unlocatedLimit: 150, unlocated: 150, freeAfter: 900 },
      { saturated: false, chunkFull: true },
    ],
    [
      "after the location's slots, the rest held to capacity",
      { chunk, located: 100, unlocatedLimit: 60, unlocated: 60, freeAfter: 0 },
      { saturated: true, chunkFull: false },
    ],
    [
      "behind: an unbounded chunk is never full",
      { chunk: Number.POSITIVE_INFINITY, located: 0, unlocatedLimit: 1_600, unlocated: 1_200, freeAfter: 400 },
      { saturated: false, chunkFull: false },
    ],
    [
      "behind and held to capacity",
      { chunk: Number.POSITIVE_INFINITY, located: 0, unlocatedLimit: 1_600, unlocated: 1_600, freeAfter: 0 },
      { saturated: true, chunkFull: false },
    ],
  ];
  it.each(cases)("%s", (_, taken, expected) => {
    expect(afterClaim(taken)).toEqual(expected);
  });
});

describe("nextChunk", () => {
  const pace = { lookaheadMs: 1_250, leadMs: 250 };
  const cases: Array<[string, number, { waitMs: number; behind: boolean }]> = [
    ["slots held to the end of the lookahead: wait until they cover lookahead minus lead", 1_250, { waitMs: 250, behind: false }],
    ["exactly lookahead minus lead held: claim at once", 1_000, { waitMs: 0, behind: false }],
    ["less than that held: at once, not behind", 600, { waitMs: 0, behind: false }],
    ["exactly the lead held: not yet behind", 250, { waitMs: 0, behind: false }],
    ["less than the lead held: behind", 249, { waitMs: 0, behind: true }],
    ["the last slot already due: behind", -20, { waitMs: 0, behind: true }],
  ];
  it.each(cases)("%s", (_, held, expected) => {
    expect(nextChunk({ lastSlotMs: 10_000 + held, nowMs: 10_000, ...pace })).toEqual(expected);
  });
});
