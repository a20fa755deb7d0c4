import { describe, expect, it } from "vitest";
import { afterClaim, claimRoom, nextChunk, slotSleep, startsInLease, type ClaimTaken, type HoldState, type SlotSleepInput } from "./claim-pacing";

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

describe("claimRoom", () => {
  const cases: Array<[string, HoldState, number]> = [
    ["nothing held: the whole capacity", { holdCapacity: 1_600, held: 0, waitingForPlace: 0 }, 1_600],
    ["1,000/s held 1.25 s ahead: room for the rest, however many probes run", { holdCapacity: 1_600, held: 1_250, waitingForPlace: 0 }, 350],
    ["all held: no room", { holdCapacity: 1_600, held: 1_600, waitingForPlace: 0 }, 0],
    ["never below zero", { holdCapacity: 100, held: 130, waitingForPlace: 0 }, 0],
    ["due slots wait for a place: behind its capacity, claims nothing", { holdCapacity: 1_600, held: 300, waitingForPlace: 1 }, 0],
  ];
  it.each(cases)("%s", (_, state, expected) => {
    expect(claimRoom(state)).toBe(expected);
  });
});

describe("startsInLease", () => {
  const lease = { leaseMarginMs: 15_000, maxGatherMs: 1_000 };
  const cases: Array<[string, { slotMs: number; claimedAtMs: number; nowMs: number }, boolean]> = [
    ["on time", { slotMs: 10_000, claimedAtMs: 8_800, nowMs: 10_000 }, true],
    ["late by the margin less the gather: still covered", { slotMs: 10_000, claimedAtMs: 8_800, nowMs: 24_000 }, true],
    ["later than that: given up, its lease runs out", { slotMs: 10_000, claimedAtMs: 8_800, nowMs: 24_001 }, false],
    ["an overdue slot's lease runs from its claim", { slotMs: 1_000, claimedAtMs: 10_000, nowMs: 20_000 }, true],
    ["an overdue slot waited past its claim's margin", { slotMs: 1_000, claimedAtMs: 10_000, nowMs: 24_500 }, false],
  ];
  it.each(cases)("%s", (_, at, expected) => {
    expect(startsInLease({ ...at, ...lease })).toBe(expected);
  });
});

describe("slotSleep", () => {
  const at = { nowMs: 100_000, leadMs: 250, idleMs: 10_000 };
  const cases: Array<[string, Pick<SlotSleepInput, "nextDueMs" | "inFlightNextMs">, { waitMs: number; onRecord: boolean }]> = [
    ["nothing due, nothing in flight: the safety net", { nextDueMs: null, inFlightNextMs: null }, { waitMs: 10_000, onRecord: false }],
    ["the next due slot: until shortly before it", { nextDueMs: 102_000, inFlightNextMs: null }, { waitMs: 1_750, onRecord: false }],
    ["a far slot: no longer than the safety net", { nextDueMs: 160_000, inFlightNextMs: null }, { waitMs: 10_000, onRecord: false }],
    ["the next due slot already within the lead: at once", { nextDueMs: 100_100, inFlightNextMs: null }, { waitMs: 0, onRecord: false }],
    [
      "a run in flight comes round later than the next slot: the slot decides",
      { nextDueMs: 102_000, inFlightNextMs: 104_000 },
      { waitMs: 1_750, onRecord: false },
    ],
    [
      "a run in flight comes round before the next slot: until shortly before it",
      { nextDueMs: 108_000, inFlightNextMs: 103_000 },
      { waitMs: 2_750, onRecord: false },
    ],
    [
      "behind: every row due or in flight, nothing after the lookahead: claim when a run is recorded",
      { nextDueMs: null, inFlightNextMs: 99_000 },
      { waitMs: 10_000, onRecord: true },
    ],
    [
      "a run's next slot is due but not recorded yet, a later slot exists: until that, or at the record",
      { nextDueMs: 103_000, inFlightNextMs: 100_200 },
      { waitMs: 2_750, onRecord: true },
    ],
    ["nothing after the lookahead, a run's next slot well ahead: until it", { nextDueMs: null, inFlightNextMs: 105_000 }, { waitMs: 4_750, onRecord: false }],
  ];
  it.each(cases)("%s", (_, input, expected) => {
    expect(slotSleep({ ...at, ...input })).toEqual(expected);
  });
});
