import { describe, expect, it } from "vitest";
import { healthOf, uptimeOf } from "./health";

const base = { enabled: true, circuit: "closed" as const, lastRunOk: true, errorRate: 0, consecutiveFailures: 0 };

describe("healthOf", () => {
  it.each([
    [{ ...base, enabled: false, circuit: "open" as const }, "paused"],
    [{ ...base, circuit: "open" as const, lastRunOk: true }, "down"],
    [{ ...base, lastRunOk: null, errorRate: null }, "pending"],
    [{ ...base, lastRunOk: false, consecutiveFailures: 1 }, "degraded"],
    [{ ...base, lastRunOk: false, consecutiveFailures: 2 }, "down"],
    [{ ...base, errorRate: 0.051 }, "degraded"],
    [{ ...base, circuit: "half_open" as const }, "degraded"],
    [{ ...base, errorRate: 0.05 }, "healthy"],
  ])("%j -> %s", (input, expected) => {
    expect(healthOf(input)).toBe(expected);
  });

  it("computes uptime, null without runs", () => {
    expect(uptimeOf(0, 0)).toBeNull();
    expect(uptimeOf(200, 1)).toBe(0.995);
  });
});

describe("healthOf with locations", () => {
  const quorum = (failing: string[], reporting: number, down: boolean) => ({ failing, reporting, needed: 2, down });
  it("goes by the quorum of locations rather than the last run written", () => {
    expect(healthOf({ ...base, lastRunOk: false, consecutiveFailures: 3, quorum: quorum(["eu-west"], 3, false) })).toBe("degraded");
    expect(healthOf({ ...base, lastRunOk: true, quorum: quorum(["eu-west", "us-east"], 3, true) })).toBe("down");
    expect(healthOf({ ...base, quorum: quorum([], 3, false) })).toBe("healthy");
    expect(healthOf({ ...base, quorum: quorum([], 0, false) })).toBe("pending");
    expect(healthOf({ ...base, circuit: "open", quorum: quorum([], 3, false) })).toBe("down");
  });
});
