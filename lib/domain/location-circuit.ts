// Circuits of an integration probed from listed locations. Each location has a breaker of its own, so one vantage
// point's bad network opens only its own circuit and never stops the others from probing; the integration's circuit
// (the one the overview, the status and the circuit-open rules read) is the quorum of its locations' circuits: open
// when at least the quorum of them are open. Pure; the record statement (lib/db/probe-runs.ts) stores what this plans.
import { circuitAfter, type ProbeRunResult } from "./probe-run";
import type { CircuitPolicy, CircuitSnapshot, CircuitStateKind, CircuitTransition } from "./circuit";
import { quorumNeeded } from "./quorum";

/** One location's breaker and the outcome of its latest run, as stored (IntegrationLocation). */
export interface LocationCircuit {
  location: string;
  circuit: CircuitSnapshot;
  /** Null before the location's first run. */
  lastRunOk: boolean | null;
}

/** What a located integration's runs are planned from: its listed locations, their quorum and their circuits. */
export interface LocatedCircuits {
  locations: string[];
  quorum: number | null;
  circuits: LocationCircuit[];
}

/** The status inputs of a located integration: how many listed locations failed their latest run, and how many have one. */
export interface QuorumCounts {
  failing: number;
  reporting: number;
  needed: number;
}

const CLOSED: CircuitSnapshot = { state: "closed", consecutiveFailures: 0, openedAt: null };

/** A location's circuit as known (closed before its first run, or for a location not stored yet). */
export function circuitAt(located: LocatedCircuits, location: string): CircuitSnapshot {
  return located.circuits.find((c) => c.location === location)?.circuit ?? CLOSED;
}

/**
 * The integration's circuit from its listed locations' circuits: open when at least the quorum are open, half-open
 * when at least the quorum are not closed, closed otherwise. Its failures and opening time are the quorum's: the
 * needed-th highest count, and the moment the needed-th location opened.
 */
export function quorumCircuit(located: LocatedCircuits): CircuitSnapshot {
  const listed = located.locations.map((l) => circuitAt(located, l));
  if (listed.length === 0) return CLOSED;
  const needed = quorumNeeded(listed.length, located.quorum);
  const nth = (values: number[], order: (a: number, b: number) => number) => values.sort(order)[needed - 1] ?? null;
  const consecutiveFailures = nth(
    listed.map((c) => c.consecutiveFailures),
    (a, b) => b - a,
  )!;
  const sinceOf = (states: CircuitStateKind[]) =>
    nth(
      listed.filter((c) => states.includes(c.state)).map((c) => c.openedAt ?? 0),
      (a, b) => a - b,
    );
  const open = listed.filter((c) => c.state === "open").length;
  if (open >= needed) return { state: "open", consecutiveFailures, openedAt: sinceOf(["open"]) };
  if (listed.filter((c) => c.state !== "closed").length >= needed) return { state: "half_open", consecutiveFailures, openedAt: sinceOf(["open", "half_open"]) };
  return { state: "closed", consecutiveFailures, openedAt: null };
}

/** The listed locations' latest runs, counted for the stored status (lib/db/integration-status.ts). */
export function quorumCounts(located: LocatedCircuits): QuorumCounts {
  const latest = located.locations.map((l) => located.circuits.find((c) => c.location === l)?.lastRunOk ?? null);
  return {
    failing: latest.filter((ok) => ok === false).length,
    reporting: latest.filter((ok) => ok !== null).length,
    needed: quorumNeeded(located.locations.length, located.quorum),
  };
}

export interface LocatedRunPlan {
  /** The running location's circuit after the run; null for a run from no location (a manual run), which moves none. */
  own: CircuitSnapshot | null;
  /** The integration's circuit after the run: the quorum of the locations' circuits. */
  next: CircuitSnapshot;
  /** The integration circuit's transitions (at most one), worded with the location that moved it. */
  transitions: CircuitTransition[];
  counts: QuorumCounts;
}

/**
 * Plans one run of a located integration. A run from a location moves that location's breaker as the integration's
 * own breaker would move for an unlocated one; the integration's circuit follows the quorum. A run from no location
 * (someone pressed "Probe now") is recorded but moves no breaker: which vantage point it ran from says nothing
 * about the listed ones.
 */
export function planLocatedRun(
  stored: CircuitSnapshot,
  located: LocatedCircuits,
  location: string | null,
  result: ProbeRunResult,
  policy: CircuitPolicy,
): LocatedRunPlan {
  if (location === null || !located.locations.includes(location)) return { own: null, next: stored, transitions: [], counts: quorumCounts(located) };
  const step = circuitAfter(circuitAt(located, location), result, policy);
  const others = located.circuits.filter((c) => c.location !== location);
  const after: LocatedCircuits = { ...located, circuits: [...others, { location, circuit: step.next, lastRunOk: result.ok }] };
  const next = quorumCircuit(after);
  const counts = quorumCounts(after);
  const moved = step.transitions.at(-1);
  const transitions: CircuitTransition[] =
    next.state === stored.state
      ? []
      : [
          {
            from: stored.state,
            to: next.state,
            reason: `${location}: ${moved?.reason ?? (result.ok ? "probe succeeded" : "probe failed")}; ${countIn(after, next.state)} of ${located.locations.length} locations ${stateWords(next.state)} (quorum ${counts.needed})`,
          },
        ];
  return { own: step.next, next, transitions, counts };
}

function countIn(located: LocatedCircuits, state: CircuitStateKind): number {
  const states = located.locations.map((l) => circuitAt(located, l).state);
  if (state === "open") return states.filter((s) => s === "open").length;
  if (state === "half_open") return states.filter((s) => s !== "closed").length;
  return states.filter((s) => s === "closed").length;
}

const stateWords = (state: CircuitStateKind) => (state === "open" ? "open" : state === "half_open" ? "open or half-open" : "closed");
