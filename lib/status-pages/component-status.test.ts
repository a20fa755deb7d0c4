import { describe, expect, it } from "vitest";
import { headlineOf, memberStatus, worstOf } from "./component-status";

describe("component status", () => {
  it("maps member health to Statuspage statuses, maintenance first", () => {
    expect(memberStatus("healthy", false)).toBe("operational");
    expect(memberStatus("paused", false)).toBe("operational");
    expect(memberStatus("pending", false)).toBe("operational");
    expect(memberStatus("degraded", false)).toBe("degraded_performance");
    expect(memberStatus("down", false)).toBe("major_outage");
    expect(memberStatus("down", true)).toBe("under_maintenance");
  });

  it("is the worst of its members", () => {
    expect(worstOf([])).toBe("operational");
    expect(worstOf(["operational", "degraded_performance", "operational"])).toBe("degraded_performance");
    expect(worstOf(["under_maintenance", "operational"])).toBe("under_maintenance");
    expect(worstOf(["degraded_performance", "major_outage", "under_maintenance"])).toBe("major_outage");
  });

  it("gives the headline: all operational, degraded, partial, major, maintenance", () => {
    expect(headlineOf([])).toEqual({ indicator: "none", description: "All systems operational" });
    expect(headlineOf(["operational", "operational"])).toEqual({ indicator: "none", description: "All systems operational" });
    expect(headlineOf(["operational", "degraded_performance"])).toEqual({ indicator: "minor", description: "Degraded performance" });
    expect(headlineOf(["operational", "major_outage"])).toEqual({ indicator: "major", description: "Partial outage" });
    expect(headlineOf(["major_outage", "major_outage"])).toEqual({ indicator: "critical", description: "Major outage" });
    expect(headlineOf(["operational", "under_maintenance"])).toEqual({ indicator: "maintenance", description: "Under maintenance" });
    expect(headlineOf(["under_maintenance", "degraded_performance"]).indicator).toBe("minor");
  });
});
