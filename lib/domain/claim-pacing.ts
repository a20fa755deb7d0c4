// How the worker paces its slot claims. A claim takes at most a chunk of the slots due within the lookahead, and at
// most the free capacity; what it brings back decides when the worker claims next: as soon as capacity frees
// (saturated), once the slots it holds run short (a full chunk: more is due), or shortly before the next due slot.

export interface ClaimTaken {
  /** Most slots one claim may take (CLAIM_CHUNK; unbounded when behind). */
  chunk: number;
  /** Slots this worker's location's claim took (0 without a location). */
  located: number;
  /** What the claim of unlocated slots asked for: the free capacity, or what the chunk had left if that was less. */
  unlocatedLimit: number;
  /** Slots that claim took. */
  unlocated: number;
  /** Free capacity once the claimed slots count against it. */
  freeAfter: number;
}

export interface ClaimBookkeeping {
  /** The claim stopped for want of capacity, not of due slots: claim again once some frees. */
  saturated: boolean;
  /** The claim took a whole chunk: more slots are due within the lookahead. */
  chunkFull: boolean;
}

export function afterClaim(taken: ClaimTaken): ClaimBookkeeping {
  // The unlocated claim was held to the free capacity rather than to the chunk, and came back with all it asked for.
  const heldByCapacity = taken.unlocatedLimit < taken.chunk - taken.located;
  const filledCapacity = heldByCapacity && taken.unlocated >= taken.unlocatedLimit;
  return {
    saturated: taken.freeAfter <= 0 || filledCapacity,
    chunkFull: taken.located + taken.unlocated >= taken.chunk,
  };
}

export interface ChunkPacing {
  /** Milliseconds until the next chunk is claimed. */
  waitMs: number;
  /** The slots held end within the lead: chunks are not keeping up, so the next claim takes the whole lookahead. */
  behind: boolean;
}

/**
 * After a full chunk: claim the next once the slots held cover less than the lookahead minus the lead (at once if
 * they already do). `lastSlotMs` is the latest slot the chunk took.
 */
export function nextChunk(input: { lastSlotMs: number; nowMs: number; lookaheadMs: number; leadMs: number }): ChunkPacing {
  const held = input.lastSlotMs - input.nowMs;
  return { waitMs: Math.max(0, held - (input.lookaheadMs - input.leadMs)), behind: held < input.leadMs };
}
