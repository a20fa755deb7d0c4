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

/** `quorum` is clamped to 1..locations; locations that have not reported yet count as not failing. */
export function quorumVerdict(locations: readonly string[], latest: readonly LocationLatest[], quorum: number | null): QuorumVerdict {
  const listed = new Set(locations);
  const byLocation = new Map(latest.filter((l) => listed.has(l.location)).map((l) => [l.location, l.ok]));
  const failing = locations.filter((l) => byLocation.get(l) === false);
  const needed = Math.max(1, Math.min(quorum ?? locations.length, locations.length));
  return { failing, reporting: byLocation.size, needed, down: locations.length > 0 && failing.length >= needed };
}
