// Circuit breaker as a pure state machine: state and outcome in, next state and transition out, clock
// passed in. The worker persists the state per integration so it survives restarts and is shared by every
// worker in the fleet (an in-process breaker would give each worker its own view).

export type CircuitStateKind = "closed" | "open" | "half_open";

export interface CircuitSnapshot {
  state: CircuitStateKind;
  consecutiveFailures: number;
  /** When the circuit last opened (ms since epoch); drives the cooldown. */
  openedAt: number | null;
}

export interface CircuitPolicy {
  /** Consecutive failures that open a closed circuit. */
  failureThreshold: number;
  /** How long an open circuit rejects calls before it lets one trial through. */
  cooldownMs: number;
}

export interface CircuitTransition {
  from: CircuitStateKind;
  to: CircuitStateKind;
  reason: string;
}

export interface CircuitStep {
  next: CircuitSnapshot;
  transition: CircuitTransition | null;
}

export const initialCircuit: CircuitSnapshot = { state: "closed", consecutiveFailures: 0, openedAt: null };

function step(from: CircuitSnapshot, next: CircuitSnapshot, reason: string): CircuitStep {
  return {
    next,
    transition: from.state === next.state ? null : { from: from.state, to: next.state, reason },
  };
}

/**
 * Asks whether a call may go through now. An open circuit whose cooldown has passed moves to half-open and
 * admits the trial call; otherwise an open circuit rejects.
 */
export function admit(current: CircuitSnapshot, policy: CircuitPolicy, now: number): CircuitStep & { allowed: boolean } {
  if (current.state !== "open") return { allowed: true, next: current, transition: null };
  const openedAt = current.openedAt ?? now;
  if (now - openedAt < policy.cooldownMs) return { allowed: false, next: current, transition: null };
  const next: CircuitSnapshot = { ...current, state: "half_open" };
  return { allowed: true, ...step(current, next, `cooldown of ${Math.round(policy.cooldownMs / 1000)}s elapsed; allowing a trial probe`) };
}

/** Records the outcome of an admitted call. */
export function record(current: CircuitSnapshot, outcome: "success" | "failure", policy: CircuitPolicy, now: number): CircuitStep {
  if (outcome === "success") {
    const reason = current.state === "half_open" ? "trial probe succeeded" : "probe succeeded";
    return step(current, { state: "closed", consecutiveFailures: 0, openedAt: null }, reason);
  }
  const failures = current.consecutiveFailures + 1;
  if (current.state === "half_open") {
    return step(current, { state: "open", consecutiveFailures: failures, openedAt: now }, "trial probe failed");
  }
  if (current.state === "closed" && failures >= policy.failureThreshold) {
    return step(
      current,
      { state: "open", consecutiveFailures: failures, openedAt: now },
      `${failures} consecutive failure${failures === 1 ? "" : "s"} reached the threshold of ${policy.failureThreshold}`,
    );
  }
  // An open circuit that records a failure (a forced manual probe) stays open and restarts its cooldown.
  return step(current, { ...current, consecutiveFailures: failures, openedAt: current.state === "open" ? now : current.openedAt }, "probe failed");
}
