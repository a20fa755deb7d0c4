// Window -> bucket step for charts: about 60-100 points whatever the window.
import type { SeriesWindow } from "./types";

export const WINDOW_SPEC: Record<SeriesWindow, { spanMs: number; stepMs: number }> = {
  "1h": { spanMs: 3_600_000, stepMs: 60_000 },
  "24h": { spanMs: 86_400_000, stepMs: 15 * 60_000 },
  "7d": { spanMs: 7 * 86_400_000, stepMs: 2 * 3_600_000 },
};

/** Aligned [from, to) covering the window that ends at `now`, in whole steps. */
export function windowRange(window: SeriesWindow, now: number): { from: number; to: number; stepMs: number } {
  const { spanMs, stepMs } = WINDOW_SPEC[window];
  const to = Math.floor(now / stepMs) * stepMs + stepMs;
  return { from: to - spanMs, to, stepMs };
}
