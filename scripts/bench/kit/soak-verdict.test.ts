import { describe, expect, it } from "vitest";
import { soakVerdict, type SoakMinute } from "./soak-verdict";

const rows = (rss: number[], lag: number[] = rss.map(() => 100)): SoakMinute[] => rss.map((rssMiB, i) => ({ minute: i + 1, rssMiB, lagP99Ms: lag[i]! }));

describe("soakVerdict", () => {
  it("a sawtooth around a steady level passes, even when the warm-up's last minute was its lowest sample", () => {
    // The 2026-12-03 run's shape: minute 5 at 455, later minutes 480-584 with no trend.
    const v = soakVerdict(
      rows([
        597, 483, 473, 485, 455, 462, 561, 564, 512, 547, 536, 551, 480, 490, 519, 480, 491, 496, 524, 556, 507, 512, 584, 533, 517, 517, 517, 524, 518, 544,
      ]),
      5,
    );
    expect(v.window).toBe(5);
    expect(v.rssOk).toBe(true);
    expect(Math.abs(v.rssSlopeMiBPerMinute)).toBeLessThan(2);
  });

  it("a steady climb fails: 2% a minute after the warm-up", () => {
    const v = soakVerdict(rows(Array.from({ length: 30 }, (_, i) => 400 * 1.02 ** Math.max(0, i - 4))), 5);
    expect(v.rssOk).toBe(false);
    expect(v.rssGrowth).toBeGreaterThan(0.3);
    expect(v.rssSlopeMiBPerMinute).toBeGreaterThan(8);
  });

  it("lag that doubles by the end is not flat; a small p99 may jitter by 50 ms", () => {
    const rss = Array.from({ length: 20 }, () => 300);
    expect(
      soakVerdict(
        rows(
          rss,
          rss.map((_, i) => (i < 10 ? 200 : 400)),
        ),
        5,
      ).lagOk,
    ).toBe(false);
    expect(
      soakVerdict(
        rows(
          rss,
          rss.map((_, i) => (i < 10 ? 20 : 65)),
        ),
        5,
      ).lagOk,
    ).toBe(true);
  });

  it("refuses a run too short to judge", () => {
    expect(() => soakVerdict(rows([300, 300, 300, 300, 300, 300]), 5)).toThrow(/at least 2 minutes/);
  });
});
