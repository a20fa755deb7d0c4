import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SloInput } from "../slo";
import { openSloYaml, sloSlug, toOpenSlo } from "./export";
import { parseOpenSloYaml } from "./import";

const A = "6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f10";
const B = "6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f11";
const integrations = [
  { id: A, name: "Stripe API", tags: ["payments"] },
  { id: B, name: "Ledger", tags: ["payments", "core"] },
];
const nameOf = (id: string) => integrations.find((i) => i.id === id)?.name ?? id;

const slos: SloInput[] = [
  {
    name: "Stripe availability",
    scope: { kind: "integration", integrationId: A },
    objectivePct: 99.9,
    window: "rolling_30d",
    sli: { kind: "availability" },
    slaPct: 99.5,
  },
  {
    name: "Payments latency",
    scope: { kind: "tag", tag: "payments" },
    objectivePct: 95,
    window: "calendar_month",
    sli: { kind: "latency", thresholdMs: 800 },
    slaPct: null,
  },
  {
    name: "Core set",
    scope: { kind: "integrations", integrationIds: [B, A] },
    objectivePct: 99.95,
    window: "rolling_7d",
    sli: { kind: "availability" },
    slaPct: null,
  },
  {
    name: "Four weeks",
    scope: { kind: "integration", integrationId: B },
    objectivePct: 99.5,
    window: "rolling_28d",
    sli: { kind: "availability" },
    slaPct: 99,
  },
];

describe("OpenSLO export", () => {
  it("writes openslo/v1 SLO documents with a ratioMetric, the window, the budgeting method and the target", () => {
    const doc = toOpenSlo(slos[0]!, nameOf);
    expect(doc).toMatchObject({
      apiVersion: "openslo/v1",
      kind: "SLO",
      metadata: { name: "stripe-availability", displayName: "Stripe availability", annotations: { "tether.dev/contracted-sla-pct": "99.5" } },
      spec: {
        service: "Stripe API",
        indicator: {
          spec: {
            ratioMetric: { good: { metricSource: { type: "Tether" } }, total: { metricSource: { type: "Tether", spec: { integration: "Stripe API" } } } },
          },
        },
        timeWindow: [{ duration: "30d", isRolling: true }],
        budgetingMethod: "Occurrences",
        objectives: [{ target: 0.999 }],
      },
    });
    expect(toOpenSlo(slos[1]!, nameOf)).toMatchObject({ spec: { timeWindow: [{ duration: "1M", isRolling: false, calendar: { timeZone: "Etc/UTC" } }] } });
    const text = openSloYaml(slos, nameOf);
    expect(text.split("\n---\n")).toHaveLength(4);
    expect(parse(text.split("---\n")[0]!)).toEqual(doc);
  });

  it("makes RFC 1123 names", () => {
    expect(sloSlug("Payments — API (EU) 99.9%")).toBe("payments-api-eu-99-9");
    expect(sloSlug("!!!")).toBe("slo");
    expect(sloSlug("x".repeat(80))).toHaveLength(63);
  });
});

describe("OpenSLO import", () => {
  it("round-trips every scope, window, SLI and the SLA", () => {
    const back = parseOpenSloYaml(openSloYaml(slos, nameOf), integrations);
    expect(back.problems).toEqual([]);
    expect(back.items.map((i) => i.slo)).toEqual(slos);
    expect(back.items.map((i) => i.covers)).toEqual(["Stripe API", "tag payments", "Ledger, Stripe API", "Ledger"]);
    expect(back.items.map((i) => [i.document, i.line])).toEqual([
      [1, 1],
      [2, expect.any(Number)],
      [3, expect.any(Number)],
      [4, expect.any(Number)],
    ]);
    expect(back.items.every((i) => i.warnings.length === 0)).toBe(true);
  });

  it("reads another tool's SLO by its service name, with targetPercent, and says what changes", () => {
    const text = `apiVersion: openslo/v1
kind: Service
metadata:
  name: ledger
spec: {}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ledger-errors
spec:
  service: ledger
  indicator:
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Datadog
            spec:
              query: sum:hits{code:200}
        total:
          metricSource:
            type: Datadog
            spec:
              query: sum:hits{*}
  timeWindow:
    - duration: 4w
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - targetPercent: 99.5
      timeSliceTarget: 0.9
      timeSliceWindow: 5m
`;
    const r = parseOpenSloYaml(text, integrations);
    expect(r.problems).toEqual([]);
    expect(r.skipped).toEqual([{ document: 1, kind: "Service" }]);
    expect(r.items[0]!.slo).toEqual({
      name: "ledger-errors",
      scope: { kind: "integration", integrationId: B },
      objectivePct: 99.5,
      window: "rolling_28d",
      sli: { kind: "availability" },
      slaPct: null,
    });
    expect(r.items[0]!.warnings).toEqual([
      "Tether budgets by occurrences (good runs of all runs), not Timeslices.",
      "Its queries are for Datadog; Tether will count the probe runs of Ledger (availability) instead.",
    ]);
  });

  it("points each problem at its line and column", () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: broken
spec:
  service: x
  indicator:
    spec:
      ratioMetric:
        good:
          metricSource: { type: Tether, spec: { runs: successful } }
        total:
          metricSource:
            type: Tether
            spec:
              integration: Nope API
  timeWindow:
    - duration: 30d
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
    expect(parseOpenSloYaml(text, integrations).problems).toEqual([
      {
        document: 1,
        line: 16,
        column: 28,
        path: "spec.indicator.spec.ratioMetric.total.metricSource.spec.integration",
        message: 'No integration named "Nope API" here: create it first, or change the name',
      },
    ]);
    const bad = parseOpenSloYaml(
      text.replace("duration: 30d", "duration: 90d").replace("integration: Nope API", "integration: Ledger").replace("target: 0.999", "target: 1.5"),
      integrations,
    );
    expect(bad.problems).toEqual([
      { document: 1, line: 21, column: 15, path: "spec.objectives.0.target", message: "target is a share below 1 (0.999 for 99.9%)" },
    ]);
    const window = parseOpenSloYaml(text.replace("duration: 30d", "duration: 90d").replace("integration: Nope API", "integration: Ledger"), integrations);
    expect(window.problems).toEqual([
      { document: 1, line: 18, column: 17, path: "spec.timeWindow.0.duration", message: "Tether's rolling windows are 7d, 28d and 30d; 90d is not one" },
    ]);
    const missing = parseOpenSloYaml(text.replace("kind: SLO\n", "kind: SLO\napiVersion2: x\n").replace("  budgetingMethod: Occurrences\n", ""), integrations);
    expect(missing.problems).toEqual([
      expect.objectContaining({ path: "spec.budgetingMethod", line: 7, column: 3, message: "budgetingMethod is Occurrences, Timeslices or RatioTimeslices" }),
    ]);
  });

  it("reports YAML syntax errors with their position, and files with nothing to import", () => {
    const r = parseOpenSloYaml("apiVersion: openslo/v1\nkind: [SLO\n", integrations);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ document: 1, line: expect.any(Number), column: expect.any(Number) });
    expect(r.problems[0]!.message).toMatch(/^Not valid YAML: /);
    expect(parseOpenSloYaml("", integrations).problems).toEqual([{ document: 1, message: "No SLO documents (kind: SLO) in the file" }]);
    expect(parseOpenSloYaml("apiVersion: openslo/v0\nkind: SLO\n", integrations).problems[0]).toMatchObject({
      path: "apiVersion",
      line: 1,
      column: 13,
      message: "apiVersion must be openslo/v1",
    });
  });
});
