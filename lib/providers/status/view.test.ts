import { describe, expect, it } from "vitest";
import { providerLabelFor, providerStatusView } from "./view";

const github = "https://www.githubstatus.com/api/v2/summary.json";
const fetchedAt = "2026-12-01T12:30:00.000Z";

describe("provider status view", () => {
  it("names the provider by its preset, or by the page's host for a custom URL", () => {
    expect(providerLabelFor(github)).toBe("GitHub");
    expect(providerLabelFor("https://slack-status.com/api/v2.0.0/current")).toBe("Slack");
    expect(providerLabelFor("https://status.datadoghq.eu/api/v2/summary.json")).toBe("Datadog");
    expect(providerLabelFor("https://status.acme.dev/api/v2/summary.json")).toBe("status.acme.dev");
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
