import { describe, expect, it } from "vitest";
import { timeTicks } from "./time-ticks";

const at = (iso: string) => Date.parse(iso);
const iso = (ts: number[]) => ts.map((t) => new Date(t).toISOString().slice(11, 16));

describe("timeTicks", () => {
  it("puts a 1-hour chart's ticks on round ten minutes, not on its first data point", () => {
    const ticks = timeTicks(at("2026-12-07T13:12:37Z"), at("2026-12-07T14:11:05Z"), 8);
    expect(iso(ticks)).toEqual(["13:20", "13:30", "13:40", "13:50", "14:00", "14:10"]);
  });

  it("never gives more ticks than asked for, and keeps every tick inside the data's range", () => {
    for (const [span, max] of [
      [3_600_000, 6],
      [86_400_000, 8],
      [7 * 86_400_000, 7],
      [90 * 86_400_000, 6],
    ] as const) {
      const min = at("2026-12-01T00:07:00Z");
      const ticks = timeTicks(min, min + span, max);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(max);
      expect(ticks[0]!).toBeGreaterThanOrEqual(min);
      expect(ticks.at(-1)!).toBeLessThanOrEqual(min + span);
    }
  });

  it("aligns to the viewer's midnight and hours, not UTC's", () => {
    // UTC+5:30: local midnight is 18:30 UTC the day before.
    const offset = 5.5 * 3_600_000;
    const ticks = timeTicks(at("2026-12-01T00:00:00Z"), at("2026-12-08T00:00:00Z"), 8, offset);
    expect(iso(ticks).every((t) => t === "18:30")).toBe(true);
    const hourly = timeTicks(at("2026-12-01T00:00:00Z"), at("2026-12-01T06:00:00Z"), 6, offset);
    expect(iso(hourly)).toEqual(["00:30", "01:30", "02:30", "03:30", "04:30", "05:30"]);
  });

  it("gives nothing for an empty or reversed range", () => {
    expect(timeTicks(5, 5, 6)).toEqual([]);
    expect(timeTicks(10, 5, 6)).toEqual([]);
    expect(timeTicks(Number.NaN, 5, 6)).toEqual([]);
  });
});
