import { describe, expect, it } from "vitest";
import { admit, initialCircuit, record, type CircuitPolicy, type CircuitSnapshot } from "./circuit";

const policy: CircuitPolicy = { failureThreshold: 3, cooldownMs: 60_000 };

function fail(s: CircuitSnapshot, now: number) {
  return record(s, "failure", policy, now);
}

describe("circuit breaker", () => {
  it("stays closed below the failure threshold and resets on success", () => {
    let s = fail(initialCircuit, 0).next;
    s = fail(s, 1).next;
    expect(s).toEqual({ state: "closed", consecutiveFailures: 2, openedAt: null });
    const ok = record(s, "success", policy, 2);
    expect(ok.next).toEqual(initialCircuit);
    expect(ok.transition).toBeNull();
  });

  it("opens on the threshold-th consecutive failure, with a transition saying why", () => {
    let s = initialCircuit;
    for (let i = 0; i < 2; i++) s = fail(s, i).next;
    const step = fail(s, 1_000);
    expect(step.next).toEqual({ state: "open", consecutiveFailures: 3, openedAt: 1_000 });
    expect(step.transition).toEqual({ from: "closed", to: "open", reason: "3 consecutive failures reached the threshold of 3" });
  });

  it("rejects while open, until the cooldown has elapsed on the injected clock", () => {
    const open: CircuitSnapshot = { state: "open", consecutiveFailures: 3, openedAt: 10_000 };
    expect(admit(open, policy, 10_000 + 59_999)).toMatchObject({ allowed: false, transition: null });
    const trial = admit(open, policy, 10_000 + 60_000);
    expect(trial.allowed).toBe(true);
    expect(trial.next.state).toBe("half_open");
    expect(trial.transition).toMatchObject({ from: "open", to: "half_open" });
  });

  it("closes after a successful trial and re-opens after a failed one, restarting the cooldown", () => {
    const half: CircuitSnapshot = { state: "half_open", consecutiveFailures: 3, openedAt: 0 };
    expect(record(half, "success", policy, 70_000)).toEqual({
      next: initialCircuit,
      transition: { from: "half_open", to: "closed", reason: "trial probe succeeded" },
    });
    const reopened = record(half, "failure", policy, 70_000);
    expect(reopened.next).toEqual({ state: "open", consecutiveFailures: 4, openedAt: 70_000 });
    expect(admit(reopened.next, policy, 70_000 + 59_000).allowed).toBe(false);
  });

  it("admits everything while closed or half-open", () => {
    expect(admit(initialCircuit, policy, 0).allowed).toBe(true);
    expect(admit({ state: "half_open", consecutiveFailures: 3, openedAt: 0 }, policy, 1).allowed).toBe(true);
  });

  it("keeps an open circuit open on a forced failed probe and restarts its cooldown", () => {
    const open: CircuitSnapshot = { state: "open", consecutiveFailures: 5, openedAt: 0 };
    const step = fail(open, 30_000);
    expect(step.next).toEqual({ state: "open", consecutiveFailures: 6, openedAt: 30_000 });
    expect(step.transition).toBeNull();
  });
});
