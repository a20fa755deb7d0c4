import { describe, expect, it } from "vitest";
import { budgetDomain, burnTone, formatAchieved, formatBurn, formatRatioPct, toBudgetRows } from "./budget-chart";

describe("budget chart mapper", () => {
  it("turns daily points into percent rows, keeping days without events empty", () => {
    const rows = toBudgetRows([
      { day: "2026-11-01T00:00:00.000Z", budgetRemaining: null },
      { day: "2026-11-02T00:00:00.000Z", budgetRemaining: 0.98765 },
      { day: "2026-11-03T00:00:00.000Z", budgetRemaining: -0.5 },
    ]);
    expect(rows).toEqual([
      { t: Date.UTC(2026, 10, 1), remainingPct: null },
      { t: Date.UTC(2026, 10, 2), remainingPct: 98.8 },
      { t: Date.UTC(2026, 10, 3), remainingPct: -50 },
    ]);
    expect(budgetDomain(rows)).toEqual([-50, 100]);
    expect(budgetDomain(rows.slice(0, 2))).toEqual([0, 100]);
  });

  it("formats the figures", () => {
    expect(formatRatioPct(0.4567)).toBe("45.7%");
    expect(formatRatioPct(null)).toBe("—");
    // Achieved is rounded down, so 99.8999 never reads as meeting 99.9.
    expect(formatAchieved(99.8999)).toBe("99.899%");
    expect(formatBurn(14.44)).toBe("14.4×");
    expect(formatBurn(0.123)).toBe("0.12×");
    expect([burnTone(null), burnTone(0.5), burnTone(2), burnTone(14.4)]).toEqual([undefined, "ok", "warn", "bad"]);
  });
});
