import { describe, expect, it } from "vitest";
import { SLO_BURN_WINDOWS, sloMetricFamilies } from "./slo-metrics";

const MIN = 60_000;
const now = Date.UTC(2026, 11, 2, 12, 0, 0);

describe("sloMetricFamilies", () => {
  it("uses the burn-rate presets' windows, shortest first", () => {
    expect(SLO_BURN_WINDOWS).toEqual([
      { label: "5m", minutes: 5 },
      { label: "30m", minutes: 30 },
      { label: "1h", minutes: 60 },
      { label: "6h", minutes: 360 },
      { label: "3d", minutes: 4_320 },
    ]);
  });

  it("computes the budget left over the window and the burn rate over each burn window; absent with no events", () => {
    const counts = [
      // 3 hours ago: 1,000 runs, 1 bad. 2 minutes ago: 100 runs, 2 bad.
      { start: now - 180 * MIN, total: 1_000, good: 999 },
      { start: now - 2 * MIN, total: 100, good: 98 },
    ];
    const [remaining, burn] = sloMetricFamilies(
      [
        { id: "s1", name: "Checkout", objectivePct: 99, range: { from: now - 7 * 1_440 * MIN, to: now }, counts },
        { id: "s2", name: "Quiet", objectivePct: 99.9, range: { from: now - 7 * 1_440 * MIN, to: now }, counts: [] },
      ],
      now,
    );
    expect(remaining!.name).toBe("tether_slo_error_budget_remaining_ratio");
    // 3 bad of 1,100 against a 1% budget: 3/1100/0.01 = 0.2727 burnt.
    expect(remaining!.samples).toHaveLength(1);
    expect(remaining!.samples[0]!.labels).toEqual({ slo: "Checkout", slo_id: "s1" });
    expect(remaining!.samples[0]!.value).toBeCloseTo(1 - 3 / 1_100 / 0.01);
    const rate = (w: string) => burn!.samples.find((s) => s.labels.window === w)?.value;
    expect(rate("5m")).toBeCloseTo(2);
    expect(rate("1h")).toBeCloseTo(2);
    expect(rate("6h")).toBeCloseTo(3 / 1_100 / 0.01);
    expect(rate("3d")).toBeCloseTo(3 / 1_100 / 0.01);
    expect(burn!.samples.every((s) => s.labels.slo_id === "s1")).toBe(true);
  });
});
