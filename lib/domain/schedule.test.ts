import { describe, expect, it } from "vitest";
import { nextSlotAfter } from "./schedule";

describe("nextSlotAfter", () => {
  it("anchors on the previous slot, not on when the run finished", () => {
    expect(nextSlotAfter(0, 30_000, 1_200)).toBe(30_000);
  });
  it("skips slots missed while no worker ran instead of replaying them", () => {
    expect(nextSlotAfter(0, 30_000, 95_000)).toBe(120_000);
    expect(nextSlotAfter(0, 30_000, 90_000)).toBe(120_000);
  });
});
