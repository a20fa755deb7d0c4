import { describe, expect, it } from "vitest";
import { monthRange } from "./month";
import { buildReport, downtimeMinutes, type ReportInput, type ReportSloInput } from "./report";
import { REPORT_CSV_HEADER, reportCsv } from "./report-csv";

const HOUR = 3_600_000;
const MIN = 60_000;
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

/** Every hour of [from, to) with `runs` runs, `bad(hourStart)` of them bad. */
function hours(from: number, to: number, runs: number, bad: (start: number) => number = () => 0) {
  const out = [];
  for (let t = from; t < to; t += HOUR) out.push({ start: t, total: runs, good: runs - bad(t) });
  return out;
}

const slo = (over: Partial<ReportSloInput> = {}): ReportSloInput => ({
  id: "slo-1",
  name: "Payments",
  objectivePct: 99.9,
  slaPct: 99.5,
  window: "rolling_30d",
  sli: { kind: "availability" },
  integrationIds: [A],
  counts: [],
  ...over,
});

function input(over: Partial<ReportInput>): ReportInput {
  return {
    range: monthRange("2026-11"),
    now: Date.UTC(2026, 11, 2, 9),
    slos: [],
    integrations: [
      { id: A, name: "Stripe API", provider: "Stripe" },
      { id: B, name: "Stripe webhooks", provider: "Stripe" },
      { id: C, name: "Mail", provider: "SendGrid" },
    ],
    providerCounts: {},
    incidents: [],
    ...over,
  };
}

describe("downtimeMinutes", () => {
  it("adds each hour's length times its bad share, and counts the covered minutes", () => {
    const nov = monthRange("2026-11");
    const counts = hours(nov.from, nov.from + 3 * HOUR, 60, (t) => (t === nov.from + HOUR ? 3 : 0));
    expect(downtimeMinutes(counts, nov.from, nov.to)).toEqual({ downtime: 3, withData: 180 });
  });
  it("lets minute buckets run to the next bucket, never past the hour or the range's end", () => {
    const t = Date.UTC(2026, 11, 2, 9);
    const counts = [
      { start: t, total: 1, good: 0 },
      { start: t + 5 * MIN, total: 1, good: 1 },
      { start: t + 10 * MIN, total: 2, good: 1 },
    ];
    expect(downtimeMinutes(counts, t, t + 12 * MIN)).toEqual({ downtime: 5 + 1, withData: 12 });
  });
});

