import { describe, expect, it } from "vitest";
import { describeCondition, describeResolve, describeScope, formatSeconds } from "./condition-text";
import { ruleConditionSchema } from "./rule";

const words = (c: unknown) => describeCondition(ruleConditionSchema.parse(c));

describe("describeCondition", () => {
  it("puts every condition kind in words", () => {
    expect(words({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 10 })).toBe("error rate > 20% over 5 min (min 10 runs)");
    expect(words({ kind: "latency", percentile: "p95", thresholdMs: 1200, windowMinutes: 60, minSamples: 1 })).toBe(
      "p95 latency > 1,200 ms over 1 h (min 1 run)",
    );
    expect(words({ kind: "consecutive_failures", count: 3 })).toBe("3 consecutive failures");
    expect(words({ kind: "failures_of_last", failures: 3, of: 10 })).toBe("3 of the last 10 runs failed");
    expect(words({ kind: "circuit_open" })).toBe("circuit opens");
    expect(words({ kind: "circuit_open", openForSeconds: 300 })).toBe("circuit open for more than 5 min");
    expect(words({ kind: "tls_expiry", days: 1 })).toBe("TLS certificate expires within 1 day");
    expect(words({ kind: "credential_expiry", days: 7 })).toBe("credential expires within 7 days");
    expect(words({ kind: "mcp_breaking_change" })).toBe("a new MCP tool version has breaking changes");
    expect(words({ kind: "contract_breaking_change", windowMinutes: 1440 })).toBe("a breaking change to the response shape or GraphQL schema within 1 d");
    expect(words({ kind: "webhook_silence", silentMinutes: 90 })).toBe("no webhook received for 90 min");
    expect(words({ kind: "webhook_failure_rate", thresholdPct: 10, windowMinutes: 15, minSamples: 1 })).toBe(
      "webhook failed-delivery rate > 10% over 15 min (min 1 delivery)",
    );
  });

  it("names the hysteresis only when there is one", () => {
    expect(describeResolve(ruleConditionSchema.parse({ kind: "error_rate", thresholdPct: 20, resolvePct: 5, windowMinutes: 5 }))).toBe("resolves below 5%");
    expect(describeResolve(ruleConditionSchema.parse({ kind: "latency", percentile: "p99", thresholdMs: 900, resolveMs: 600, windowMinutes: 5 }))).toBe(
      "resolves below 600 ms",
    );
    expect(describeResolve(ruleConditionSchema.parse({ kind: "error_rate", thresholdPct: 20, windowMinutes: 5 }))).toBeNull();
  });
});

describe("describeScope and formatSeconds", () => {
  it("names the scope", () => {
    const names = new Map([["6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f10", "Payments API"]]);
    expect(describeScope({ kind: "integration", integrationId: "6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f10" }, names)).toBe("Payments API");
    expect(describeScope({ kind: "integration", integrationId: "6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f11" }, names)).toBe("one integration");
    expect(describeScope({ kind: "tag", tag: "payments" })).toBe("tag payments");
    expect(describeScope({ kind: "all" })).toBe("all integrations");
  });

  it("uses the largest unit that divides", () => {
    expect([0, 45, 120, 5_400, 7_200, 172_800].map(formatSeconds)).toEqual(["0 s", "45 s", "2 min", "90 min", "2 h", "2 d"]);
  });
});

describe("burn-rate wording", () => {
  it("names every pair", () => {
    expect(
      words({
        kind: "slo_burn_rate",
        sloId: "7a1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f11",
        windows: [
          { factor: 14.4, longMinutes: 60, shortMinutes: 5 },
          { factor: 6, longMinutes: 360, shortMinutes: 30 },
        ],
        minSamples: 5,
      }),
    ).toBe("SLO budget burns > 14.4× over 1 h and 5 min, or 6× over 6 h and 30 min");
  });
});
