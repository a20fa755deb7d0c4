import { describe, expect, it } from "vitest";
import { elapsed, lastFullMonth, minutesBetween, monthOf, monthRange, monthSchema } from "./month";

describe("report months", () => {
  it("spans first UTC midnight to the next month's", () => {
    expect(monthRange("2026-11")).toEqual({ month: "2026-11", from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) });
    // December rolls into the next year.
    expect(monthRange("2026-12").to).toBe(Date.UTC(2027, 0, 1));
  });
  it("knows leap Februaries", () => {
    const leap = monthRange("2028-02");
    expect(minutesBetween(leap.from, leap.to)).toBe(29 * 24 * 60);
    const plain = monthRange("2027-02");
    expect(minutesBetween(plain.from, plain.to)).toBe(28 * 24 * 60);
    expect(minutesBetween(monthRange("2100-02").from, monthRange("2100-02").to)).toBe(28 * 24 * 60);
  });
  it("defaults to the last full month, across the year boundary, at the very first instant of a month", () => {
    expect(lastFullMonth(Date.UTC(2026, 11, 2, 9, 38))).toBe("2026-11");
    expect(lastFullMonth(Date.UTC(2027, 0, 1, 0, 0, 0, 0))).toBe("2026-12");
    expect(lastFullMonth(Date.UTC(2026, 11, 1) - 1)).toBe("2026-10");
    expect(monthOf(Date.UTC(2028, 1, 29, 23, 59))).toBe("2028-02");
  });
  it("stops a month in progress at now", () => {
    const r = monthRange("2026-12");
    expect(elapsed(r, Date.UTC(2026, 11, 2, 9))).toEqual({ state: "in_progress", to: Date.UTC(2026, 11, 2, 9) });
    expect(elapsed(r, Date.UTC(2027, 0, 1))).toEqual({ state: "complete", to: r.to });
    expect(elapsed(r, Date.UTC(2026, 10, 30))).toEqual({ state: "future", to: r.from });
  });
  it("accepts YYYY-MM only", () => {
    expect(monthSchema.safeParse("2026-11").success).toBe(true);
    for (const bad of ["2026-13", "2026-1", "26-11", "2026-00", "1999-12", "2026-11-01", ""]) expect(monthSchema.safeParse(bad).success, bad).toBe(false);
  });
});
