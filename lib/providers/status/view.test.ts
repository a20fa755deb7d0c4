import { describe, expect, it } from "vitest";
import type { StatusIndicator } from "./reading";
import { declaredTrouble, providerLabelFor, providerStatusView, STATUS_STALE_AFTER_MS } from "./view";

const github = "https://www.githubstatus.com/api/v2/summary.json";
const fetchedAt = "2026-12-01T12:30:00.000Z";

describe("provider status view", () => {
  it("names the provider by its preset, or by the page's host for a custom URL", () => {
    expect(providerLabelFor(github)).toBe("GitHub");
    expect(providerLabelFor("https://slack-status.com/api/v2.0.0/current")).toBe("Slack");
    expect(providerLabelFor("https://status.datadoghq.eu/api/v2/summary.json")).toBe("Datadog");
    expect(providerLabelFor("https://status.acme.dev/api/v2/summary.json")).toBe("status.acme.dev");
    // A custom page's own name wins over its host; a preset's label wins over the page's name.
    expect(providerLabelFor("https://status.acme.dev/api/v2/summary.json", "Acme Cloud")).toBe("Acme Cloud");
    expect(providerLabelFor(github, "GitHub, Inc.")).toBe("GitHub");
  });

  it("says what the provider reports, with its incidents", () => {
    const incident = { name: "Degraded performance on API", status: "investigating", url: "https://stspg.io/p4rm", startedAt: "2026-12-01T12:04:30.000Z" };
    expect(providerStatusView(github, { indicator: "partial_outage", description: "Partial System Outage", incidents: [incident], fetchedAt })).toEqual({
      provider: "GitHub",
      label: "Partial outage",
      tone: "bad",
      headline: "GitHub reports: Partial outage — Partial System Outage",
      incidents: [incident],
      fetchedAt,
    });
  });

  it("stays calm when the page is unread or unreadable", () => {
    expect(providerStatusView(github, null)).toMatchObject({ tone: "neutral", label: "Unknown", headline: "GitHub's status page has not been read yet." });
    expect(providerStatusView(github, { indicator: "unknown", description: "Status page answered HTTP 503", incidents: [], fetchedAt })).toMatchObject({
      tone: "neutral",
      headline: "GitHub's own status is unknown (Status page answered HTTP 503).",
    });
  });
});

describe("declared trouble (for rules that mute during provider incidents)", () => {
  const now = Date.parse(fetchedAt) + 60_000;
  const reading = (indicator: StatusIndicator) => ({
    indicator,
    description: "x",
    incidents: [],
    fetchedAt,
  });

  it("is the page's headline for a fresh reading of anything but operational or unknown", () => {
    for (const indicator of ["degraded", "partial_outage", "major_outage", "maintenance"] as const) {
      expect(declaredTrouble(github, reading(indicator), now)).toEqual({ id: github, reason: providerStatusView(github, reading(indicator)).headline });
    }
    for (const indicator of ["operational", "unknown"] as const) expect(declaredTrouble(github, reading(indicator), now)).toBeNull();
    expect(declaredTrouble(github, null, now)).toBeNull();
  });

  it("is nothing once the reading is stale: an old word does not mute today's alert", () => {
    const at = Date.parse(fetchedAt);
    expect(declaredTrouble(github, reading("major_outage"), at + STATUS_STALE_AFTER_MS)).not.toBeNull();
    expect(declaredTrouble(github, reading("major_outage"), at + STATUS_STALE_AFTER_MS + 1)).toBeNull();
  });
});
