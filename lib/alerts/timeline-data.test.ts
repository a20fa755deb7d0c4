import { describe, expect, it } from "vitest";
import { toTimelineLanes } from "./timeline-data";
import type { IncidentView, TimelineItem } from "./types";

const from = "2026-11-20T00:00:00.000Z";
const to = "2026-11-20T10:00:00.000Z";
const at = (h: number) => new Date(Date.parse(from) + h * 3_600_000).toISOString();

const incident = (start: number, end: number | null, status: IncidentView["status"]): TimelineItem => ({
  kind: "incident",
  at: at(start),
  events: [],
  incident: {
    id: `i${start}`,
    rule: { id: "r", name: "Errors", severity: "warning" },
    integration: { id: "x", name: "Payments" },
    severity: "warning",
    status,
    summary: `Payments: error rate (${start})`,
    value: 50,
    peak: 60,
    threshold: 20,
    unit: "%",
    startedAt: at(start),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: end === null ? null : at(end),
  },
});

describe("toTimelineLanes", () => {
  it("places incidents as segments, an open one running to the window's end", () => {
    const lanes = toTimelineLanes({ from, to, items: [incident(8, null, "open"), incident(1, 2, "resolved")] });
    expect(lanes.incidents.map((s) => [s.start, s.end, s.tone])).toEqual([
      [0.1, 0.2, "neutral"],
      [0.8, 1, "bad"],
    ]);
  });

  it("shades the circuit while it is not closed, starting from the first transition's previous state", () => {
    const items: TimelineItem[] = [
      { kind: "circuit", at: at(6), from: "half_open", to: "closed", reason: "trial ok" },
      { kind: "circuit", at: at(5), from: "open", to: "half_open", reason: "cooldown" },
      { kind: "circuit", at: at(2), from: "closed", to: "open", reason: "3 failures" },
      { kind: "circuit", at: at(9), from: "closed", to: "open", reason: "3 failures" },
    ];
    expect(toTimelineLanes({ from, to, items }).circuit.map((s) => [s.start, s.end, s.label])).toEqual([
      [0.2, 0.5, "circuit open"],
      [0.5, 0.6, "circuit half-open"],
      [0.9, 1, "circuit open"],
    ]);
    // Already open when the window starts.
    expect(
      toTimelineLanes({ from, to, items: [{ kind: "circuit", at: at(3), from: "open", to: "half_open", reason: "" }] }).circuit.map((s) => [s.start, s.end]),
    ).toEqual([
      [0, 0.3],
      [0.3, 1],
    ]);
  });

  it("shades probe failures from a failed change to the next recovery", () => {
    const probe = (h: number, change: "failed" | "recovered"): TimelineItem => ({
      kind: "probe",
      at: at(h),
      change,
      runId: `r${h}`,
      errorClass: change === "failed" ? "http_status" : null,
      errorMessage: null,
      latencyMs: 12,
    });
    const lanes = toTimelineLanes({ from, to, items: [probe(1, "recovered"), probe(3, "failed"), probe(4, "recovered"), probe(7, "failed")] });
    expect(lanes.probes.map((s) => [s.start, s.end, s.label])).toEqual([
      [0, 0.1, "failing"],
      [0.3, 0.4, "failing: http_status"],
      [0.7, 1, "failing: http_status"],
    ]);
  });

  it("is empty for a quiet window", () => {
    expect(toTimelineLanes({ from, to, items: [] })).toEqual({ incidents: [], circuit: [], probes: [] });
  });
});
