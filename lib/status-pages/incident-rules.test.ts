import { describe, expect, it } from "vitest";
import { componentStatusWithIncidents, decideUpdate, headlineWithIncidents, initialState, monthBounds, shiftMonth } from "./incident-rules";

const NOW = new Date("2026-12-02T12:00:00Z");

describe("decideUpdate", () => {
  it("moves between open statuses in any order, keeping resolvedAt empty", () => {
    const d = decideUpdate({ status: "monitoring", resolvedAt: null }, { status: "investigating" }, NOW);
    expect(d).toEqual({ kind: "apply", next: { status: "investigating", resolvedAt: null }, reopened: false });
  });

  it("resolving stamps resolvedAt with now", () => {
    const d = decideUpdate({ status: "monitoring", resolvedAt: null }, { status: "resolved" }, NOW);
    expect(d).toEqual({ kind: "apply", next: { status: "resolved", resolvedAt: NOW }, reopened: false });
  });

  it("refuses an update on a resolved incident unless it is reopened", () => {
    const resolved = { status: "resolved" as const, resolvedAt: new Date("2026-12-01T00:00:00Z") };
    expect(decideUpdate(resolved, { status: "investigating" }, NOW)).toMatchObject({ kind: "refuse", reason: expect.stringMatching(/reopen/) });
    expect(decideUpdate(resolved, { status: "resolved" }, NOW).kind).toBe("refuse");
  });

  it("reopening clears resolvedAt and needs an open status", () => {
    const resolved = { status: "resolved" as const, resolvedAt: new Date("2026-12-01T00:00:00Z") };
    expect(decideUpdate(resolved, { status: "identified", reopen: true }, NOW)).toEqual({
      kind: "apply",
      next: { status: "identified", resolvedAt: null },
      reopened: true,
    });
    expect(decideUpdate(resolved, { status: "resolved", reopen: true }, NOW).kind).toBe("refuse");
  });

  it("refuses reopen on an incident that is not resolved", () => {
    expect(decideUpdate({ status: "identified", resolvedAt: null }, { status: "monitoring", reopen: true }, NOW).kind).toBe("refuse");
  });

  it("an incident opened as resolved is resolved when it starts", () => {
    expect(initialState("resolved", NOW)).toEqual({ status: "resolved", resolvedAt: NOW });
    expect(initialState("investigating", NOW)).toEqual({ status: "investigating", resolvedAt: null });
  });
});

describe("impact on components and the headline", () => {
  const open = [
    { impact: "major" as const, componentIds: ["api"] },
    { impact: "none" as const, componentIds: ["web"] },
  ];

  it("a major incident's components show at least a partial outage; a worse measurement wins", () => {
    expect(componentStatusWithIncidents("api", "operational", open)).toBe("partial_outage");
    expect(componentStatusWithIncidents("api", "major_outage", open)).toBe("major_outage");
  });

  it("an incident of no impact, or one not naming the component, leaves it alone", () => {
    expect(componentStatusWithIncidents("web", "operational", open)).toBe("operational");
    expect(componentStatusWithIncidents("db", "degraded_performance", open)).toBe("degraded_performance");
    expect(componentStatusWithIncidents("db", "operational", [{ impact: "critical", componentIds: ["db"] }])).toBe("major_outage");
    expect(componentStatusWithIncidents("db", "operational", [{ impact: "minor", componentIds: ["db"] }])).toBe("degraded_performance");
  });

  it("the headline is the worse of the components' and the worst open impact", () => {
    const ok = { indicator: "none" as const, description: "All systems operational" };
    expect(headlineWithIncidents(ok, [])).toEqual(ok);
    expect(headlineWithIncidents(ok, [{ impact: "none" }])).toEqual(ok);
    expect(headlineWithIncidents(ok, [{ impact: "minor" }, { impact: "critical" }])).toEqual({ indicator: "critical", description: "Major outage" });
    const partial = { indicator: "major" as const, description: "Partial outage" };
    expect(headlineWithIncidents(partial, [{ impact: "minor" }])).toEqual(partial);
    expect(headlineWithIncidents({ indicator: "maintenance", description: "Under maintenance" }, [{ impact: "minor" }]).indicator).toBe("minor");
  });
});

describe("months of the archive", () => {
  it("bounds a month in UTC and refuses anything else", () => {
    expect(monthBounds("2026-02")).toEqual({ from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") });
    expect(monthBounds("2026-13")).toBeNull();
    expect(monthBounds("26-01")).toBeNull();
  });

  it("steps across years", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });
});
