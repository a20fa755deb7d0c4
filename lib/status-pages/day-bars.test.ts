import { describe, expect, it } from "vitest";
import { componentHistory, describeDay, formatUptime, HISTORY_DAYS, type MemberDay } from "./day-bars";

const NOW = Date.parse("2026-12-02T15:30:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const row = (integrationId: string, iso: string, runs: number, failures: number, downtimeMinutes = 0): MemberDay => ({
  integrationId,
  day: day(iso),
  runs,
  failures,
  downtimeMinutes,
});

describe("componentHistory", () => {
  it("has 90 bars, oldest first, ending today (UTC), days without runs as no data", () => {
    const { bars, uptime } = componentHistory(new Set(["a"]), [], [], NOW);
    expect(bars).toHaveLength(HISTORY_DAYS);
    expect(bars[0]?.date).toBe("2026-09-04");
    expect(bars.at(-1)?.date).toBe("2026-12-02");
    expect(bars.every((b) => b.level === "no_data" && b.uptime === null)).toBe(true);
    expect(uptime).toBeNull();
  });

  it("sums members per day, keeps the worst member's downtime, counts incidents on their start day and ignores non-members and days outside the window", () => {
    const days = [
      row("a", "2026-12-01", 100, 0),
      row("b", "2026-12-01", 100, 10, 30),
      row("a", "2026-12-02", 50, 1, 2),
      row("b", "2026-12-02", 50, 0),
      row("other", "2026-12-02", 50, 50, 600),
      row("a", "2026-01-01", 10, 10, 600),
    ];
    const incidents = [new Date("2026-12-01T08:00:00Z"), new Date("2026-12-01T23:59:00Z"), new Date("2025-01-01T00:00:00Z")];
    const { bars, uptime } = componentHistory(new Set(["a", "b"]), days, incidents, NOW);
    const [dec1, dec2] = bars.slice(-2);
    expect(dec1).toEqual({ date: "2026-12-01", runs: 200, failures: 10, uptime: 0.95, downtimeMinutes: 30, incidents: 2, level: "degraded" });
    expect(dec2).toEqual({ date: "2026-12-02", runs: 100, failures: 1, uptime: 0.99, downtimeMinutes: 2, incidents: 0, level: "degraded" });
    expect(uptime).toBeCloseTo(289 / 300, 10);
  });

  it("calls a clean day operational and a bad one an outage", () => {
    const { bars } = componentHistory(new Set(["a"]), [row("a", "2026-11-30", 60, 0), row("a", "2026-12-01", 60, 30, 720)], [], NOW);
    expect(bars.at(-3)?.level).toBe("operational");
    expect(bars.at(-2)?.level).toBe("outage");
  });
});

describe("describeDay / formatUptime", () => {
  it("reads a day for a screen reader", () => {
    expect(describeDay({ date: "2026-12-01", runs: 200, failures: 10, uptime: 0.95, downtimeMinutes: 30, incidents: 2, level: "degraded" })).toBe(
      "Tue, 1 Dec 2026: 95.00% uptime, 30 min down, 2 incidents",
    );
    expect(describeDay({ date: "2026-12-01", runs: 0, failures: 0, uptime: null, downtimeMinutes: 0, incidents: 0, level: "no_data" })).toBe(
      "Tue, 1 Dec 2026: no data",
    );
  });

  it("never rounds up to 100% while anything failed", () => {
    expect(formatUptime(0.99999)).toBe("99.99%");
    expect(formatUptime(1)).toBe("100.00%");
    expect(formatUptime(null)).toBe("—");
  });
});