describe("buildReport", () => {
  const nov = monthRange("2026-11");

  it("judges a complete month: achieved against objective and SLA, budget spent, downtime", () => {
    // 720 hours of 60 runs; 36 bad runs in total: 99.9167% — meets 99.5% SLA, meets 99.9% objective.
    const counts = hours(nov.from, nov.to, 60, (t) => (t < nov.from + 36 * HOUR ? 1 : 0));
    const r = buildReport(input({ slos: [slo({ counts })] }));
    expect(r).toMatchObject({
      month: "2026-11",
      state: "complete",
      from: "2026-11-01T00:00:00.000Z",
      through: "2026-12-01T00:00:00.000Z",
      minutesInMonth: 43_200,
    });
    const s = r.slos[0]!;
    expect(s.total).toBe(43_200);
    expect(s.achievedPct).toBeCloseTo(99.9167, 3);
    expect(s).toMatchObject({ objectiveMet: true, slaMet: true, downtimeMinutes: 36, minutesWithData: 43_200 });
    expect(s.budgetSpent).toBeCloseTo(0.8333, 3);
    expect(s.integrations).toEqual([{ id: A, name: "Stripe API" }]);
  });

  it("misses the objective but meets the SLA, and leaves rollups outside the month out", () => {
    const counts = [
      ...hours(nov.from - 5 * HOUR, nov.from, 60, () => 60),
      ...hours(nov.from, nov.from + 10 * HOUR, 100, (t) => (t === nov.from ? 3 : 0)),
      ...hours(nov.to, nov.to + HOUR, 10, () => 10),
    ];
    const s = buildReport(input({ slos: [slo({ counts })] })).slos[0]!;
    expect(s.total).toBe(1_000);
    expect(s.achievedPct).toBeCloseTo(99.7);
    expect(s).toMatchObject({ objectiveMet: false, slaMet: true });
    expect(s.budgetSpent).toBeCloseTo(3);
    expect(s.downtimeMinutes).toBeCloseTo(1.8);
  });

  it("says no data for a month without rollups, and no SLA verdict without an SLA", () => {
    const r = buildReport(input({ range: monthRange("2026-06"), slos: [slo({ slaPct: null })], providerCounts: {} }));
    expect(r.slos[0]).toMatchObject({ total: 0, achievedPct: null, objectiveMet: null, slaMet: null, budgetSpent: null, downtimeMinutes: 0, incidents: [] });
    expect(r.providers.map((p) => [p.provider, p.achievedPct])).toEqual([
      ["SendGrid", null],
      ["Stripe", null],
    ]);
  });

  it("stops the month in progress at now: incidents still open count to now", () => {
    const dec = monthRange("2026-12");
    const now = Date.UTC(2026, 11, 2, 9);
    const counts = hours(dec.from, Date.UTC(2026, 11, 2, 12), 60);
    const r = buildReport(
      input({
        range: dec,
        now,
        slos: [slo({ counts })],
        incidents: [
          { id: "i1", ruleName: "Stripe down", integrationId: A, severity: "critical", startedAt: now - 30 * MIN, resolvedAt: null, summary: "5 failures" },
        ],
      }),
    );
    expect(r).toMatchObject({ state: "in_progress", through: new Date(now).toISOString() });
    // Rollups stamped after now (none should exist, but a clock skew might) are not counted.
    expect(r.slos[0]!.total).toBe(33 * 60);
    expect(r.slos[0]!.minutesWithData).toBe(33 * 60);
    expect(r.slos[0]!.incidents).toEqual([expect.objectContaining({ id: "i1", resolvedAt: null, minutesInMonth: 30, integrationName: "Stripe API" })]);
  });

  it("keeps the incidents open at some instant of the month, clipped to it, on the SLO's integrations only", () => {
    const incidents = [
      { id: "before", ruleName: "r", integrationId: A, severity: "warning", startedAt: nov.from - 2 * HOUR, resolvedAt: nov.from - HOUR, summary: "" },
      { id: "across-start", ruleName: "r", integrationId: A, severity: "warning", startedAt: nov.from - HOUR, resolvedAt: nov.from + 30 * MIN, summary: "" },
      {
        id: "inside",
        ruleName: "r",
        integrationId: A,
        severity: "critical",
        startedAt: nov.from + 10 * HOUR,
        resolvedAt: nov.from + 10 * HOUR + 12 * MIN,
        summary: "",
      },
      { id: "across-end", ruleName: "r", integrationId: B, severity: "critical", startedAt: nov.to - 15 * MIN, resolvedAt: nov.to + HOUR, summary: "" },
      { id: "other", ruleName: "r", integrationId: C, severity: "critical", startedAt: nov.from + HOUR, resolvedAt: nov.from + 2 * HOUR, summary: "" },
      { id: "after", ruleName: "r", integrationId: A, severity: "critical", startedAt: nov.to, resolvedAt: nov.to + HOUR, summary: "" },
    ];
    const r = buildReport(input({ slos: [slo({ integrationIds: [A, B] })], incidents }));
    expect(r.slos[0]!.incidents.map((i) => [i.id, i.minutesInMonth])).toEqual([
      ["across-start", 30],
      ["inside", 12],
      ["across-end", 15],
    ]);
    expect(r.providers.find((p) => p.provider === "SendGrid")!.incidents.map((i) => i.id)).toEqual(["other"]);
  });

  it("rolls up per provider: its integrations' counts, the strictest objective and SLA of the SLOs covering them", () => {
    const stripe = hours(nov.from, nov.from + 10 * HOUR, 100, (t) => (t === nov.from ? 20 : 0));
    const r = buildReport(
      input({
        slos: [
          slo({ id: "s1", name: "Charges", objectivePct: 99, slaPct: 99.5 }),
          slo({ id: "s2", name: "Hooks", objectivePct: 99.9, slaPct: null, integrationIds: [B] }),
        ],
        providerCounts: { Stripe: stripe },
      }),
    );
    const p = r.providers.find((x) => x.provider === "Stripe")!;
    expect(p.integrations.map((i) => i.name)).toEqual(["Stripe API", "Stripe webhooks"]);
    expect(p.slos.map((s) => s.name)).toEqual(["Charges", "Hooks"]);
    expect(p).toMatchObject({ objectivePct: 99.9, slaPct: 99.5, achievedPct: 98, objectiveMet: false, slaMet: false, downtimeMinutes: 12 });
    expect(r.providers.find((x) => x.provider === "SendGrid")).toMatchObject({ slos: [], objectivePct: null, slaPct: null, budgetSpent: null });
  });

  it("counts a leap February's 29th day", () => {
    const feb = monthRange("2028-02");
    const counts = hours(feb.from, feb.to, 10, (t) => (t >= Date.UTC(2028, 1, 29) ? 10 : 0));
    const s = buildReport(input({ range: feb, now: Date.UTC(2028, 2, 5), slos: [slo({ counts })] })).slos[0]!;
    expect(s.minutesWithData).toBe(29 * 1440);
    expect(s.downtimeMinutes).toBe(1440);
    expect(s.achievedPct).toBeCloseTo((100 * 28) / 29);
  });
});

describe("reportCsv", () => {
  it("writes a row per SLO and provider, then its incidents, quoting what needs it", () => {
    const nov = monthRange("2026-11");
    const r = buildReport(
      input({
        slos: [slo({ name: 'Payments, "core"', integrationIds: [A, B], counts: hours(nov.from, nov.from + 2 * HOUR, 100, () => 1) })],
        incidents: [{ id: "i", ruleName: "=cmd", integrationId: A, severity: "critical", startedAt: nov.from, resolvedAt: nov.from + 6 * MIN, summary: "" }],
      }),
    );
    const lines = reportCsv(r).split("\r\n");
    expect(lines[0]).toBe(REPORT_CSV_HEADER.join(","));
    expect(lines[1]).toBe(
      `slo,"Payments, ""core""",2026-11,2026-12-01T00:00:00.000Z,Stripe API; Stripe webhooks,99,99.9,99.5,missed,missed,1000,1.2,120,1,,,,,,`,
    );
    expect(lines[2]).toBe(`slo_incident,"Payments, ""core""",2026-11,,,,,,,,,,,,'=cmd,Stripe API,critical,2026-11-01T00:00:00.000Z,2026-11-01T00:06:00.000Z,6`);
    expect(lines.filter((l) => l.startsWith("provider,")).map((l) => l.split(",")[1])).toEqual(["SendGrid", "Stripe"]);
    expect(lines.at(-1)).toBe("");
  });
});
