// Whether an integration probed from several locations is down: it is when at least `quorum` of its listed
// locations failed their latest run (all of them when no quorum is set), so one location's bad network is a
// degraded reading, not an outage. Pure; the latest result of each location is read elsewhere.

export interface LocationLatest {
  location: string;
  ok: boolean;
}

export interface QuorumVerdict {
  /** Listed locations whose latest run failed. */
  failing: string[];
  /** Listed locations with a run so far. */
  reporting: number;
  /** Failing locations needed to call it down. */
  needed: number;
  down: boolean;
}

/** Failing locations needed to call it down: `quorum` clamped to 1..listed, all of them when unset. */
export function quorumNeeded(listed: number, quorum: number | null): number {
  return Math.max(1, Math.min(quorum ?? listed, listed));
}

/** `quorum` is clamped to 1..locations; locations that have not reported yet count as not failing. */
export function quorumVerdict(locations: readonly string[], latest: readonly LocationLatest[], quorum: number | null): QuorumVerdict {
  const listed = new Set(locations);
  const byLocation = new Map(latest.filter((l) => listed.has(l.location)).map((l) => [l.location, l.ok]));
  const failing = locations.filter((l) => byLocation.get(l) === false);
  const needed = quorumNeeded(locations.length, quorum);
  return { failing, reporting: byLocation.size, needed, down: locations.length > 0 && failing.length >= needed };
}

/**
 * Consecutive failures of a located integration, for "N consecutive failures" alert rules: the number of latest runs
 * that at least the quorum of locations have each failed in a row (the needed-th longest streak). The shared
 * circuit's count cannot say this: any passing location resets it.
 */
export function quorumStreak(locations: readonly string[], streaks: ReadonlyMap<string, number>, quorum: number | null): number {
  if (locations.length === 0) return 0;
  const needed = quorumNeeded(locations.length, quorum);
  const sorted = locations.map((l) => streaks.get(l) ?? 0).sort((a, b) => b - a);
  return sorted[needed - 1]!;
}

/**
 * The reading that decides a quorum for a condition judged by one number, e.g. "error rate above 5%": of the listed
 * locations whose reading is `eligible` (enough samples), the needed-th worst by `worse` (negative: a is worse). At
 * least the quorum of locations breach a monotone threshold exactly when this one does, and it clears exactly when
 * fewer than the quorum still would. Null when fewer locations than needed are eligible: there is no quorum to judge.
 */
export function quorumReading<T>(
  locations: readonly string[],
  readings: ReadonlyMap<string, T>,
  quorum: number | null,
  worse: (a: T, b: T) => number,
  eligible: (reading: T) => boolean = () => true,
): { reading: T; needed: number; eligible: number } | null {
  if (locations.length === 0) return null;
  const needed = quorumNeeded(locations.length, quorum);
  const ranked = locations.flatMap((l) => {
    const r = readings.get(l);
    return r !== undefined && eligible(r) ? [r] : [];
  });
  if (ranked.length < needed) return null;
  ranked.sort(worse);
  return { reading: ranked[needed - 1]!, needed, eligible: ranked.length };
}
