import { describe, expect, it } from "vitest";
import { monthRange } from "./month";
import { buildReport } from "./report";
import { coverageNote, formatMinutes, incidentRows, monthLabel, verdict } from "./report-view";

describe("report words", () => {
  it("names months and minutes", () => {
    expect(monthLabel("2028-02")).toBe("February 2028");
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(0.2)).toBe("< 1 min");
    expect(formatMinutes(45.4)).toBe("45 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(72)).toBe("1 h 12 min");
  });
  it("gives verdicts a tone", () => {
    expect(verdict(true, "objective")).toEqual({ label: "Met", tone: "ok" });
    expect(verdict(false, "SLA")).toEqual({ label: "Missed", tone: "bad" });
    expect(verdict(null, "SLA").label).toBe("No SLA");
    expect(verdict(null, "objective").label).toBe("No data");
  });

  const base = { slos: [], integrations: [{ id: "a", name: "A", provider: "Stripe" }], providerCounts: {} };
  it("says which month, that it is the default, and where a month in progress stops", () => {
    const done = buildReport({ ...base, range: monthRange("2026-11"), now: Date.UTC(2026, 11, 2), incidents: [] });
    expect(coverageNote(done, true)).toBe(
      "November 2026, the last full calendar month (UTC). Every SLO is judged over the whole month, whatever its own window.",
    );
    const running = buildReport({ ...base, range: monthRange("2026-12"), now: Date.UTC(2026, 11, 2, 9, 38), incidents: [] });
    expect(coverageNote(running, false)).toBe("December 2026 (UTC). The month is in progress: figures run to 2026-12-02 09:38 UTC.");
    const ahead = buildReport({ ...base, range: monthRange("2027-01"), now: Date.UTC(2026, 11, 2), incidents: [] });
    expect(coverageNote(ahead, false)).toContain("has not started");
  });

  it("lists each incident once with what it counts against", () => {
    const r = buildReport({
      ...base,
      range: monthRange("2026-11"),
      now: Date.UTC(2026, 11, 2),
      slos: [
        { id: "s", name: "Payments", objectivePct: 99, slaPct: null, window: "rolling_7d", sli: { kind: "availability" }, integrationIds: ["a"], counts: [] },
      ],
      incidents: [
        {
          id: "i",
          ruleName: "r",
          integrationId: "a",
          severity: "critical",
          startedAt: Date.UTC(2026, 10, 3),
          resolvedAt: Date.UTC(2026, 10, 3, 1),
          summary: "",
        },
      ],
    });
    expect(incidentRows(r).map((i) => [i.id, i.countsAgainst])).toEqual([["i", ["Payments", "Stripe"]]]);
  });
});
