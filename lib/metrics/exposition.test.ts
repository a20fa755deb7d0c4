import { describe, expect, it } from "vitest";
import { formatValue, renderExposition } from "./exposition";

describe("renderExposition", () => {
  it("writes HELP, TYPE and one line a sample, label values escaped", () => {
    const text = renderExposition([
      {
        name: "tether_things_total",
        type: "counter",
        help: 'Things\\ "seen"\nper day',
        samples: [
          { labels: { integration: 'a "quoted"\\name\nx', kind: "http" }, value: 3 },
          { labels: {}, value: 0.25 },
        ],
      },
      { name: "tether_empty", type: "gauge", help: "Nothing yet.", samples: [] },
    ]);
    expect(text).toBe(
      [
        '# HELP tether_things_total Things\\\\ "seen"\\nper day',
        "# TYPE tether_things_total counter",
        'tether_things_total{integration="a \\"quoted\\"\\\\name\\nx",kind="http"} 3',
        "tether_things_total 0.25",
        "# HELP tether_empty Nothing yet.",
        "# TYPE tether_empty gauge",
        "",
      ].join("\n"),
    );
  });

  it("uses a histogram sample's own metric name and writes non-finite values as the format spells them", () => {
    const text = renderExposition([
      { name: "h_seconds", type: "histogram", help: "h", samples: [{ metricName: "h_seconds_bucket", labels: { le: "+Inf" }, value: 2 }] },
    ]);
    expect(text).toContain('h_seconds_bucket{le="+Inf"} 2\n');
    expect([formatValue(Infinity), formatValue(-Infinity), formatValue(NaN), formatValue(1e-7)]).toEqual(["+Inf", "-Inf", "NaN", "1e-7"]);
  });
});
