import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDuration, formatMs, formatPercent, formatRuns, formatTick, formatWhen } from "./format";

describe("formatMs", () => {
  it("says ms below a second and seconds above, a dash for nothing", () => {
    expect([null, undefined, 0.4, 42.4, 999, 1_234, 12_345].map(formatMs)).toEqual(["—", "—", "<1 ms", "42 ms", "999 ms", "1.23 s", "12.3 s"]);
  });
});

describe("formatPercent", () => {
  it("turns a ratio into a percentage with the digits asked for", () => {
    expect(formatPercent(0.99953)).toBe("99.95%");
    expect(formatPercent(0.0512, 1)).toBe("5.1%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("reads like a person says it", () => {
    expect([30_000, 240_000, 3_600_000, 7_500_000, 86_400_000 + 4 * 3_600_000, 2 * 86_400_000].map(formatDuration)).toEqual([
      "30 s",
      "4 min",
      "1 h",
      "2 h 5 min",
      "1 d 4 h",
      "2 d",
    ]);
  });

  it("never goes negative", () => {
    expect(formatDuration(-5_000)).toBe("0 s");
  });
});

describe("formatRuns", () => {
  it("says one run, not one runs", () => {
    expect(formatRuns(1)).toBe("1 run");
    expect(formatRuns(0)).toBe("0 runs");
    expect(formatRuns(12_345)).toBe("12,345 runs");
  });
});

describe("formatCount", () => {
  it("groups digits for the locale", () => {
    expect(formatCount(1_234_567, "en-US")).toBe("1,234,567");
    expect(formatCount(12, "en-US")).toBe("12");
  });
});

describe("formatBytes", () => {
  it("uses binary units, one decimal below ten", () => {
    expect([0, 512, 1_023, 1_024, 1_260, 262_144, 1_048_576, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      "0 B",
      "512 B",
      "1023 B",
      "1 KiB",
      "1.2 KiB",
      "256 KiB",
      "1 MiB",
      "5 GiB",
    ]);
  });
});

describe("dates", () => {
  it("shows seconds only when asked", () => {
    const at = Date.UTC(2026, 2, 4, 9, 12, 5);
    expect(formatWhen(at, { seconds: true }).length).toBeGreaterThan(formatWhen(at).length);
  });

  it("ticks by day on charts longer than two days, else by time of day", () => {
    const t = Date.UTC(2026, 2, 4, 9, 12);
    expect(formatTick(t, 3 * 86_400_000)).toBe(new Date(t).toLocaleDateString(undefined, { month: "short", day: "numeric" }));
    expect(formatTick(t, 3_600_000)).toBe(new Date(t).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }));
  });
});
