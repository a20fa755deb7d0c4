import { describe, expect, it } from "vitest";
import { createTicker, formatRelative } from "./relative-time";

const at = Date.parse("2026-12-01T12:00:00Z");
const iso = (offsetSeconds: number) => new Date(at + offsetSeconds * 1000).toISOString();

describe("formatRelative", () => {
  it("says how long ago a past event was", () => {
    expect(formatRelative(iso(-1), at)).toBe("just now");
    expect(formatRelative(iso(-24), at)).toBe("24s ago");
    expect(formatRelative(iso(-90), at)).toBe("1m ago");
    expect(formatRelative(iso(-7_200), at)).toBe("2h ago");
    expect(formatRelative(iso(-3 * 86_400), at)).toBe("3d ago");
  });

  it("never shows a past event as a future one, even when the clock reading is behind it", () => {
    expect(formatRelative(iso(24), at)).toBe("just now");
    expect(formatRelative(iso(60), at, "past")).toBe("just now");
  });

  it("shows what is due in the future, and a due time already passed as now", () => {
    expect(formatRelative(iso(24), at, "future")).toBe("in 24s");
    expect(formatRelative(iso(-30), at, "future")).toBe("now");
    expect(formatRelative(iso(-30), at, "either")).toBe("30s ago");
    expect(formatRelative(iso(120), at, "either")).toBe("in 2m");
  });
});

describe("createTicker", () => {
  it("reads the clock afresh while nothing subscribes (a server render, a page opened later)", () => {
    let clock = at;
    const ticker = createTicker(() => clock);
    expect(ticker.getSnapshot()).toBe(at);
    clock = at + 95_000;
    // The stale-clock bug: a module-level reading that the server never advanced showed "in 1m" for past runs.
    expect(ticker.getSnapshot()).toBe(at + 95_000);
    expect(formatRelative(iso(30), ticker.getSnapshot())).toBe("1m ago");
  });

  it("ticks subscribers once per second of the clock and stops when the last one leaves", () => {
    let clock = at + 400;
    const ticks: (() => void)[] = [];
    let cleared = 0;
    const original = globalThis.clearInterval;
    globalThis.clearInterval = (() => cleared++) as typeof clearInterval;
    try {
      const ticker = createTicker(
        () => clock,
        (fn) => {
          ticks.push(fn);
          return {};
        },
      );
      const tick = () => {
        if (!ticks[0]) throw new Error("the ticker never started");
        ticks[0]();
      };
      let seen = 0;
      const unsubscribe = ticker.subscribe(() => seen++);
      expect(ticker.getSnapshot()).toBe(at);
      clock = at + 900;
      tick();
      expect(seen).toBe(0);
      clock = at + 1_100;
      tick();
      expect(seen).toBe(1);
      expect(ticker.getSnapshot()).toBe(at + 1_000);
      unsubscribe();
      expect(cleared).toBe(1);
    } finally {
      globalThis.clearInterval = original;
    }
  });
});
