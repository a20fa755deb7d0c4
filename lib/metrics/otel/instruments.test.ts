import { describe, expect, it } from "vitest";
import { fleetGaugePoints, FLEET_GAUGES, httpClientAttributes, probeRunAttributes } from "./instruments";
import type { ProbeRunSample } from "./types";

const run = (over: Partial<ProbeRunSample["result"]>, url: string | null = "http://[::1]:8080/health"): ProbeRunSample => ({
  integration: "api",
  kind: "http",
  url,
  method: "post",
  result: { ok: true, latencyMs: 12, httpStatus: 204, errorClass: null, ...over },
});

describe("OTel instruments", () => {
  it("maps every fleet gauge to a /metrics family and renames labels to dotted attributes", () => {
    const points = fleetGaugePoints([
      { name: "tether_slo_burn_rate", type: "gauge", help: "", samples: [{ labels: { slo: "A", slo_id: "1", window: "5m" }, value: 2 }] },
      { name: "tether_probe_runs_total", type: "counter", help: "", samples: [{ labels: {}, value: 9 }] },
    ]);
    expect(points.get("tether.slo.burn_rate")).toEqual([{ attributes: { "tether.slo.name": "A", "tether.slo.id": "1", "tether.slo.window": "5m" }, value: 2 }]);
    expect(points.get("tether.integration.up")).toEqual([]);
    expect([...points.keys()]).toEqual(FLEET_GAUGES.map((g) => g.name));
    expect(FLEET_GAUGES.every((g) => g.name.startsWith("tether.") && !g.family.endsWith("_total"))).toBe(true);
  });

  it("gives http.client.request.duration the conventions' attributes; error.type is the status for status failures", () => {
    expect(httpClientAttributes(run({}))).toEqual({
      "http.request.method": "POST",
      "server.address": "::1",
      "server.port": 8080,
      "url.scheme": "http",
      "http.response.status_code": 204,
    });
    expect(httpClientAttributes(run({ ok: false, httpStatus: 500, errorClass: "http_status" }))?.["error.type"]).toBe("500");
    expect(httpClientAttributes(run({ ok: false, httpStatus: null, errorClass: "timeout" }))).toMatchObject({ "error.type": "timeout" });
    expect(httpClientAttributes(run({ ok: false, httpStatus: null, errorClass: "timeout" }))).not.toHaveProperty("http.response.status_code");
    expect(httpClientAttributes(run({}, null))).toBeNull();
    expect(httpClientAttributes(run({}, "https://{{secret:host}}/x"))).toBeNull();
    expect(httpClientAttributes(run({ latencyMs: null }))).toBeNull();
  });

  it("labels runs by integration, kind and result", () => {
    expect(probeRunAttributes(run({ ok: false, errorClass: "dns" }))).toEqual({
      "tether.integration.name": "api",
      "tether.integration.kind": "http",
      "tether.probe.result": "failure",
      "error.type": "dns",
    });
  });
});
