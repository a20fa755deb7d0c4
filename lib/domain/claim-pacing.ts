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

export interface HoldState {
  /** Most claimed slots one worker holds before their starts (its concurrency). */
  holdCapacity: number;
  /** Claimed slots not started yet: waiting for their due time, or for a place in the bulkhead. */
  held: number;
  /** Of those, the ones already due that wait for a place: every running place is taken. */
  waitingForPlace: number;
}

/**
 * How many more slots a claim may take. Slots held for the lookahead count apart from the running probes (the
 * bulkhead counts those), so a slow patch, with more probes running at once, does not stop the claims; but while due
 * slots wait for a place the worker is behind its own capacity and claims nothing more (other workers of the fleet
 * may take those slots meanwhile).
 */
export function claimRoom(s: HoldState): number {
  if (s.waitingForPlace > 0) return 0;
  return Math.max(0, s.holdCapacity - s.held);
}

/**
 * Whether a claimed slot that waited for a place in the bulkhead still starts: its lease runs from the later of its
 * slot and its claim, for the probe's timeouts plus the margin, so a start later than the margin less the longest
 * record gather could outlive the lease (another worker may then claim and run the slot). Later than that it is given
 * up: the lease runs out and the slot runs again, as after a crash.
 */
export function startsInLease(p: { slotMs: number; claimedAtMs: number; nowMs: number; leaseMarginMs: number; maxGatherMs: number }): boolean {
  const late = p.nowMs - Math.max(p.slotMs, p.claimedAtMs);
  return late <= p.leaseMarginMs - p.maxGatherMs;
}

export interface SlotSleepInput {
  /** The earliest slot due after the lookahead (nextDueAfter), or null if none is. */
  nextDueMs: number | null;
  /**
   * The earliest next slot of this worker's runs not yet recorded (slot + interval): recording one moves its row on,
   * so until then nextDueAfter cannot see it. Null with nothing in flight.
   */
  inFlightNextMs: number | null;
  nowMs: number;
  leadMs: number;
  /** The longest sleep (a safety net). */
  idleMs: number;
}

export interface SlotSleep {
  /** Milliseconds until the next claim (0: at once). */
  waitMs: number;
  /** Also claim as soon as one of this worker's runs is recorded: its next slot is due (or nothing else will come). */
  onRecord: boolean;
}

/**
 * How long the slot loop sleeps after a claim that did not fill a chunk: until shortly before the next due slot,
 * or before the next slot of a run still in flight if that comes first. A worker far enough behind that every row
 * is due or in flight sees no slot after the lookahead: it must not sleep the whole safety net then (seconds of
 * slots waiting), but claim again as soon as its runs are recorded and their next slots exist.
 */
export function slotSleep(p: SlotSleepInput): SlotSleep {
  const due = p.nextDueMs ?? Number.POSITIVE_INFINITY;
  const inFlight = p.inFlightNextMs ?? Number.POSITIVE_INFINITY;
  const until = (at: number) => (at === Number.POSITIVE_INFINITY ? p.idleMs : Math.min(p.idleMs, Math.max(0, at - p.nowMs - p.leadMs)));
  // A run's next slot is (nearly) due but not in the database yet: a claim now finds nothing; its record is the cue.
  if (inFlight < due && inFlight - p.nowMs - p.leadMs <= 0) return { waitMs: until(due), onRecord: true };
  return { waitMs: until(Math.min(due, inFlight)), onRecord: false };
}
