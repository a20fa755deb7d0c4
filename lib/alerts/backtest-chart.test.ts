import { describe, expect, it } from "vitest";
import { backtestHeadline, backtestYMax, firingsByIntegration, formatBacktestValue, toBacktestRows, toFiringAreas } from "./backtest-chart";
import type { BacktestResult } from "./types";

const A = "a0000000-0000-4000-8000-000000000001";
const B = "b0000000-0000-4000-8000-000000000002";

function result(over: Partial<BacktestResult> = {}): BacktestResult {
  return {
    firings: [],
    series: [
      { t: "2026-11-20T10:00:00.000Z", value: 0 },
      { t: "2026-11-20T10:01:00.000Z", value: 50 },
      { t: "2026-11-20T10:02:00.000Z", value: null },
    ],
    seriesIntegrationId: A,
    unit: "%",
    threshold: 20,
    resolveThreshold: 10,
    evaluatedIntegrations: 2,
    skippedIntegrations: 0,
    from: "2026-11-20T10:00:00.000Z",
    to: "2026-11-20T10:03:00.000Z",
    note: null,
    supported: true,
    ...over,
  };
}

const firing = (integrationId: string, start: string, end: string | null, integrationName = integrationId === A ? "Payments" : "Search") => ({
  integrationId,
  integrationName,
  start,
  end,
  peak: 50,
});

describe("backtestHeadline", () => {
  it("counts firings, says once/twice, and names several integrations", () => {
    expect(backtestHeadline(result(), 7)).toBe("This rule would not have fired in the last 7 days.");
    expect(backtestHeadline(result({ firings: [firing(A, "2026-11-20T10:01:00Z", null)] }), 7)).toBe("This rule would have fired once in the last 7 days.");
    const three = [firing(A, "2026-11-20T10:00:00Z", "2026-11-20T10:01:00Z"), firing(A, "2026-11-20T10:02:00Z", null), firing(B, "2026-11-20T10:01:00Z", null)];
    expect(backtestHeadline(result({ firings: three }), 1)).toBe("This rule would have fired 3 times in the last day across 2 integrations.");
  });

  it("shows the note when the kind cannot be backtested, and says when nothing is in scope", () => {
    expect(backtestHeadline(result({ supported: false, note: "TLS expiry cannot be backtested: no history is stored" }), 7)).toBe(
      "TLS expiry cannot be backtested: no history is stored",
    );
    expect(backtestHeadline(result({ evaluatedIntegrations: 0 }), 7)).toBe("No integration is in this rule's scope yet.");
  });
});

describe("chart data", () => {
  it("starts at the first stored value", () => {
    const series = [{ t: "2026-11-20T09:58:00.000Z", value: null }, ...result().series];
    expect(toBacktestRows(result({ series }))[0]).toEqual({ t: Date.parse("2026-11-20T10:00:00Z"), value: 0 });
    expect(toBacktestRows(result({ series: [{ t: "2026-11-20T09:58:00.000Z", value: null }] }))).toEqual([]);
  });

  it("maps the series to rows, keeping gaps", () => {
    expect(toBacktestRows(result())).toEqual([
      { t: Date.parse("2026-11-20T10:00:00Z"), value: 0 },
      { t: Date.parse("2026-11-20T10:01:00Z"), value: 50 },
      { t: Date.parse("2026-11-20T10:02:00Z"), value: null },
    ]);
  });

  it("folds a long series into buckets that keep their highest value", () => {
    const series = Array.from({ length: 10 }, (_, i) => ({
      t: new Date(Date.parse("2026-11-20T10:00:00Z") + i * 60_000).toISOString(),
      value: i === 3 ? 90 : i >= 8 ? null : 5,
    }));
    expect(toBacktestRows(result({ series }), 4)).toEqual([
      { t: Date.parse("2026-11-20T10:00:00Z"), value: 5 },
      { t: Date.parse("2026-11-20T10:03:00Z"), value: 90 },
      { t: Date.parse("2026-11-20T10:06:00Z"), value: 5 },
      { t: Date.parse("2026-11-20T10:09:00Z"), value: null },
    ]);
  });

  it("shades only the charted integration's firings, clipped to the window, open ones to its end", () => {
    const r = result({
      firings: [firing(A, "2026-11-20T10:02:00Z", null), firing(B, "2026-11-20T10:00:00Z", null), firing(A, "2026-11-20T09:00:00Z", "2026-11-20T10:01:00Z")],
    });
    expect(toFiringAreas(r)).toEqual([
      { x1: Date.parse("2026-11-20T10:00:00Z"), x2: Date.parse("2026-11-20T10:01:00Z"), open: false, peak: 50 },
      { x1: Date.parse("2026-11-20T10:02:00Z"), x2: Date.parse("2026-11-20T10:03:00Z"), open: true, peak: 50 },
    ]);
  });

  it("lists integrations by how often they fired", () => {
    const r = result({ firings: [firing(A, "2026-11-20T10:00:00Z", null), firing(B, "2026-11-20T10:00:00Z", null), firing(B, "2026-11-20T10:02:00Z", null)] });
    expect(firingsByIntegration(r)).toEqual([
      { integrationId: B, name: "Search", count: 2 },
      { integrationId: A, name: "Payments", count: 1 },
    ]);
  });

  it("fits the data and thresholds on the y axis, a percentage capped at 100", () => {
    expect(backtestYMax(result(), toBacktestRows(result()))).toBe(58);
    const high = result({ series: [{ t: "2026-11-20T10:00:00Z", value: 100 }] });
    expect(backtestYMax(high, toBacktestRows(high))).toBe(100);
    const ms = result({ unit: "ms", threshold: 1000, series: [{ t: "2026-11-20T10:00:00Z", value: 200 }] });
    expect(backtestYMax(ms, toBacktestRows(ms))).toBe(1150);
  });

  it("formats values in the result's unit", () => {
    expect(formatBacktestValue(42.345, "%")).toBe("42.3%");
    expect(formatBacktestValue(1200, "ms")).toBe("1,200 ms");
    expect(formatBacktestValue(3, "failures")).toBe("3 failures");
    expect(formatBacktestValue(null, "%")).toBe("no data");
  });
});
