// Whether each location an integration lists has a worker: a location no worker has been seen in for a while is
// never probed there (its slots wait for a worker of that location), so the page says so instead of showing "no
// run yet" forever. Pure; the sightings (each location's latest worker heartbeat) are read elsewhere.

/** How long a location counts as served after its last worker was seen: a restart or deploy does not warn. */
export const LOCATION_SEEN_WITHIN_MS = 5 * 60_000;

export interface LocationSighting {
  location: string;
  /** The latest heartbeat of any worker started with this TETHER_LOCATION (epoch ms). */
  lastSeenAt: number;
}

export interface LocationCoverage {
  location: string;
  /** When a worker of this location was last seen; null when none has been (in what the sightings cover). */
  workerLastSeenAt: number | null;
  served: boolean;
}

/** Each listed location, in order, with its latest worker sighting and whether that is within `withinMs` of `now`. */
export function locationCoverage(
  locations: readonly string[],
  sightings: readonly LocationSighting[],
  now: number,
  withinMs = LOCATION_SEEN_WITHIN_MS,
): LocationCoverage[] {
  const latest = new Map<string, number>();
  for (const s of sightings) latest.set(s.location, Math.max(s.lastSeenAt, latest.get(s.location) ?? Number.NEGATIVE_INFINITY));
  return locations.map((location) => {
    const at = latest.get(location) ?? null;
    return { location, workerLastSeenAt: at, served: at !== null && now - at <= withinMs };
  });
}

/** The words for a location without a worker, e.g. "No worker in eu-west has been seen in the last 5 minutes". */
export function unservedMessage(location: string, withinMs = LOCATION_SEEN_WITHIN_MS): string {
  const minutes = Math.round(withinMs / 60_000);
  return `No worker in ${location} has been seen in the last ${minutes === 1 ? "minute" : `${minutes} minutes`}`;
}
