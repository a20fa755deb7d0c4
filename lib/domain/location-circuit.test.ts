import { describe, expect, it } from "vitest";
import { planLocatedRun, quorumCircuit, quorumCounts, type LocatedCircuits, type LocationCircuit } from "./location-circuit";
import type { CircuitSnapshot } from "./circuit";
import type { ProbeRunResult } from "./probe-run";

const closed: CircuitSnapshot = { state: "closed", consecutiveFailures: 0, openedAt: null };
const open = (openedAt: number, consecutiveFailures = 3): CircuitSnapshot => ({ state: "open", consecutiveFailures, openedAt });
const at = (location: string, circuit: CircuitSnapshot, lastRunOk: boolean | null = circuit.state === "closed"): LocationCircuit => ({
  location,
  circuit,
  lastRunOk,
});
const three = (circuits: LocationCircuit[], quorum: number | null = 2): LocatedCircuits => ({ locations: ["eu", "us", "ap"], quorum, circuits });
const policy = { failureThreshold: 2, cooldownMs: 60_000 };
const run = (ok: boolean, t = 1_000): ProbeRunResult =>
  ({
    startedAt: t,
    finishedAt: t + 10,
    ok,
    latencyMs: 10,
    httpStatus: ok ? 200 : null,
    errorClass: ok ? null : "timeout",
    errorMessage: null,
    attempts: 1,
    trace: {},
  }) as ProbeRunResult;

describe("quorumCircuit", () => {
  it.each<[string, LocatedCircuits, CircuitSnapshot]>([
    ["no location has run yet", three([]), closed],
    [
      "one of three open, quorum 2",
      three([at("eu", open(100)), at("us", closed), at("ap", closed)]),
      { state: "closed", consecutiveFailures: 0, openedAt: null },
    ],
    ["two of three open, quorum 2: opened when the second did", three([at("eu", open(100, 5)), at("us", open(300, 2)), at("ap", closed)]), open(300, 2)],
    [
      "one open and one half-open, quorum 2",
      three([at("eu", open(100)), at("us", { ...open(200), state: "half_open" }), at("ap", closed)]),
      { state: "half_open", consecutiveFailures: 3, openedAt: 200 },
    ],
    [
      "no quorum set: all must be open",
      three([at("eu", open(100)), at("us", open(200)), at("ap", closed)], null),
      { state: "closed", consecutiveFailures: 0, openedAt: null },
    ],
    ["a stored row of a location no longer listed is ignored", { locations: ["eu"], quorum: null, circuits: [at("eu", closed), at("old", open(5))] }, closed],
  ])("%s", (_, located, expected) => {
    expect(quorumCircuit(located)).toEqual(expected);
  });
});

describe("quorumCounts", () => {
  it("counts listed locations whose latest run failed, and those that have one", () => {
    expect(quorumCounts(three([at("eu", closed, false), at("us", closed, true)]))).toEqual({ failing: 1, reporting: 2, needed: 2 });
    expect(quorumCounts(three([], 5))).toEqual({ failing: 0, reporting: 0, needed: 3 });
  });
});

describe("planLocatedRun", () => {
  it("one failing location opens only its own breaker: the integration's circuit stays closed", () => {
    const located = three([at("eu", { state: "closed", consecutiveFailures: 1, openedAt: null }, false), at("us", closed), at("ap", closed)]);
    const plan = planLocatedRun(closed, located, "eu", run(false), policy);
    expect(plan.own).toEqual({ state: "open", consecutiveFailures: 2, openedAt: 1_010 });
    expect(plan.next.state).toBe("closed");
    expect(plan.transitions).toEqual([]);
    expect(plan.counts).toEqual({ failing: 1, reporting: 3, needed: 2 });
  });

  it("the second location to open opens the integration's circuit, with one transition naming it", () => {
    const located = three([at("eu", open(500), false), at("us", { state: "closed", consecutiveFailures: 1, openedAt: null }, false), at("ap", closed)]);
    const plan = planLocatedRun(closed, located, "us", run(false, 2_000), policy);
    expect(plan.next).toEqual({ state: "open", consecutiveFailures: 2, openedAt: 2_010 });
    expect(plan.transitions).toEqual([
      { from: "closed", to: "open", reason: "us: 2 consecutive failures reached the threshold of 2; 2 of 3 locations open (quorum 2)" },
    ]);
  });

  it("a passing location closes the integration's circuit once fewer than the quorum stay open", () => {
    const located = three([at("eu", open(500), false), at("us", { ...open(600), state: "half_open" }, false), at("ap", closed)]);
    const plan = planLocatedRun(open(600), located, "us", run(true, 70_000), policy);
    expect(plan.own?.state).toBe("closed");
    expect(plan.next.state).toBe("closed");
    expect(plan.transitions).toHaveLength(1);
    expect(plan.transitions[0]!.reason).toBe("us: trial probe succeeded; 2 of 3 locations closed (quorum 2)");
  });

  it("a run from no location (Probe now) moves no breaker", () => {
    const located = three([at("eu", open(500), false)]);
    const stored = { state: "closed" as const, consecutiveFailures: 0, openedAt: null };
    expect(planLocatedRun(stored, located, null, run(false), policy)).toEqual({
      own: null,
      next: stored,
      transitions: [],
      counts: { failing: 1, reporting: 1, needed: 2 },
    });
  });

  it("a run rejected by its location's open breaker leaves that breaker as it was", () => {
    const located = three([at("eu", open(500), false), at("us", closed), at("ap", closed)]);
    const rejected = { ...run(false), errorClass: "circuit_open" } as ProbeRunResult;
    expect(planLocatedRun(closed, located, "eu", rejected, policy).own).toEqual(open(500));
  });
});
