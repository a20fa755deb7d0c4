// Where a time axis puts its ticks: on round times (every 10 minutes, every 3 hours, each midnight) rather than
// wherever the first data point happens to fall, so a 1-hour chart reads 13:10, 13:20, … and not 13:12, 13:19, ….
// Aligned in the viewer's own time zone (the offset is passed in, so this stays pure and testable).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Candidate steps, smallest first. */
const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

/**
 * Round tick times within [min, max], at most `maxTicks` of them, on the smallest step that fits.
 * `offsetMs` is the viewer's offset from UTC (local = UTC + offset), e.g. +3,600,000 for UTC+1.
 */
export function timeTicks(min: number, max: number, maxTicks: number, offsetMs = 0): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min || maxTicks < 1) return [];
  const span = max - min;
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const first = Math.ceil((min + offsetMs) / step) * step - offsetMs;
  const ticks: number[] = [];
  for (let t = first; t <= max; t += step) ticks.push(t);
  return ticks;
}

/** The viewer's UTC offset at `at`, in ms (JavaScript's getTimezoneOffset is minutes, with the opposite sign). */
export function localOffsetMs(at: number): number {
  return -new Date(at).getTimezoneOffset() * MINUTE;
}
