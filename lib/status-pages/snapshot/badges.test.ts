import { describe, expect, it } from "vitest";
import { badgeFigures, type HourRow, type WindowSums } from "./badge-figures";
import { badgeKindOf, badgeSvg, componentBadge } from "./badge-svg";
import { widgetFrameAncestors } from "./cache";
import { encodingFor } from "../../http/status-fast-path";
import { badgeMarkdown, widgetSnippet } from "../embed-snippets";

const NOW = Date.UTC(2026, 11, 2, 12);
const sums = (id: string, r: number, f: number): WindowSums => ({
  integrationId: id,
  runs24h: r,
  failures24h: f,
  runs7d: r * 7,
  failures7d: f,
  runs30d: r * 30,
  failures30d: f,
});
const hour = (id: string, hoursAgo: number, idx: number[], cnt: number[]): HourRow => ({
  integrationId: id,
  bucket: new Date(NOW - hoursAgo * 3_600_000),
  count: cnt.reduce((a, b) => a + b, 0),
  failures: 0,
  latencyMaxMs: 900,
  histIdx: idx,
  histCnt: cnt,
});

describe("badge figures", () => {
  it("pool the members' runs per window and merge their last day's histograms for p95", () => {
    const f = badgeFigures(
      "operational",
      new Set(["a", "b"]),
      [sums("a", 100, 1), sums("b", 100, 3), sums("c", 100, 100)],
      [hour("a", 1, [10], [95]), hour("b", 2, [40], [5]), hour("c", 1, [60], [1000])],
      NOW,
    );
    expect(f.uptime24h).toBeCloseTo(196 / 200);
    expect(f.uptime7d).toBeCloseTo(1396 / 1400);
    expect(f.uptime30d).toBeCloseTo(5996 / 6000);
    expect(f.p95Ms).not.toBeNull();
    // 95 of 100 samples in bucket 10: the p95 is that bucket's bound, not the slow member's.
    const slowerOnly = badgeFigures("operational", new Set(["b"]), [], [hour("b", 2, [40], [5])], NOW);
    expect(f.p95Ms!).toBeLessThan(slowerOnly.p95Ms!);
  });

  it("say nothing without runs", () => {
    expect(badgeFigures("operational", new Set(["a"]), [], [], NOW)).toEqual({
      status: "operational",
      uptime24h: null,
      uptime7d: null,
      uptime30d: null,
      p95Ms: null,
    });
  });
});

describe("badge SVG", () => {
  it("is a labelled image with the message, colour by status", () => {
    const svg = componentBadge("status", "Payments <EU>", { status: "major_outage", uptime24h: null, uptime7d: null, uptime30d: null, p95Ms: null });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="Payments &#60;EU&#62;: major outage">/);
    expect(svg).toContain("#d93a2b");
    expect(componentBadge("uptime-30d", "x", { status: "operational", uptime24h: null, uptime7d: null, uptime30d: 0.99991, p95Ms: null })).toContain("99.99%");
    expect(componentBadge("p95", "x", { status: "operational", uptime24h: null, uptime7d: null, uptime30d: null, p95Ms: 182.4 })).toContain("182 ms");
  });

  it("grows with its text", () => {
    const width = (s: string) => Number(/width="(\d+)"/.exec(s)![1]);
    expect(width(badgeSvg("a", "b", "#000"))).toBeLessThan(width(badgeSvg("a much longer label", "b", "#000")));
  });

  it("is named by file", () => {
    expect(badgeKindOf("status.svg")).toBe("status");
    expect(badgeKindOf("uptime-7d.svg")).toBe("uptime-7d");
    expect(badgeKindOf("uptime-7d")).toBeNull();
    expect(badgeKindOf("../x.svg")).toBeNull();
  });
});

describe("serving details", () => {
  it("picks brotli, then gzip", () => {
    expect(encodingFor("gzip, deflate, br")).toBe("br");
    expect(encodingFor("gzip")).toBe("gzip");
    expect(encodingFor(undefined)).toBe("identity");
  });

  it("lets the widget be framed by anyone unless configured, and keeps a configured list to valid sources", () => {
    expect(widgetFrameAncestors({})).toBe("*");
    expect(widgetFrameAncestors({ TETHER_STATUS_WIDGET_FRAME_ANCESTORS: "'self' https://docs.example.com https://*.example.org" })).toBe(
      "'self' https://docs.example.com https://*.example.org",
    );
    // A source carrying ";" is dropped, so no directive can be added; the rest stays frame-ancestors' sources.
    expect(widgetFrameAncestors({ TETHER_STATUS_WIDGET_FRAME_ANCESTORS: "https://a.example; script-src *" })).toBe("script-src *");
    expect(widgetFrameAncestors({ TETHER_STATUS_WIDGET_FRAME_ANCESTORS: '; "x"' })).toBe("'none'");
  });

  it("gives copy-paste snippets with the page's address", () => {
    expect(widgetSnippet("https://t.example", "acme", 'A "B"')).toBe(
      '<iframe src="https://t.example/status/acme/widget" title="A &quot;B&quot; status" width="320" height="120" style="border:0" loading="lazy"></iframe>',
    );
    expect(badgeMarkdown("https://t.example", "acme", "api", "API")).toContain(
      "[![API status](https://t.example/status/acme/badge/api/status.svg)](https://t.example/status/acme)",
    );
  });
});
