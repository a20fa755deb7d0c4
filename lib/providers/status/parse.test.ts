import { describe, expect, it } from "vitest";
import githubPartial from "./fixtures/statuspage-github-partial.json";
import { GITHUB_PARTIAL_INCIDENT } from "./fixtures/expected";
import operational from "./fixtures/statuspage-operational.json";
import slackActive from "./fixtures/slack-active.json";
import { parseStatusBody } from "./parse";
import { formatOf } from "./reading";
import { parseSlackStatus } from "./slack/parse";
import { parseStatuspageSummary } from "./statuspage/parse";

const at = new Date("2026-12-01T12:30:00Z");

describe("Statuspage summary.json", () => {
  it("maps a major indicator to a partial outage, with the open incident, its components, link and start", () => {
    expect(parseStatuspageSummary(githubPartial, at)).toEqual({
      indicator: "partial_outage",
      description: "Partial System Outage",
      incidents: [GITHUB_PARTIAL_INCIDENT],
      fetchedAt: "2026-12-01T12:30:00.000Z",
      pageName: "GitHub",
    });
  });

  it("keeps the page's own name, trimmed; a page without one, or a malformed one, still reads", () => {
    expect(parseStatuspageSummary(operational, at).pageName).toBe("Twilio");
    const { page: _page, ...nameless } = githubPartial as Record<string, unknown>;
    expect(parseStatuspageSummary(nameless, at)).toMatchObject({ indicator: "partial_outage", pageName: null });
    expect(parseStatuspageSummary({ ...nameless, page: { name: 42 } }, at)).toMatchObject({ indicator: "partial_outage", pageName: null });
    expect(parseStatuspageSummary({ ...nameless, page: { name: "  Acme\n Cloud " } }, at).pageName).toBe("Acme Cloud");
  });

  it("reads none as operational; a merely scheduled maintenance changes nothing", () => {
    const r = parseStatuspageSummary(operational, at);
    expect(r.indicator).toBe("operational");
    expect(r.description).toBe("All Systems Operational");
    expect(r.incidents).toEqual([]);
  });

  it("maps each indicator", () => {
    const read = (indicator: string) => parseStatuspageSummary({ status: { indicator, description: "x" }, incidents: [] }, at).indicator;
    expect(["none", "minor", "major", "critical", "maintenance", "sideways"].map(read)).toEqual([
      "operational",
      "degraded",
      "partial_outage",
      "major_outage",
      "maintenance",
      "unknown",
    ]);
  });

  it("reads an in-progress maintenance under a none indicator as maintenance", () => {
    const body = { status: { indicator: "none", description: "All Systems Operational" }, incidents: [], scheduled_maintenances: [{ status: "in_progress" }] };
    expect(parseStatuspageSummary(body, at).indicator).toBe("maintenance");
  });

  it("falls back to created_at, drops resolved incidents and unsafe links", () => {
    const body = {
      status: { indicator: "minor", description: "Minor Service Outage" },
      incidents: [
        { name: "Webhooks delayed", status: "identified", shortlink: "javascript:alert(1)", started_at: null, created_at: "2026-12-01T11:00:00Z" },
        { name: "Old", status: "resolved", shortlink: "https://stspg.io/old", started_at: "2026-11-01T00:00:00Z" },
      ],
    };
    expect(parseStatuspageSummary(body, at).incidents).toEqual([
      { name: "Webhooks delayed", status: "identified", url: null, startedAt: "2026-12-01T11:00:00.000Z" },
    ]);
  });

  it("reads anything malformed as unknown, never throwing", () => {
    for (const body of [
      null,
      "ok",
      42,
      [],
      {},
      { status: "ok" },
      { status: { indicator: 1 } },
      { status: { indicator: "none", description: "x" }, incidents: "no" },
    ]) {
      expect(parseStatuspageSummary(body, at)).toEqual({
        indicator: "unknown",
        description: "Unrecognised status page",
        incidents: [],
        fetchedAt: at.toISOString(),
      });
    }
  });
});

describe("Slack status API", () => {
  it("reads an active incident as a partial outage, with services, link and start", () => {
    expect(parseSlackStatus(slackActive, at)).toEqual({
      indicator: "partial_outage",
      description: "Partial Service Disruption",
      incidents: [
        {
          name: "Some users may have trouble loading messages (Messaging, Connectivity)",
          status: "active",
          url: "https://slack-status.com/2026-12/4d1a0a2f9b3c7e11",
          startedAt: "2026-12-01T12:12:05.000Z",
        },
      ],
      fetchedAt: at.toISOString(),
    });
  });

  it("reads ok as operational, an outage as major, a notice as degraded", () => {
    expect(parseSlackStatus({ status: "ok", active_incidents: [] }, at).indicator).toBe("operational");
    const incident = (type: string) => ({
      title: "t",
      type,
      status: "active",
      url: "https://slack-status.com/x",
      date_created: "2026-12-01T00:00:00Z",
      services: [],
    });
    expect(parseSlackStatus({ status: "active", active_incidents: [incident("notice"), incident("outage")] }, at).indicator).toBe("major_outage");
    expect(parseSlackStatus({ status: "active", active_incidents: [incident("notice")] }, at).indicator).toBe("degraded");
  });

  it("reads anything malformed as unknown", () => {
    expect(parseSlackStatus({ active_incidents: [] }, at).indicator).toBe("unknown");
    expect(parseSlackStatus({ status: "ok", active_incidents: [{ url: 3 }] }, at).indicator).toBe("unknown");
    expect(parseSlackStatus({ status: "sideways", active_incidents: [] }, at).indicator).toBe("unknown");
  });
});

describe("parseStatusBody and formatOf", () => {
  it("picks Slack's format by host and Statuspage otherwise", () => {
    expect(formatOf("https://slack-status.com/api/v2.0.0/current")).toBe("slack");
    expect(formatOf("https://www.githubstatus.com/api/v2/summary.json")).toBe("statuspage");
  });

  it("reads text that is not JSON as unknown", () => {
    expect(parseStatusBody("statuspage", "<html>502 Bad Gateway</html>", at).indicator).toBe("unknown");
    expect(parseStatusBody("statuspage", JSON.stringify(githubPartial), at).indicator).toBe("partial_outage");
  });
});
