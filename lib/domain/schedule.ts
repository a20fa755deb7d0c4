// Schedule arithmetic. Slots are anchored on the previous slot, not on when a run finished, so a slow probe
// does not drift the schedule; slots missed while no worker ran are skipped rather than replayed in a burst.

export function nextSlotAfter(previousSlot: number, intervalMs: number, now: number): number {
  if (intervalMs <= 0) throw new RangeError("intervalMs must be positive");
  const next = previousSlot + intervalMs;
  if (next > now) return next;
  const missed = Math.floor((now - previousSlot) / intervalMs);
  return previousSlot + (missed + 1) * intervalMs;
}
