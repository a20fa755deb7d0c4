// When to try a failed forward again: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Svix's schedule),
// never sooner than the receiver's Retry-After; after the last, the event is dead-lettered. Pure.

export const RETRY_DELAYS_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;

/** Seconds or an HTTP date, as in the Retry-After header; null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The most attempts a source can ask for: the first one and every retry of the schedule. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;

/** After `attemptsMade` failed attempts (of at most `maxAttempts`): when to try next, or null to dead-letter. */
export function nextAttemptAt(attemptsMade: number, now: number, retryAfter: number | null, maxAttempts: number = MAX_ATTEMPTS): number | null {
  if (attemptsMade >= maxAttempts) return null;
  const delay = RETRY_DELAYS_MS[attemptsMade];
  if (delay === undefined) return null;
  return now + Math.max(delay, retryAfter ?? 0);
}
