import { describe, expect, it } from "vitest";
import type { DayBar, DayLevel } from "../day-bars";
import type { PublicStatusPage } from "../public-view";
import { barsSvg, dayCode, escapeHtml, statusPageHtml, statusWidgetHtml } from "./page-html";

const bar = (level: DayLevel, k: number, extra: Partial<DayBar> = {}): DayBar => ({
  date: new Date(Date.UTC(2026, 8, 4) + k * 86_400_000).toISOString().slice(0, 10),
  runs: level === "no_data" ? 0 : 1440,
  failures: level === "operational" || level === "no_data" ? 0 : level === "degraded" ? 10 : 200,
  uptime: level === "no_data" ? null : level === "operational" ? 1 : level === "degraded" ? 0.993 : 0.86,
  downtimeMinutes: level === "outage" ? 200 : level === "degraded" ? 10 : 0,
  incidents: level === "outage" ? 1 : 0,
  level,
  ...extra,
});

function page(components: number): PublicStatusPage {
  const bars = Array.from({ length: 90 }, (_, k) => bar(k % 17 === 0 ? "outage" : k % 11 === 0 ? "degraded" : k < 3 ? "no_data" : "operational", k));
  return {
    page: { id: "p1", slug: "acme", title: "Acme <Corp>", description: "Our services", logoUrl: null, createdAt: "2026-01-01T00:00:00.000Z" },
    headline: { indicator: "minor", description: "Degraded performance" },
    groups: [
      {
        id: "group-0",
        name: "Core",
        components: Array.from({ length: components }, (_, i) => ({
          id: `c${i}`,
          name: `Service "${i}"`,
          status: "operational" as const,
          uptime: 0.9987,
          bars,
        })),
      },
    ],
    maintenances: [],
    generatedAt: "2026-12-02T12:00:00.000Z",
  };
}

describe("status page HTML", () => {
  it("draws a component's 90 days as one stroke for the common level and one per run of another", () => {
    const bars = [bar("operational", 0), bar("operational", 1), bar("outage", 2), bar("outage", 3), bar("operational", 4), bar("no_data", 5)];
    expect(barsSvg(bars)).toBe('<path class="o" d="M0 12h18"/><path class="x" d="M6 12h6"/><path class="n" d="M15 12h3"/>');
  });

  it("codes a day's detail compactly: empty for a clean day", () => {
    expect(dayCode(bar("operational", 0))).toBe("");
    expect(dayCode(bar("no_data", 0))).toBe("n");
    expect(dayCode(bar("outage", 0))).toBe("8600.200.1");
  });

  it("keeps a 100-component page far below 300 KB, escaping what editors typed", () => {
    const html = statusPageHtml(page(100), { base: "/status/acme" });
    expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
    expect(html).toContain("<h1>Acme &lt;Corp&gt;</h1>");
    expect(html).toContain("Service &quot;99&quot;");
    expect(html).not.toContain("<Corp>");
    expect(html.match(/<svg class="b"/g)).toHaveLength(100);
    expect(html).toContain('tabindex="0" role="img" aria-label="Service &quot;0&quot;: 99.87% uptime over 90 days');
    expect(html).toContain('href="/status/acme/api/v2/summary.json"');
  });

  it("links from the root on a custom host", () => {
    expect(statusPageHtml(page(1), { base: "" })).toContain('href="/api/v2/summary.json"');
  });

  it("renders a widget with the headline and only the components that are not operational", () => {
    const view = page(2);
    view.groups[0]!.components[1]!.status = "major_outage";
    const html = statusWidgetHtml(view, { pageUrl: "/status/acme" });
    expect(html).toContain('<span data-testid="widget-headline">Degraded performance</span>');
    expect(html).toContain("Service &quot;1&quot;: Major outage");
    expect(html).not.toContain("Service &quot;0&quot;");
  });

  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
